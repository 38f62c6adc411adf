"""Reads of the channels app: one visibility rule per model."""

from django.db.models import Count, Q

from zhengxie.core.models import Notification

from . import permissions
from .choices import DeliveryStatus
from .models import ChannelConfig, Delivery


def deliveries_visible_to(user, organisation):
    """The organisation's deliveries for staff; a person's own deliveries for anyone else."""
    qs = Delivery.objects.filter(organisation=organisation).select_related("notification", "recipient")
    if permissions.can_view_deliveries(user, organisation):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(recipient=user)


def configs_visible_to(user, organisation):
    if not permissions.can_configure_channels(user, organisation):
        return ChannelConfig.objects.none()
    return ChannelConfig.objects.filter(organisation=organisation)


def filtered_deliveries(qs, *, status="", channel="", recipient="", notification=None):
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if recipient:
        qs = qs.filter(Q(recipient__username__icontains=recipient) | Q(recipient__display_name__icontains=recipient))
    if notification:
        qs = qs.filter(notification_id=notification)
    return qs


def status_counts(qs) -> dict[str, int]:
    return dict(qs.order_by().values_list("status").annotate(n=Count("id")))


def failing_count(user, organisation) -> int:
    """Deliveries that gave up in the last week: the staff's to-do (the log filtered so)."""
    from datetime import timedelta

    from django.utils import timezone

    return deliveries_visible_to(user, organisation).filter(
        status=DeliveryStatus.GAVE_UP, created_at__gte=timezone.now() - timedelta(days=7)).count()


def notification_of(user, organisation, pk: int):
    """A notification whose route staff ask about (theirs only for anyone else)."""
    qs = Notification.objects.filter(organisation=organisation)
    if not permissions.can_view_deliveries(user, organisation):
        qs = qs.filter(recipient=user)
    return qs.select_related("recipient").filter(pk=pk).first()
