"""Readiness checks for the load balancer (``/readyz``): each bounded in time, so a database or a broker that
hangs makes the check answer 503 within ``READY_TIMEOUT`` seconds instead of hanging with it."""

import concurrent.futures

from django.conf import settings
from django.db import connections

READY_TIMEOUT = 2.0
# Two threads: a check that hangs (a paused server) keeps at most these busy, and the next probe reports it.
_executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="readyz")


def _database() -> None:
    # A thread of its own has its own connection: close it, so none is left behind.
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


def _tasks() -> None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        _database()
    elif backend.startswith("django_tasks_rq"):
        import django_rq

        django_rq.get_connection("default").ping()


def _bounded(check) -> str:
    try:
        future = _executor.submit(check)
        future.result(timeout=READY_TIMEOUT)
        return "ok"
    except concurrent.futures.TimeoutError:
        return "error: Timeout"
    except Exception as exc:  # any failure means not ready
        return f"error: {exc.__class__.__name__}"


def readiness() -> dict[str, str]:
    return {"database": _bounded(_database), "tasks": _bounded(_tasks)}
