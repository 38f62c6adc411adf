"""Background tasks of the liaison app. Tasks take ids and call services; they are idempotent."""

from django.tasks import task

from . import services


@task()
def remind_inquiries(organisation_id: int | None = None) -> int:
    """Daily: remind departments of members' questions due soon or overdue. Running it twice in a day reminds
    nobody twice."""
    return services.inquiries_remind(organisation_id=organisation_id)


@task()
def remind_contacts(organisation_id: int | None = None) -> int:
    """Daily: remind the holders of contact duties of contacts not visited within the organisation's period, then
    weekly. Running it twice in a day reminds nobody twice."""
    return services.contacts_remind(organisation_id=organisation_id)
