"""Which channels carry a notice: called by ``core.services.notify`` (through ``core.notices``) for the rows it
has just written. Every outbound channel the organisation runs gets one delivery row per notice — to be sent,
kept for the digest, or not sent with the reason — so staff can later see why a notice did or did not reach
someone. The rows to send are queued on commit."""

from zhengxie.core.models import Member
from zhengxie.core.outbox import enqueue_on_commit

from .choices import CONFIGURED, OUTBOUND, Channel, DeliveryStatus, SkipReason
from .kinds import default_channels, group_of, is_urgent
from .models import ChannelConfig, Delivery, PersonChannels


def enabled_channels(organisation) -> set[str]:
    """E-mail always (the platform's mail server); SMS, WeCom, DingTalk when the organisation switched them on."""
    if organisation is None:
        return {Channel.EMAIL}
    on = ChannelConfig.objects.filter(organisation=organisation, enabled=True, channel__in=CONFIGURED)
    return {Channel.EMAIL, *on.values_list("channel", flat=True)}


def address_of(user, channel: str, person: PersonChannels | None) -> str:
    if channel == Channel.EMAIL:
        return user.email or ""
    if channel == Channel.SMS:
        return user.phone or ""
    if channel == Channel.WECOM:
        return person.wecom_userid if person else ""
    if channel == Channel.DINGTALK:
        return person.dingtalk_userid if person else ""
    return ""


def chosen_channels(user, group, *, person, is_member: bool, outbound: set[str]) -> set[str]:
    if person is not None and group.key in (person.choices or {}):
        return set(person.choices[group.key]) & outbound
    return default_channels(group, is_member=is_member, outbound=outbound)


def decide(notification, channel: str, *, email: bool, chosen: set[str], person, urgent: bool):
    """(status, reason) of one channel for one notice."""
    if not email:
        return DeliveryStatus.SKIPPED, SkipReason.CALLER
    if channel not in chosen:
        return DeliveryStatus.SKIPPED, SkipReason.DECLINED
    if not address_of(notification.recipient, channel, person):
        return DeliveryStatus.SKIPPED, SkipReason.NO_ADDRESS
    if person is not None and person.digest and not urgent:
        return DeliveryStatus.DIGEST, ""
    return DeliveryStatus.PENDING, ""


def route(notifications, *, email: bool = True) -> list[Delivery]:
    if not notifications:
        return []
    organisation = notifications[0].organisation
    outbound = enabled_channels(organisation) & set(OUTBOUND)
    user_ids = [n.recipient_id for n in notifications]
    people = {p.user_id: p for p in PersonChannels.objects.filter(user_id__in=user_ids)}
    members = set(Member.objects.filter(organisation=organisation, person__user__id__in=user_ids)
                  .values_list("person__user__id", flat=True)) if organisation else set()
    urgency: dict = {}
    rows = []
    for notification in notifications:
        group = group_of(notification.code)
        key = (notification.code, notification.object_type_id, notification.object_id)
        if key not in urgency:
            urgency[key] = is_urgent(notification)
        person = people.get(notification.recipient_id)
        chosen = chosen_channels(notification.recipient, group, person=person,
                                 is_member=notification.recipient_id in members, outbound=outbound)
        for channel in sorted(outbound):
            status, reason = decide(notification, channel, email=email, chosen=chosen, person=person,
                                    urgent=urgency[key])
            rows.append(Delivery(notification=notification, organisation=organisation,
                                 recipient_id=notification.recipient_id, channel=channel, kind=group.key,
                                 status=status, reason=reason, urgent=urgency[key]))
    created = Delivery.objects.bulk_create(rows)
    due = [d.pk for d in created if d.status == DeliveryStatus.PENDING]
    if due:
        from .tasks import send_deliveries

        enqueue_on_commit(send_deliveries, due)
    return created
