"""Queueing a task: the one way the platform does it (see models/outbox.py).

``enqueue_on_commit(task, *args)`` writes an outbox row in the caller's transaction and, once that commits, hands
the task to the backend. If the backend (Redis) is away, nothing is raised: the row stays pending and the relay
(``manage.py relay_outbox --loop``) queues it later. The relay also watches each queued task's outcome: a failed
or abandoned run is queued again after 10, 20, 40, 80, 160 s, so tasks must be idempotent (they take ids and
re-read the rows). With RQ it also runs the started-job registry's clean-up, so that a job whose worker was
killed is found abandoned within half a minute (with the heartbeat of ``zhengxie.core.rq_worker.Worker``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxTask

logger = logging.getLogger("zhengxie.outbox")

# The RQ backend (django-tasks-rq) raises the django-tasks package's own exception, a different class from Django's:
# a result Redis no longer has (restarted without its data) must be recognised from both.
try:
    from django_tasks.exceptions import TaskResultDoesNotExist as _PackageResultDoesNotExist
except ImportError:  # pragma: no cover - the package is a dependency of the RQ backend only
    NO_RESULT = (TaskResultDoesNotExist,)
else:
    NO_RESULT = (TaskResultDoesNotExist, _PackageResultDoesNotExist)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 10
STALE_CLAIM = timedelta(minutes=2)  # a claim not followed by an answer from the backend (the process died)
KEEP_DONE = timedelta(days=7)
Status = OutboxTask.Status


def enqueue_on_commit(task, *args, **kwargs) -> OutboxTask:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (at once outside one). Arguments must
    be JSON values (ids, lists of ids, short strings)."""
    row = OutboxTask.objects.create(task_path=task.module_path, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: relay_one(row.pk))
    return row


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


def relay_one(pk: int) -> None:
    """Hand one pending row to the backend; never raises (the relay retries what this could not do)."""
    try:
        now = timezone.now()
        if OutboxTask.objects.filter(pk=pk, status=Status.PENDING).update(
            status=Status.ENQUEUED, enqueued_at=now, attempts=F("attempts") + 1, result_id=""
        ):
            _hand_over(OutboxTask.objects.get(pk=pk))
    except Exception:
        logger.warning("outbox: task row %s left for the relay", pk, exc_info=True)


def _hand_over(row: OutboxTask) -> None:
    try:
        result = import_string(row.task_path).enqueue(*row.args, **row.kwargs)
    except Exception as exc:
        logger.warning("outbox: %s could not be queued (%s); retried by the relay", row, exc.__class__.__name__)
        _again(row, f"enqueue: {exc.__class__.__name__}: {exc}"[:2000])
        return
    row.result_id = str(result.id)
    row.save(update_fields=["result_id"])
    _settle(row, result.status, result.errors)


def _again(row: OutboxTask, error: str) -> None:
    """The attempt failed: queue again after a delay, or give up after MAX_ATTEMPTS."""
    row.last_error = error
    if row.attempts >= MAX_ATTEMPTS:
        row.status, row.finished_at = Status.FAILED, timezone.now()
        logger.error("outbox: %s failed %d times: %s", row, row.attempts, error)
    else:
        row.status, row.available_at = Status.PENDING, timezone.now() + backoff(row.attempts)
    row.save(update_fields=["status", "available_at", "finished_at", "last_error"])


def _settle(row: OutboxTask, status, errors) -> None:
    if status == TaskResultStatus.SUCCESSFUL:
        row.status, row.finished_at = Status.DONE, timezone.now()
        row.save(update_fields=["status", "finished_at"])
    elif status == TaskResultStatus.FAILED:
        last = errors[-1] if errors else None
        _again(row, f"run: {getattr(last, 'exception_class_path', 'unknown')}"[:2000])


def _clean_up_abandoned_rq_jobs() -> None:
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
        return
    import django_rq
    from rq.registry import StartedJobRegistry

    for name in settings.RQ_QUEUES:
        queue = django_rq.get_queue(name)
        StartedJobRegistry(queue=queue).cleanup()


def relay(batch: int = 200) -> dict[str, int]:
    """One round: queue the due rows, settle the queued ones whose outcome is known. Returns what it did."""
    now = timezone.now()
    counts = {"queued": 0, "done": 0, "again": 0}
    OutboxTask.objects.filter(status=Status.ENQUEUED, result_id="", enqueued_at__lt=now - STALE_CLAIM).update(
        status=Status.PENDING
    )
    for pk in OutboxTask.objects.filter(status=Status.PENDING, available_at__lte=now).order_by("pk").values_list(
        "pk", flat=True
    )[:batch]:
        relay_one(pk)
        counts["queued"] += 1
    _clean_up_abandoned_rq_jobs()
    for row in OutboxTask.objects.filter(status=Status.ENQUEUED).exclude(result_id="").order_by("pk")[:batch]:
        try:
            result = import_string(row.task_path).get_result(row.result_id)
        except NO_RESULT:
            _again(row, "the backend has no record of the run")  # e.g. Redis lost its data
            counts["again"] += 1
            continue
        except Exception:  # one row the backend cannot answer for must not stop the round for the others
            logger.warning("outbox: the outcome of %s could not be read", row, exc_info=True)
            continue
        if result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
            _settle(row, result.status, result.errors)
            counts["done" if result.status == TaskResultStatus.SUCCESSFUL else "again"] += 1
    OutboxTask.objects.filter(status=Status.DONE, finished_at__lt=now - KEEP_DONE).delete()
    return counts
