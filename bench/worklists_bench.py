"""Benchmark of the work lists app on PostgreSQL: 100,000 items and 1,000,000 progress reports (not a test; see
docs/benchmarks.md).

    .venv/bin/python bench/worklists_bench.py                # build the data (a fresh database), then measure
    .venv/bin/python bench/worklists_bench.py --reuse        # measure again on the data already built

1. Builds ``BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/zhengxie_bench_worklists): the tests'
   small world (a province, two cities, two counties), then ``--items`` items in bulk over the five organisations
   (天水 holds 40%), 8% of them overdue, the city's leader grasping one in twenty of the city's, and ``--reports``
   progress reports in one SQL statement (``generate_series``).
2. Server time: the median time Django takes in-process (middleware, selector, template) for the leader's page and
   the office's overdue list, against the target of 100 ms, and against ``/healthz`` in the same run.
3. The Excel import of a ``--rows``-row list (every row validated, all or nothing), against the target of 10 s and
   against reading the same file alone.
"""

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlparse

from environment import setup_django  # the same settings for every benchmark on PostgreSQL

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/zhengxie_bench_worklists"


def fresh_database(url: str):
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def build(items: int, reports: int, log):
    from django.core.management import call_command
    from django.utils import timezone

    from zhengxie.core.tests.world import build_world
    from zhengxie.worklists import services
    from zhengxie.worklists.models import Item, ListKind, ProgressReport, WorkList

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Item.objects.exists():  # the items of an interrupted run are kept: only the reports are (re)built
        ProgressReport.objects.all().delete()
        return _reports(reports, log)
    world = build_world()
    log(f"migrated and built the world in {time.perf_counter() - started:.0f} s")
    today = timezone.localdate()
    shares = [("city", 0.4), ("city2", 0.25), ("county", 0.15), ("county2", 0.1), ("province", 0.1)]
    started = time.perf_counter()
    for slug, share in shares:
        org = world.orgs[slug]
        services.kinds_ensure(org)
        kinds = list(ListKind.objects.filter(organisation=org))
        lists = [WorkList.objects.create(organisation=org, kind=kinds[i % len(kinds)], year=today.year - i % 3,
                                         title=f"清单{i}") for i in range(12)]
        units = list(org.handling_units.all())
        leader = world.users[f"{slug}_leader"]
        batch = []
        for n in range(int(items * share)):
            overdue = n % 100 < 8
            status = ["not_started", "on_track", "behind", "done", "on_track", "done"][n % 6] if not overdue else "behind"
            batch.append(Item(
                organisation=org, work_list=lists[n % len(lists)], number=n + 1, title=f"第{n}项重点工作任务",
                unit=units[n % len(units)], leader=leader if n % 20 == 0 else None,
                leader_name=leader.label if n % 20 == 0 else "", body_name="", status=status,
                due_on=today - dt.timedelta(days=1 + n % 60) if overdue else today + dt.timedelta(days=n % 300),
                progress=(n * 7) % 100, next_report_on=today + dt.timedelta(days=n % 40),
                last_report_text="已完成阶段任务", last_report_at=timezone.now()))
            if len(batch) == 5000:
                Item.objects.bulk_create(batch)
                batch = []
        Item.objects.bulk_create(batch)
    log(f"{Item.objects.count():,} items in {time.perf_counter() - started:.0f} s")
    _reports(reports, log)


def _reports(reports: int, log):
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM worklists_item")
        low, high = cursor.fetchone()
        cursor.execute(
            "INSERT INTO worklists_progressreport (item_id, organisation_id, text, progress, reported_at) "
            "SELECT i.id, i.organisation_id, '本月完成阶段任务，正在推进下一节点。', (g * 13) %% 101, "
            "now() - (g %% 365) * interval '1 day' "
            "FROM generate_series(1, %s) g JOIN worklists_item i ON i.id = %s + (g::bigint * 7919) %% (%s - %s + 1)",
            [reports, low, high, low])
    # What autovacuum does on a live database: the visibility map lets counts read the indexes alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"{reports:,} progress reports in {time.perf_counter() - started:.0f} s")


