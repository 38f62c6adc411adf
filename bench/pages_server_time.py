"""Server time of the pages that staff and members open every day, at the demo's scale, in-process.

    .venv/bin/python bench/pages_server_time.py [--repeat 30] [--org ts]

Each page is requested through Django's test client (the whole middleware, view and template stack) as the account
that opens it daily, after three warm-up requests; the table gives the median and p90 wall time, the median CPU time
of this process (with SQLite, the database's work is in it too; on a shared machine it is the steadier figure) and
the number of queries, against the goal of 50 ms. Uses the database of ``DATABASE_URL`` (default: the demo's SQLite
file), which must hold the province demo (``manage.py seed_demo``). Read-only.
"""

import argparse
import statistics
import time
from pathlib import Path

from environment import setup_django

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 50


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--org", default="ts", help="the committee's account prefix (ts = 天水市政协)")
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    from zhengxie.activities.models import Activity
    from zhengxie.core.models import User
    from zhengxie.opinions.models import Report
    from zhengxie.proposals.models import Proposal

    p = args.org
    office = User.objects.get(username=f"{p}_proposal")
    org = office.default_organisation
    proposal = Proposal.objects.filter(organisation=org, status="handling").order_by("-submitted_at").first()
    report = Report.objects.filter(organisation=org).order_by("-pk").first()
    activity = Activity.objects.filter(organisation=org).order_by("-starts_at").first()
    pages = [
        ("member", "workbench", "/"),
        ("member", "my duty record", "/duties/record/"),
        ("member", "proposals (registered, mine)", "/proposals/"),
        ("member", "activities", "/activities/"),
        ("member", "inbox", "/inbox/"),
        ("proposal", "workbench", "/"),
        ("proposal", "proposals, office list", "/proposals/?scope=all"),
        ("proposal", "proposals, handling only", "/proposals/?scope=all&status=handling"),
        ("proposal", "proposal detail", f"/proposals/{proposal.pk}/"),
        ("proposal", "review queue", "/proposals/review/"),
        ("proposal", "handling desk", "/proposals/handling/"),
        ("proposal", "supervision", "/proposals/supervision/"),
        ("unit", "unit workbench", "/proposals/unit/"),
        ("info", "opinions queue", "/opinions/queue/"),
        ("info", "opinion report detail", f"/opinions/{report.pk}/"),
        ("office", "activities", "/activities/"),
        ("office", "activity detail", f"/activities/{activity.pk}/"),
        ("office", "members", "/members/"),
        ("office", "duties overview", "/duties/overview/"),
        ("office", "duty ranking", "/duties/ranking/"),
        ("leader", "statistics dashboard", "/stats/"),
        ("leader", "search 养老", "/search/?q=养老"),
        ("auditadmin", "audit log", "/manage/audit/"),
    ]
    clients = {}
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    print(f"{org.name}: {Proposal.objects.filter(organisation=org).count():,} proposals; {connection.vendor}; "
          f"{args.repeat} requests a page after 3 warm-ups")
    print(f"{'account':<9} {'page':<30} {'median':>8} {'p90':>8} {'CPU':>8} {'queries':>7}")
    worst = 0.0
    for role, label, path in pages:
        if role not in clients:
            client = Client()
            client.force_login(User.objects.get(username=f"{p}_{role}"))
            clients[role] = client
        client = clients[role]
        for _ in range(3):
            status = client.get(path).status_code
            assert status == 200, f"{path} as {p}_{role}: {status}"
        queries.clear()
        with connection.execute_wrapper(count):
            client.get(path)
        n_queries = len(queries)
        wall, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        median, p90 = statistics.median(wall), sorted(wall)[int(len(wall) * 0.9)]
        worst = max(worst, statistics.median(cpu))
        flag = "" if statistics.median(cpu) < GOAL_MS else "  over the goal"
        print(f"{role:<9} {label:<30} {median:8.1f} {p90:8.1f} {statistics.median(cpu):8.1f} {n_queries:7d}{flag}")
    print(f"slowest median CPU time: {worst:.1f} ms (goal < {GOAL_MS} ms)")


if __name__ == "__main__":
    main()
