"""Background tasks of the opinions app. They take ids, are queued on commit, and are idempotent."""

from django.tasks import task

from .feedback import feedback_deliver


@task()
def deliver_feedback(kind: str, pk: int) -> bool:
    """Tell the author and the offices below about one adoption (``kind="adoption"``) or instruction; a retried
    task finds the act delivered and does nothing."""
    return feedback_deliver(kind=kind, pk=pk)