def server_times(log, repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zhengxie.core.models import User
    from zhengxie.worklists import selectors
    from zhengxie.worklists.models import Item, ProgressReport

    leader, office = User.objects.get(username="city_leader"), User.objects.get(username="city_office")
    city = office.default_organisation
    log(f"{Item.objects.count():,} items, {ProgressReport.objects.count():,} reports; 天水: "
        f"{Item.objects.filter(organisation=city).count():,} items, the leader grasps "
        f"{selectors.grasped_by(leader, city).count():,}, overdue {selectors.overdue(Item.objects.filter(organisation=city)).count():,}")
    results = {}
    for label, user, path in [("leader's page", leader, "/worklists/grasped/"),
                              ("office's overdue list", office, "/worklists/overdue/"),
                              ("baseline /healthz", office, "/healthz")]:
        client = Client()
        client.force_login(user)
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count, sql_ms = len(queries.captured_queries), sum(float(q["time"]) for q in queries.captured_queries) * 1000
        times, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        results[label] = statistics.median(times)
        results[f"{label} cpu"] = statistics.median(cpu)
        # The CPU time of this process (Python, templates; not PostgreSQL's) moves less than the wall clock on a
        # machine shared with others: a request waiting for a core is not counted.
        log(f"  {label:<24} median {results[label]:7.1f} ms  (p90 {sorted(times)[int(len(times) * 0.9)]:.1f} ms), "
            f"CPU of this process {results[f'{label} cpu']:.1f} ms; {count} queries, {sql_ms:.0f} ms of SQL in one "
            f"request")
    return results


def import_time(rows: int, log) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from zhengxie.core.documents import excel_bytes, read_excel
    from zhengxie.core.models import User
    from zhengxie.worklists import imports
    from zhengxie.worklists.models import WorkList

    office = User.objects.get(username="city_office")
    city = office.default_organisation
    unit = city.handling_units.first()
    due = (timezone.localdate() + dt.timedelta(days=200)).isoformat()
    data = excel_bytes(imports.headers(), [[f"第{n}项任务", "说明", "city_leader", unit.name, "张科长", "", due,
                                            "按季度", f"{due} 完成节点"] for n in range(rows)], title="清单")

    def upload():
        return SimpleUploadedFile("清单.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    work_list = WorkList.objects.filter(organisation=city).first()
    started = time.perf_counter()
    read_excel(upload(), [str(label) for _k, label, _w, _r in imports.COLUMNS])
    reading = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        n = imports.items_import(actor=office, work_list=work_list, upload=upload())
        transaction.set_rollback(True)  # measure again on the same data next time
    elapsed = time.perf_counter() - started
    log(f"import of {n:,} rows: {elapsed:.2f} s (target < 10 s); reading the file alone {reading:.2f} s "
        f"({elapsed / reading:.1f}x)")
    return {"import_s": elapsed, "read_s": reading}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--reports-only", action="store_true", help="with --reuse: rebuild the progress reports")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not args.reuse:
        fresh_database(url)
    os.environ.setdefault("ZHENGXIE_TESTING", "1")  # the tests' world: accounts without a second factor
    setup_django(DATABASE_URL=url)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    log = print
    if not args.reuse or args.reports_only:
        build(args.items, args.reports, log)
    times = server_times(log, args.repeat)
    for label in ("leader's page", "office's overdue list"):
        verdict = "met" if times[label] < 100 else "NOT met"
        log(f"{label}: {times[label]:.1f} ms median, target < 100 ms {verdict}; "
            f"{times[label] / times['baseline /healthz']:.1f}x /healthz")
    result = import_time(args.rows, log)
    log(f"import target < 10 s {'met' if result['import_s'] < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
