"""Background tasks of the core app. Tasks take ids, are queued on commit and are idempotent."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from .links import absolute_url
from .models import Notification

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died while sending: the row may be taken again.
STALE_CLAIM = dt.timedelta(minutes=15)


def _claim(notification_id: int) -> bool:
    """Take one row of the e-mail queue with a conditional update (healthchecks' way): of two workers, one wins.
    No transaction stays open and no row lock is held while the mail server answers."""
    now = timezone.now()
    free = Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - STALE_CLAIM)
    return bool(Notification.objects.filter(free, pk=notification_id, emailed_at__isnull=True)
                .update(email_claimed_at=now))


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification once: claim the row, send, then mark it sent. A retried task skips what was sent;
    a failure marks its row (the error kept, the claim released for a retry) and the rest of the batch goes on."""
    sent = 0
    for notification_id in notification_ids:
        if not _claim(notification_id):
            continue
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)
        rows = Notification.objects.filter(pk=notification_id)
        if not notification.recipient.email:
            rows.update(email_claimed_at=None)
            continue
        link = absolute_url(notification.url or "/")
        try:
            send_mail(
                subject=notification.title,
                message=f"{notification.body}\n\n{link}".strip(),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[notification.recipient.email],
            )
        except Exception as exc:  # any failure of the mail backend: this row only
            logger.warning("E-mail of notification %s to user %s failed: %s", notification_id,
                           notification.recipient_id, exc)
            rows.update(email_claimed_at=None, email_error=f"{type(exc).__name__}: {exc}"[:300])
            continue
        rows.update(emailed_at=timezone.now(), email_error="")
        sent += 1
    return sent


@task()
def ping() -> str:
    """A task that does nothing but answer: used to check that a worker runs the queue."""
    return "pong"
