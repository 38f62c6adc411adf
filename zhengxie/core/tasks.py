"""Background tasks of the core app. Tasks take ids, are queued on commit and are idempotent."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .links import absolute_url
from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification once: a retried task skips what was already sent."""
    sent = 0
    for notification_id in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None or not notification.recipient.email:
                continue
            link = absolute_url(notification.url or "/")
            send_mail(
                subject=notification.title,
                message=f"{notification.body}\n\n{link}".strip(),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.recipient.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


@task()
def ping() -> str:
    """A task that does nothing but answer: used to check that a worker runs the queue."""
    return "pong"
