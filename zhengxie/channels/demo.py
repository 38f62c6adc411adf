"""Demo data of the channels app: each committee's SMS gateway set up (switched off: the demo has no gateway to
reach), members' choices (a tenth want a daily digest, a few use WeCom), and a month of SMS deliveries behind the
notices the other generators wrote, with the outcomes a real gateway gives (most sent, a few numbers refused)."""

import datetime as dt

from zhengxie.core.demo import DemoContext
from zhengxie.core.models import Notification, User
from zhengxie.core.registry import demo_generator

from .choices import Channel, DeliveryStatus, SkipReason, SmsProvider
from .kinds import group_of
from .models import ChannelConfig, Delivery, PersonChannels

NOTICES = [
    ("activities.activity.notice", "关于召开%(org)s常委会第十五次会议的通知", "/activities/"),
    ("activities.activity.notice", "%(org)s“推进乡村全面振兴”专题协商会通知", "/activities/"),
    ("activities.activity.changed", "时间变更：%(org)s主席会议改至周四上午九时", "/activities/"),
    ("proposals.reply_submitted", "您的提案“关于加强农村饮水安全保障的建议”已答复", "/proposals/"),
    ("proposals.rate_reply", "请评价提案“关于推进苹果产业提质增效的建议”的答复", "/proposals/"),
    ("duties.requirements_reminder", "年度履职提醒：您今年尚未参加视察调研活动", "/duties/record/"),
]
REFUSALS = ["isv.MOBILE_NUMBER_ILLEGAL 非法手机号", "isv.BUSINESS_LIMIT_CONTROL 触发天级流控", "isv.OUT_OF_SERVICE 业务停机"]


@demo_generator(order=95)
def generate(ctx: DemoContext):
    configs = [ChannelConfig(organisation=org, channel=Channel.SMS, provider=SmsProvider.GATEWAY, enabled=False,
                             options={"base_url": "https://sms.zwfw.gansu.gov.cn/api", "account": f"zx-{ctx.slug(org)}",
                                      "sign_name": org.short_name, "template_code": "ZX_NOTICE_01"},
                             rate_per_minute=120) for org in ctx.orgs]
    ChannelConfig.objects.bulk_create(configs, ignore_conflicts=True)
    person_ids = {m.person_id for members in ctx.members.values() for m in members}
    user_ids = sorted(User.objects.filter(person_id__in=person_ids).values_list("id", flat=True))
    people = [PersonChannels(user_id=user_id, digest=ctx.rng.random() < 0.33,
                             wecom_userid=f"zx{user_id:06d}" if ctx.rng.random() < 0.2 else "")
              for user_id in user_ids if ctx.rng.random() < 0.3]
    PersonChannels.objects.bulk_create(people, ignore_conflicts=True)
    _notices(ctx)
    rows = _deliveries(ctx)
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    ctx.log(f"channels: {len(configs)} SMS gateways (off), {len(people)} people's choices, {len(rows)} SMS deliveries")


def _notices(ctx) -> None:
    """A month of the notices members get by SMS (the other generators write few notices of their own)."""
    rows = []
    for org in ctx.orgs:
        members = ctx.members.get(org.pk, [])[:60]
        users = dict(User.objects.filter(person_id__in=[m.person_id for m in members]).values_list("person_id", "id"))
        for code, title, url in NOTICES:
            when = ctx.now - dt.timedelta(days=ctx.rng.randint(1, 28), hours=ctx.rng.randint(0, 8))
            for member in members:
                if member.person_id in users and ctx.rng.random() < 0.5:
                    rows.append(Notification(recipient_id=users[member.person_id], organisation=org, code=code,
                                             title=title % {"org": org.short_name}, url=url, created_at=when,
                                             read_at=when + dt.timedelta(hours=3) if ctx.rng.random() < 0.6 else None))
    Notification.objects.bulk_create(rows, batch_size=2000)


def _deliveries(ctx) -> list[Delivery]:
    since = ctx.now - dt.timedelta(days=30)
    rows = []
    notices = Notification.objects.filter(created_at__gte=since).only(
        "id", "organisation_id", "recipient_id", "code", "created_at").order_by("id")[:20000]
    for n in notices.iterator(chunk_size=2000):
        group = group_of(n.code)
        if not group.member_sms:
            continue
        roll = ctx.rng.random()
        status, reason, error = DeliveryStatus.SENT, "", ""
        if roll < 0.03:
            status, error = DeliveryStatus.GAVE_UP, ctx.rng.choice(REFUSALS)
        elif roll < 0.12:
            status, reason = DeliveryStatus.SKIPPED, SkipReason.DECLINED
        sent = n.created_at + dt.timedelta(seconds=ctx.rng.randint(2, 90))
        rows.append(Delivery(notification_id=n.pk, organisation_id=n.organisation_id, recipient_id=n.recipient_id,
                             channel=Channel.SMS, kind=group.key, status=status, reason=reason, error=error,
                             attempts=0 if reason else (5 if error else 1), created_at=n.created_at,
                             next_attempt_at=n.created_at, sent_at=sent if status == DeliveryStatus.SENT else None,
                             provider_id=f"gw-{n.pk}" if status == DeliveryStatus.SENT else ""))
    return rows
