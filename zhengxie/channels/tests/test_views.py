"""The pages as each role: settings and texts for the system administrator only, the log for staff, choices for
everyone; credentials never shown again."""

import json

import pytest
from django.urls import reverse

from zhengxie.channels.choices import Channel, DeliveryStatus
from zhengxie.channels.models import ChannelConfig, Delivery, NoticeText, PersonChannels
from zhengxie.core import services
from zhengxie.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_system_administrator_sets_up_sms_and_the_secret_is_never_shown(world, client_as):
    admin = client_as(world.city_sysadmin)
    url = reverse("channels:config_edit", args=["sms"])
    assert admin.get(url + "?provider=aliyun").status_code == 200
    answer = admin.post(url, {"provider": "aliyun", "enabled": "on", "rate_per_minute": "30",
                              "o_access_key_id": "LTAI5t", "o_sign_name": "天水政协", "o_template_code": "SMS_1",
                              "s_access_key_secret": "top-secret-value"})
    assert answer.status_code == 302
    config = ChannelConfig.objects.get(organisation=world.city, channel=Channel.SMS)
    assert config.enabled and config.provider == "aliyun" and json.loads(config.secrets) == {
        "access_key_secret": "top-secret-value"}
    raw = ChannelConfig.objects.filter(pk=config.pk).values_list("secrets", flat=True)
    with __import__("django.db", fromlist=["connection"]).connection.cursor() as cursor:
        cursor.execute("SELECT secrets FROM channels_channelconfig WHERE id = %s", [config.pk])
        stored = cursor.fetchone()[0]
    assert "top-secret" not in stored and raw
    page = admin.get(url).content.decode()
    assert "top-secret" not in page and "LTAI5t" in page
    # Saved again with the secret left empty: the stored one stays.
    admin.post(url, {"provider": "aliyun", "enabled": "on", "rate_per_minute": "30", "o_access_key_id": "LTAI5t",
                     "version": str(ChannelConfig.objects.get(pk=config.pk).version)})
    assert json.loads(ChannelConfig.objects.get(pk=config.pk).secrets)["access_key_secret"] == "top-secret-value"
    entry = AuditEntry.objects.filter(action="channels.config.saved").first()
    assert "top-secret" not in json.dumps(entry.changes, ensure_ascii=False)


def test_switching_on_without_credentials_is_refused_and_keeps_what_was_typed(world, client_as):
    admin = client_as(world.city_sysadmin)
    answer = admin.post(reverse("channels:config_edit", args=["wecom"]), {
        "enabled": "on", "rate_per_minute": "60", "o_corp_id": "ww123", "o_agent_id": "1000002"})
    assert answer.status_code == 200 and "ww123" in answer.content.decode()
    assert not ChannelConfig.objects.filter(organisation=world.city, channel="wecom", enabled=True).exists()


def test_others_may_not_configure(world, client_as):
    for name in ("city_member", "city_proposal", "city_admin", "city_secadmin"):
        client = client_as(world.users[name])
        assert client.get(reverse("channels:configs")).status_code == 403, name
        assert client.get(reverse("channels:texts")).status_code == 403, name
        assert client.post(reverse("channels:config_edit", args=["sms"]), {"provider": "gateway"}).status_code == 403


def test_a_text_is_previewed_checked_and_saved(world, client_as):
    admin = client_as(world.city_sysadmin)
    url = reverse("channels:text_edit", args=["meeting", "sms", "zh-hans"])
    page = admin.get(url).content.decode()
    assert "会议" in page
    long = "尊敬的委员您好，" * 8 + "%(title)s %(link)s"
    answer = admin.post(url, {"text": long, "save": "1"})
    assert answer.status_code == 200 and "70" in answer.content.decode()
    assert not NoticeText.objects.exists()
    answer = admin.post(url, {"text": "会议通知：%(title)s，详见%(link)s", "preview": "1"})
    assert "关于加强乡村学校" in answer.content.decode() and not NoticeText.objects.exists()
    assert admin.post(url, {"text": "会议通知：%(title)s，详见%(link)s", "template_code": "SMS_9", "save": "1"}
                      ).status_code == 302
    assert NoticeText.objects.get().template_code == "SMS_9"


def test_a_person_chooses_channels_and_staff_see_why(world, client_as, configure):
    configure(world.city, "gateway")
    member = client_as(world.city_member)
    page = member.get(reverse("channels:preferences")).content.decode()
    assert 'name="g-meeting" value="sms" checked' in page
    assert member.post(reverse("channels:preferences"), {"g-meeting": ["email"], "digest": "on"}).status_code == 302
    person = PersonChannels.objects.get(user=world.city_member)
    assert person.choices["meeting"] == ["email"] and person.choices["rating"] == [] and person.digest
    [notice] = services.notify(recipients=[world.city_member], organisation=world.city,
                               code="activities.activity.notice", title="常委会议通知", url="/activities/1/")
    staff = client_as(world.city_office)
    page = staff.get(reverse("channels:notice_route", args=[notice.pk])).content.decode()
    assert "does not want this kind of notice" in page or "不希望" in page
    log = staff.get(reverse("channels:deliveries") + "?status=digest").content.decode()
    assert "常委会议通知" in log
    assert staff.get(reverse("channels:deliveries") + "?status=sent").content.decode().count("常委会议通知") == 0
    # A member does not read the log, nor another person's route.
    assert member.get(reverse("channels:deliveries")).status_code == 403
    other = client_as(world.city_member2)
    assert other.get(reverse("channels:notice_route", args=[notice.pk])).status_code == 404
    # Staff of another organisation neither.
    assert client_as(world.city2_office).get(reverse("channels:notice_route", args=[notice.pk])).status_code == 404
    assert Delivery.objects.filter(notification=notice, status=DeliveryStatus.DIGEST).count() == 1
