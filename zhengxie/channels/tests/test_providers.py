"""Every provider against the stand-in server: what we send (signature, parameters, token), and what we do when
the provider refuses, answers slowly or says to slow down."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.channels import tasks
from zhengxie.channels.choices import Channel, DeliveryStatus
from zhengxie.channels.models import Delivery, PersonChannels
from zhengxie.core import services

pytestmark = pytest.mark.django_db

#: Tomorrow at 10:00: due (rows are made now), and outside the quiet hours.
DAYTIME = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)


def _notice(world, user, code="activities.activity.notice", title="关于召开八届五次常委会议的通知"):
    [n] = services.notify(recipients=[user], organisation=world.city, code=code, title=title, url="/activities/7/")
    return n


def _delivery(notice, channel):
    return Delivery.objects.get(notification=notice, channel=channel)


def _send(delivery, now=DAYTIME):
    return tasks.deliver_one(delivery.pk, now=now)


@pytest.mark.parametrize("api", ["gateway", "aliyun", "tencent"])
def test_sms_goes_out_signed_with_the_template_and_its_parameters(world, configure, providers, api):
    configure(world.city, api)
    member = world.city_member
    notice = _notice(world, member)
    delivery = _delivery(notice, Channel.SMS)
    assert _send(delivery) == DeliveryStatus.SENT
    [call] = providers.of(api)
    phone = member.phone
    if api == "aliyun":
        assert call.query["PhoneNumbers"] == phone and call.query["TemplateCode"] == "SMS_1530"
        assert '"link":"' in call.query["TemplateParam"]
    elif api == "tencent":
        assert call.body["PhoneNumberSet"] == [f"+86{phone}"] and call.body["TemplateId"] == "449739"
        assert call.body["SmsSdkAppId"] == "1400006666" and len(call.body["TemplateParamSet"]) == 2
    else:
        assert call.body["mobile"] == phone and call.body["template_code"] == "ZX_001"
        assert len(call.body["content"]) <= 70 and "/s/" in call.body["content"]
    delivery.refresh_from_db()
    assert delivery.provider_id and delivery.sent_at and delivery.attempts == 1


def test_a_refusal_gives_up_at_once_with_the_providers_reason(world, configure, providers):
    configure(world.city, "tencent")
    providers.fail_next("tencent", code="FailedOperation.SignatureIncorrectOrUnapproved")
    delivery = _delivery(_notice(world, world.city_member), Channel.SMS)
    assert _send(delivery) == DeliveryStatus.GAVE_UP
    delivery.refresh_from_db()
    assert delivery.error.startswith("FailedOperation.SignatureIncorrectOrUnapproved")


def test_a_rate_limit_waits_and_is_retried(world, configure, providers):
    configure(world.city, "aliyun")
    providers.fail_next("aliyun", "rate")
    delivery = _delivery(_notice(world, world.city_member), Channel.SMS)
    assert _send(delivery) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert "BUSINESS_LIMIT_CONTROL" in delivery.error and delivery.next_attempt_at >= DAYTIME + dt.timedelta(minutes=1)
    assert _send(delivery) == ""  # not yet due
    assert _send(delivery, now=delivery.next_attempt_at) == DeliveryStatus.SENT


def test_a_slow_provider_times_out_and_after_the_last_attempt_the_delivery_gives_up(world, configure, providers,
                                                                                  short_timeout):
    configure(world.city, "gateway")
    delivery = _delivery(_notice(world, world.city_member), Channel.SMS)
    now = DAYTIME
    for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
        providers.fail_next("gateway", "slow", seconds=0.8) if attempt == 1 else providers.fail_next("gateway", "server")
        status = _send(delivery, now=now)
        delivery.refresh_from_db()
        if attempt < tasks.MAX_ATTEMPTS:
            assert status == DeliveryStatus.FAILED
            assert delivery.next_attempt_at == now + tasks.backoff(attempt)  # 1, 2, 4, 8 minutes
            now = delivery.next_attempt_at
    assert status == DeliveryStatus.GAVE_UP and delivery.attempts == tasks.MAX_ATTEMPTS
    assert providers.of("gateway")[0] and "timeout" not in delivery.error and "HTTP 500" in delivery.error


def test_a_timeout_is_recorded_and_a_retry_sends(world, configure, providers, short_timeout):
    configure(world.city, "gateway")
    providers.fail_next("gateway", "slow", seconds=0.8)
    delivery = _delivery(_notice(world, world.city_member), Channel.SMS)
    assert _send(delivery) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.error == "timeout"
    assert _send(delivery, now=delivery.next_attempt_at) == DeliveryStatus.SENT


@pytest.mark.parametrize("api", ["wecom", "dingtalk"])
def test_app_messages_fetch_a_token_once_and_again_when_it_lapses(world, configure, providers, api):
    configure(world.city, api)
    users = [world.city_member, world.city_member2]
    field = "wecom_userid" if api == "wecom" else "dingtalk_userid"
    for user in users:
        PersonChannels.objects.create(user=user, **{field: f"u{user.pk}"})
    notices = [_notice(world, u) for u in users]
    assert [_send(_delivery(n, api)) for n in notices] == [DeliveryStatus.SENT] * 2
    assert providers.token_requests[api] == 1  # cached for the second message
    sends = [c for c in providers.of(api) if "gettoken" not in c.path]
    if api == "wecom":
        assert sends[0].body["touser"] == f"u{users[0].pk}" and sends[0].body["agentid"] == 1000002
        assert sends[0].body["textcard"]["url"].rsplit("/s/", 1)[1]
    else:
        assert sends[0].body["userid_list"] == f"u{users[0].pk}" and sends[0].body["agent_id"] == 2211
        assert sends[0].body["msg"]["msgtype"] == "link"
    # The provider drops the token: one more token request, and the message goes.
    providers.fail_next(api, "expire")
    third = _notice(world, users[0], title="第二条通知")
    assert _send(_delivery(third, api)) == DeliveryStatus.SENT
    assert providers.token_requests[api] == 2


@pytest.mark.parametrize("api", ["wecom", "dingtalk"])
def test_app_message_rate_limit_is_retried(world, configure, providers, api):
    configure(world.city, api)
    PersonChannels.objects.create(user=world.city_member, wecom_userid="zhang", dingtalk_userid="zhang")
    providers.fail_next(api, "rate")
    delivery = _delivery(_notice(world, world.city_member), api)
    assert _send(delivery) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.error.startswith(("45009", "143103"))
    assert _send(delivery, now=delivery.next_attempt_at) == DeliveryStatus.SENT


def test_wrong_credentials_give_up(world, configure, providers):
    config = configure(world.city, "wecom")
    config.secrets = '{"corp_secret": "wrong"}'
    config.save()
    PersonChannels.objects.create(user=world.city_member, wecom_userid="zhang")
    delivery = _delivery(_notice(world, world.city_member), Channel.WECOM)
    assert _send(delivery) == DeliveryStatus.GAVE_UP
    delivery.refresh_from_db()
    assert delivery.error.startswith("40001")
    providers.calls.clear()  # the stand-in noted the bad credential on purpose
