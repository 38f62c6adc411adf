"""Routing and sending: which channels a notice takes and why, one row per notice × channel, e-mail as before,
quiet hours, the rate limit, the digest, the texts and their short links."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from zhengxie.channels import tasks, texts
from zhengxie.channels.choices import Channel, DeliveryStatus, SkipReason
from zhengxie.channels.models import Delivery, NoticeText, PersonChannels, ShortLink
from zhengxie.core import services
from zhengxie.core.models import Notification

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
DAYTIME, NIGHT = TOMORROW.replace(hour=10), TOMORROW.replace(hour=23)


def _notify(world, users, code="activities.activity.notice", title="关于召开八届五次常委会议的通知", **kwargs):
    return services.notify(recipients=users, organisation=world.city, code=code, title=title,
                           url="/activities/7/", **kwargs)


def _routes(notice):
    return {d.channel: (d.status, d.reason) for d in Delivery.objects.filter(notification=notice)}


def test_members_get_sms_for_meetings_but_not_for_other_kinds_and_staff_not_at_all(world, configure):
    configure(world.city, "gateway")
    member, staff = world.city_member, world.city_proposal
    staff.phone = "13900001111"
    staff.save()
    meeting_member, meeting_staff = _notify(world, [member, staff])
    assert _routes(meeting_member) == {Channel.EMAIL: (DeliveryStatus.PENDING, ""),
                                       Channel.SMS: (DeliveryStatus.PENDING, "")}
    assert _routes(meeting_staff)[Channel.SMS] == (DeliveryStatus.SKIPPED, SkipReason.DECLINED)
    [report] = _notify(world, [member], code="opinions.report.accepted")
    assert _routes(report)[Channel.SMS] == (DeliveryStatus.SKIPPED, SkipReason.DECLINED)
    [rating] = _notify(world, [member], code="proposals.rate_reply")
    assert _routes(rating)[Channel.SMS] == (DeliveryStatus.PENDING, "")


def test_a_persons_choice_and_a_missing_address_are_recorded(world, configure):
    configure(world.city, "gateway")
    configure(world.city, "wecom")
    member = world.city_member
    PersonChannels.objects.create(user=member, choices={"meeting": ["wecom"]})
    [notice] = _notify(world, [member])
    assert _routes(notice) == {Channel.EMAIL: (DeliveryStatus.SKIPPED, SkipReason.DECLINED),
                               Channel.SMS: (DeliveryStatus.SKIPPED, SkipReason.DECLINED),
                               Channel.WECOM: (DeliveryStatus.SKIPPED, SkipReason.NO_ADDRESS)}
    [inbox_only] = _notify(world, [member], email=False)
    assert {r for _s, r in _routes(inbox_only).values()} == {SkipReason.CALLER}


@pytest.mark.django_db(transaction=True)
def test_email_goes_through_its_channel_once_and_the_notification_is_marked(world, configure, providers):
    configure(world.city, "gateway")
    mail.outbox = []
    [notice] = _notify(world, [world.city_member])  # committed: the outbox queues the task (immediate in tests)
    email, sms = (Delivery.objects.get(notification=notice, channel=c) for c in (Channel.EMAIL, Channel.SMS))
    assert email.status == DeliveryStatus.SENT and len(mail.outbox) == 1
    assert Notification.objects.get(pk=notice.pk).emailed_at is not None
    assert sms.status in (DeliveryStatus.SENT, DeliveryStatus.HELD)  # held if the suite runs at night
    # The task runs again (a retry): nothing is sent twice; a second row per channel cannot exist.
    tasks.send_deliveries.call([email.pk, sms.pk])
    assert len(mail.outbox) == 1 and len(providers.of("gateway")) <= 1
    with pytest.raises(IntegrityError):
        Delivery.objects.create(notification=notice, recipient=notice.recipient, channel=Channel.EMAIL, kind="x")


def test_no_sms_in_quiet_hours_except_urgent(world, configure, providers):
    configure(world.city, "gateway")
    [notice] = _notify(world, [world.city_member])
    sms = Delivery.objects.get(notification=notice, channel=Channel.SMS)
    assert tasks.deliver_one(sms.pk, now=NIGHT) == DeliveryStatus.HELD
    sms.refresh_from_db()
    assert timezone.localtime(sms.next_attempt_at).hour == 8 and not providers.of("gateway")
    assert "08:00" in tasks.explain(sms)
    assert tasks.deliver_one(sms.pk, now=sms.next_attempt_at) == DeliveryStatus.SENT
    # A meeting changed with no time known is urgent: it goes at night.
    [changed] = _notify(world, [world.city_member], code="activities.activity.changed", title="会议改期")
    urgent = Delivery.objects.get(notification=changed, channel=Channel.SMS)
    assert urgent.urgent and tasks.deliver_one(urgent.pk, now=NIGHT) == DeliveryStatus.SENT


def test_each_channel_keeps_to_its_rate(world, configure, providers):
    configure(world.city, "gateway", rate_per_minute=1)
    notices = _notify(world, [world.city_member, world.city_member2])
    first, second = (Delivery.objects.get(notification=n, channel=Channel.SMS) for n in notices)
    assert tasks.deliver_one(first.pk, now=DAYTIME) == DeliveryStatus.SENT
    assert tasks.deliver_one(second.pk, now=DAYTIME) == DeliveryStatus.PENDING
    second.refresh_from_db()
    assert second.next_attempt_at == DAYTIME + dt.timedelta(minutes=1) and second.attempts == 0
    assert tasks.deliver_one(second.pk, now=second.next_attempt_at) == DeliveryStatus.SENT


def test_a_digest_gathers_the_days_notices_in_one_message_per_channel(world, configure, providers, settings):
    configure(world.city, "gateway")
    PersonChannels.objects.create(user=world.city_member, digest=True)
    _notify(world, [world.city_member], title="会议一")
    _notify(world, [world.city_member], code="proposals.rate_reply", title="提案二")
    kept = Delivery.objects.filter(recipient=world.city_member, status=DeliveryStatus.DIGEST)
    assert sorted(kept.values_list("channel", flat=True)) == ["email", "email", "sms", "sms"]
    mail.outbox = []
    assert tasks.send_digests.call() == 0  # written after the last digest hour: they wait for the next
    Delivery.objects.filter(recipient=world.city_member).update(created_at=timezone.now() - dt.timedelta(days=1))
    assert tasks.send_digests.call() == 2
    assert len(mail.outbox) == 1 and "会议一" in mail.outbox[0].body and "提案二" in mail.outbox[0].body
    [sms] = providers.of("gateway")
    assert "2" in sms.body["content"] and len(sms.body["content"]) <= 70
    assert set(Delivery.objects.filter(recipient=world.city_member).values_list("reason", flat=True)) == {
        SkipReason.IN_DIGEST}
    assert tasks.send_digests.call() == 0


def test_sms_texts_fit_70_characters_in_both_languages(world):
    long_title = "关于进一步加强和改进新时代农村义务教育阶段学校师资队伍建设、提高乡村教师待遇的提案"
    for language in texts.LANGUAGES:
        for kind in ("meeting", "reply", "rating", "other"):
            text, _code = texts.wording(world.city, kind, Channel.SMS, language)
            filled = texts.fill(text, {**texts.SAMPLE, "title": long_title}, channel=Channel.SMS)
            assert len(filled) <= texts.SMS_LIMIT and filled.endswith(texts.SAMPLE["link"]), (language, kind, filled)
    zh, _code = texts.wording(world.city, "meeting", Channel.SMS, "zh-hans")
    en, _code = texts.wording(world.city, "meeting", Channel.SMS, "en")
    assert zh != en and "会议" in zh
    NoticeText.objects.create(organisation=world.city, kind="meeting", channel=Channel.SMS, language="zh-hans",
                              text="会议：%(title)s %(link)s", template_code="SMS_88")
    assert texts.wording(world.city, "meeting", Channel.SMS, "zh-hans") == ("会议：%(title)s %(link)s", "SMS_88")
    assert texts.check_text("%(title)s", Channel.SMS) and texts.check_text("%(nope)s", Channel.SMS)
    assert texts.check_text("会议：%(title)s %(link)s", Channel.SMS) == []


def test_a_short_link_opens_the_page_after_login(world, client, client_as):
    link = texts.short_link("/activities/7/")
    assert texts.short_link("/activities/7/") == link and ShortLink.objects.count() == 1
    code = link.rsplit("/", 1)[1]
    answer = client.get(reverse("channels:short", args=[code]))
    assert answer.status_code == 302 and answer["Location"] == "/activities/7/"
    assert client.get("/activities/7/")["Location"].startswith("/accounts/login/?next=/activities/7/")
    assert client.get(reverse("channels:short", args=["nothing"])).status_code == 404
    ShortLink.objects.create(code="evil", path="//evil.example/")
    assert client.get(reverse("channels:short", args=["evil"])).status_code == 404


def test_a_change_to_a_meeting_far_off_waits_for_the_morning_one_for_today_goes_at_night(world, configure, providers):
    from zhengxie.activities.tests.factories import make_activity

    configure(world.city, "gateway")
    far = make_activity(world.city, starts_in=dt.timedelta(days=10), title="下月常委会议")
    soon = make_activity(world.city, starts_in=dt.timedelta(hours=10), title="今晚改期的会议")
    deliveries = {}
    for activity in (far, soon):
        [notice] = _notify(world, [world.city_member], code="activities.activity.changed", title=activity.title,
                           obj=activity)
        deliveries[activity.pk] = Delivery.objects.get(notification=notice, channel=Channel.SMS)
    held, urgent = deliveries[far.pk], deliveries[soon.pk]
    assert not held.urgent and urgent.urgent
    assert tasks.deliver_one(held.pk, now=NIGHT) == DeliveryStatus.HELD
    assert tasks.deliver_one(urgent.pk, now=NIGHT) == DeliveryStatus.SENT
    assert len(providers.of("gateway")) == 1  # only the urgent one went out at night
