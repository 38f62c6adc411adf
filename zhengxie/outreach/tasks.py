"""Background tasks of the outreach app. Tasks take ids and call services; they are idempotent."""

from django.tasks import task

from . import services


@task()
def remind_overdue_concerns(organisation_id: int | None = None) -> int:
    """Daily: remind units (and the members handling them) of concerns past their due date. Running it twice in a
    day reminds nobody twice."""
    return services.concern_remind_overdue(organisation_id=organisation_id)
