"""Background tasks of the proposals app. The daily check runs once a day per organisation (see the
``proposals_daily`` management command); it is idempotent: each reminder is sent at most once a day."""

from django.tasks import task

from zhengxie.core.models import Organisation
from zhengxie.core.outbox import enqueue_on_commit

from .services import reminders_send


@task()
def send_daily_reminders(organisation_id: int) -> dict:
    """Close expired co-signing, remind units of replies due soon or overdue, report new overdue replies to the
    office, remind co-handlers whose input is late."""
    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        return {}
    return reminders_send(organisation=organisation)


def enqueue_daily_reminders() -> int:
    """Queue the daily check for every active organisation; returns how many were queued."""
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        enqueue_on_commit(send_daily_reminders, organisation_id)
    return len(ids)
