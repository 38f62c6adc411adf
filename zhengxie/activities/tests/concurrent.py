"""Many threads calling one service at the same moment (against PostgreSQL): how many succeeded, how many were
refused with the expected code, and any other error."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from zhengxie.core.exceptions import DomainError


def hammer(calls, call, *, refused_code: str, workers: int = 16) -> dict:
    """Run ``call(item)`` for every item of ``calls`` on ``workers`` threads released together."""
    outcomes = {"ok": 0, "refused": 0, "other": []}
    lock = threading.Lock()
    start = threading.Barrier(workers)

    def run(item):
        try:
            try:
                start.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass
            call(item)
            with lock:
                outcomes["ok"] += 1
        except DomainError as exc:
            with lock:
                if exc.code == refused_code:
                    outcomes["refused"] += 1
                else:
                    outcomes["other"].append(str(exc))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, calls))
    return outcomes
