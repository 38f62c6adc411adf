"""Where a request of the proposals list API spends its time, in-process (Django's test client, whole middleware stack).

    .venv/bin/python bench/api_profile.py [--requests 300] [--profile] [--user ts_proposal]

For the list (session and token) and the trivial authenticated view of bench/urls.py: the median time (wall and
CPU of this process: on a shared machine the CPU time is the steadier figure; SQLite runs in-process), the
queries each request makes (with their SQL, once), and with ``--profile`` a pyinstrument profile of the list
(``pip install -e '.[bench]'``). Needs the demo data (``manage.py seed_demo``).
"""

import argparse
import statistics
import time
from pathlib import Path

from environment import setup_django

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--user", default="ts_proposal")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    setup_django("bench.settings")
    from django.db import connection
    from django.test import Client

    from zhengxie.core.models import User
    from zhengxie.core.services import api_token_create

    user = User.objects.get(username=args.user)
    _token, secret = api_token_create(user=user, name="profile")
    session = Client()
    session.force_login(user)
    token = Client(headers={"Authorization": f"Bearer {secret}", "X-Organisation": str(user.default_organisation_id)})
    cases = {
        "list API, session": (session, "/api/v1/proposals/?size=20"),
        "trivial view, session": (session, "/bench/ping"),
        "list API, token": (token, "/api/v1/proposals/?size=20"),
        "trivial view, token": (token, "/bench/ping"),
        "/healthz": (Client(), "/healthz"),
    }
    for label, (client, path) in cases.items():
        for _ in range(20):
            assert client.get(path).status_code == 200, path
        queries = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append({"sql": sql})
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(path)
        times, cpu = [], []
        for _ in range(args.requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        print(f"{label:<24} median {statistics.median(times):6.2f} ms  p90 {sorted(times)[int(len(times) * .9)]:6.2f} ms"
              f"  CPU median {statistics.median(cpu):5.2f} ms  {len(queries)} queries")
        for query in queries:
            print(f"    {query['sql'][:160]}")
    if args.profile:
        from pyinstrument import Profiler

        for label in ("list API, session", "list API, token"):
            client, path = cases[label]
            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(args.requests):
                client.get(path)
            profiler.stop()
            print(f"\n=== {label}: {args.requests} requests ===")
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
