"""Background tasks of the work lists app. The daily check runs once a day per organisation (the
``worklists_daily`` command); it is idempotent: each item is reminded at most once a day and escalated once."""

from django.tasks import task

from zhengxie.core.models import Organisation
from zhengxie.core.outbox import enqueue_on_commit

from .services import items_check_due


@task()
def check_due_items(organisation_id: int) -> dict:
    """Remind before a report or a deadline, flag overdue items and escalate them to their leader."""
    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        return {}
    return items_check_due(organisation=organisation)


def enqueue_daily_checks() -> int:
    ids = list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True))
    for organisation_id in ids:
        enqueue_on_commit(check_due_items, organisation_id)
    return len(ids)
