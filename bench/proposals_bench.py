"""Benchmark of the proposals app on PostgreSQL with 1,000,000 proposals (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/proposals_bench.py                      # build the data once, then measure
    .venv/bin/python bench/proposals_bench.py --reuse              # measure again on the data already built

1. Builds a database (``BENCH_DATABASE_URL``, default postgres://postgres@127.0.0.1:5432/zhengxie_bench_proposals):
   the province demo, then ``--rows`` proposals in bulk SQL, spread over the 17 committees (Tianshui gets a fifth),
   with their proposers and handling units in every state.
2. Server time: the median time Django takes (in-process, the whole middleware and template stack) for the
   office's filtered list and a unit's workbench, against the target of 100 ms.
3. Throughput, side by side in one run: gunicorn serves the list API and a trivial JSON view (``/healthz``) in
   alternating rounds to the same load generator; the ratio of requests per second is reported (target ≥ 0.5).
"""

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from environment import ensure_database, request_times, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/zhengxie_bench_proposals"


# --- the data ------------------------------------------------------------------------------------------------------

#: Proposals older than half a year are finished (closed, rejected or merged); the recent ones are in every state.
OLD = [(92, "closed"), (5, "rejected"), (3, "merged")]
RECENT = [(35, "closed"), (15, "evaluating"), (30, "handling"), (6, "registered"), (4, "submitted"), (4, "reviewing"),
          (3, "rejected"), (3, "merged")]


def status_case(buckets) -> str:
    """A SQL CASE giving each row (``g``) a status in the buckets' proportions."""
    parts, total = [], 0
    for share, status in buckets:
        total += share
        parts.append(f"WHEN g %% 100 < {total} THEN '{status}'")
    return f"CASE {' '.join(parts)} ELSE '{buckets[0][1]}' END"


def build(rows: int, log):
    from django.core.management import call_command
    from django.db import connection

    from zhengxie.core.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        started = time.monotonic()
        call_command("seed_demo", scale="province", verbosity=0)
        log(f"demo data (province) loaded in {time.monotonic() - started:.0f} s")
    from zhengxie.proposals.models import Proposal

    existing = Proposal.objects.count()
    if existing >= rows:
        log(f"{existing:,} proposals present: nothing to add")
        return
    orgs = list(Organisation.objects.order_by("path"))
    shares = {o.pk: (0.2 if o.short_name == "天水市政协" else 0.3 if o.level == "province" else 0.15 if o.level == "city"
                      else 0.35 / max(1, sum(1 for x in orgs if x.level == "county"))) for o in orgs}
    started = time.monotonic()
    to_add = rows - existing
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        left = to_add
        for index, org in enumerate(orgs):
            count = left if index == len(orgs) - 1 else int(to_add * shares[org.pk] / sum(shares.values()))
            left -= count
            insert_organisation(cursor, org, count)
            log(f"  {org.short_name}: {count:,} proposals")
        # The steady state of a live database (autovacuum): statistics and the visibility map are up to date.
        cursor.execute("VACUUM ANALYZE")
    log(f"{to_add:,} proposals with their proposers and tasks added in {time.monotonic() - started:.0f} s")


def insert_organisation(cursor, org, count: int):
    """Proposals, first proposers and handling tasks of one organisation, made in PostgreSQL by generate_series."""
    from zhengxie.proposals.demo_content import TOPICS

    titles = [f"关于{s}的建议" for t in TOPICS for s in t["subjects"] if "{p}" not in s]
    categories = [t["category"] for t in TOPICS for s in t["subjects"] if "{p}" not in s]
    cursor.execute("SELECT coalesce(max(id), 0) FROM proposals_proposal")
    base = cursor.fetchone()[0]
    cursor.execute(
        f"""
        WITH ids AS (
            SELECT (SELECT array_agg(id ORDER BY id) FROM core_member WHERE organisation_id = %(org)s) AS members,
                   (SELECT array_agg(s.id ORDER BY s.number) FROM core_session s JOIN core_term t ON t.id = s.term_id
                     WHERE t.organisation_id = %(org)s AND t.is_current) AS sessions,
                   (SELECT id FROM core_term WHERE organisation_id = %(org)s AND is_current) AS term
        )
        INSERT INTO proposals_proposal (organisation_id, term_id, session_id, kind, submitter_kind, first_proposer_id,
            title, category, background, suggestions, status, version, number, number_label, mode, due_on,
            key_state, publication, created_at, updated_at, submitted_at, registered_at, assigned_at, closed_at,
            rejection_ground, conversion_target)
        SELECT %(org)s, ids.term, ids.sessions[1 + g %% array_length(ids.sessions, 1)],
               CASE WHEN g %% 10 < 7 THEN 'plenary' ELSE 'interim' END, 'member',
               ids.members[1 + (g::bigint * 7919) %% array_length(ids.members, 1)],
               (%(titles)s::text[])[1 + g %% %(n_titles)s], (%(categories)s::text[])[1 + g %% %(n_titles)s],
               '调研发现，相关工作仍存在短板，群众反映较多。为此，建议如下：',
               '一是加强统筹协调；二是加大资金投入；三是完善长效机制。',
               st.status, 5,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling', 'registered') THEN %(base)s + g END,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling', 'registered') THEN '第' || (%(base)s + g) || '号' ELSE '' END,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling') THEN 'sole' ELSE '' END,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling') THEN (t0 + interval '100 days')::date END,
               CASE WHEN g %% 50 = 0 AND st.status IN ('closed', 'evaluating', 'handling') THEN 'approved' ELSE '' END, '',
               t0 - interval '3 days', t0, t0,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling', 'registered') THEN t0 + interval '9 days' END,
               CASE WHEN st.status IN ('closed', 'evaluating', 'handling') THEN t0 + interval '15 days' END,
               CASE WHEN st.status = 'closed' THEN t0 + interval '140 days' END,
               CASE WHEN st.status = 'rejected' THEN 'empty' ELSE '' END, ''
        FROM generate_series(1, %(count)s) AS g
        CROSS JOIN ids
        CROSS JOIN LATERAL (SELECT now() - (g %% 3650) * interval '1 day' - (g %% 1440) * interval '1 minute' AS t0) AS tt
        CROSS JOIN LATERAL (SELECT CASE WHEN g %% 3650 < 180 THEN {status_case(RECENT)}
                                        ELSE {status_case(OLD)} END AS status) AS st
        """,  # noqa: S608 (the CASEs are built from the constants above)
        {"org": org.pk, "titles": titles, "categories": categories, "n_titles": len(titles), "count": count,
         "base": base},
    )
    cursor.execute(
        """INSERT INTO proposals_proposalsigner (proposal_id, member_id, role, status, position)
           SELECT id, first_proposer_id, 'first', 'confirmed', 0 FROM proposals_proposal
           WHERE organisation_id = %s AND id > %s""",
        [org.pk, base],
    )
    cursor.execute(
        """WITH units AS (SELECT array_agg(id ORDER BY id) AS ids FROM core_handlingunit WHERE organisation_id = %(org)s)
           INSERT INTO proposals_handlingtask (proposal_id, organisation_id, unit_id, role, status, version, round,
               assigned_at, due_on, objection_reason, extension_months, extension_requested, extension_reason,
               input_text, countersign_comment, replied_at, created_at)
           SELECT p.id, p.organisation_id, units.ids[1 + p.id %% array_length(units.ids, 1)], 'sole',
                  CASE WHEN p.status = 'handling' THEN (CASE WHEN p.id %% 3 = 0 THEN 'replied' ELSE 'handling' END)
                       ELSE 'accepted' END,
                  3, 1, p.assigned_at, p.due_on, '', 0, 0, '', '', '',
                  CASE WHEN p.status <> 'handling' OR p.id %% 3 = 0 THEN p.assigned_at + interval '60 days' END,
                  p.assigned_at
           FROM proposals_proposal p CROSS JOIN units
           WHERE p.organisation_id = %(org)s AND p.id > %(base)s AND p.status IN ('closed', 'evaluating', 'handling')""",
        {"org": org.pk, "base": base},
    )


# --- server time ------------------------------------------------------------------------------------------------------


def server_times(log, repeat: int) -> dict:
    """Median in-process time of the pages, as each user, over ``repeat`` requests after a warm-up."""

    from zhengxie.core.models import HandlingUnit, Organisation, Session, User
    from zhengxie.proposals.models import HandlingTask, Proposal

    org = Organisation.objects.get(short_name="天水市政协")
    session = Session.objects.filter(term__organisation=org, term__is_current=True).order_by("-number").first()
    unit_user = User.objects.get(username="ts_unit")
    unit = HandlingUnit.objects.get(role_assignments__user=unit_user)
    log(f"Tianshui: {Proposal.objects.filter(organisation=org).count():,} proposals; its unit {unit.name}: "
        f"{HandlingTask.objects.filter(unit=unit).count():,} tasks; all committees: {Proposal.objects.count():,}")
    cases = {
        "office list, handling, 经济建设": ("ts_proposal", "/proposals/?scope=all&status=handling&category=经济建设"),
        "office list, this session, page 5": ("ts_proposal", f"/proposals/?scope=all&session={session.pk}&page=5"),
        "office list, overdue only": ("ts_proposal", "/proposals/?scope=all&overdue=on"),
        "office list, by unit": ("ts_proposal", f"/proposals/?scope=all&unit={unit.pk}"),
        "unit workbench (to handle)": ("ts_unit", "/proposals/unit/"),
        "unit workbench (all, page 3)": ("ts_unit", "/proposals/unit/?tab=all&page=3"),
    }
    results = {}
    for label, (username, path) in cases.items():
        times, _cpu = request_times(username, path, repeat)
        results[label] = statistics.median(times)
        log(f"  {label:<36} median {results[label]:6.1f} ms   (p90 {sorted(times)[int(len(times) * 0.9)]:.1f} ms)")
    return results


# --- throughput -------------------------------------------------------------------------------------------------------


def _client(args):
    """One load-generating process: a keep-alive connection, as many requests as it can for ``seconds``."""
    host, port, path, headers, seconds = args
    import http.client

    conn = http.client.HTTPConnection(host, port, timeout=30)
    done, errors = 0, 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status == 200:
            done += 1
        else:
            errors += 1
    conn.close()
    return done, errors


def throughput(log, url: str, *, workers: int, clients: int, seconds: float, rounds: int) -> dict:
    from zhengxie.core.models import Organisation, User
    from zhengxie.core.services import api_token_create

    office = User.objects.get(username="ts_proposal")
    _token, secret = api_token_create(user=office, name="bench")
    org = Organisation.objects.get(short_name="天水市政协")
    port = 8199
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "CONN_MAX_AGE": "600",
           "LOG_LEVEL": "ERROR", "STATIC_MANIFEST": "0", "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "error"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                import urllib.request

                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        auth = {"Authorization": f"Bearer {secret}", "X-Organisation": str(org.pk)}
        endpoints = {
            "trivial JSON view (/healthz)": ("/healthz", {}),
            "list API (handling, 20 a page)": ("/api/v1/proposals/?status=handling&size=20", auth),
            "trivial JSON view + token auth": ("/bench/ping", auth),
        }
        totals = {name: [0, 0.0, 0] for name in endpoints}
        from django.db import connections

        connections.close_all()  # the load generators are forked: they must not share a database connection
        with multiprocessing.Pool(clients) as pool:
            for path, headers in endpoints.values():  # warm-up
                pool.map(_client, [("127.0.0.1", port, path, headers, 1.0)] * clients)
            for _ in range(rounds):  # side by side: alternate short rounds so both see the same machine
                for name, (path, headers) in endpoints.items():
                    started = time.perf_counter()
                    results = pool.map(_client, [("127.0.0.1", port, path, headers, seconds)] * clients)
                    totals[name][0] += sum(r[0] for r in results)
                    totals[name][1] += time.perf_counter() - started
                    totals[name][2] += sum(r[1] for r in results)
        rates = {}
        for name, (count, elapsed, errors) in totals.items():
            rates[name] = count / elapsed
            log(f"  {name:<34} {rates[name]:8.1f} requests/s  ({count:,} in {elapsed:.0f} s, {errors} errors)")
        return rates
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="do not add data, measure what is there")
    parser.add_argument("--repeat", type=int, default=40, help="requests per page for the server time")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=4, help="load-generating processes")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(DATABASE_URL=url)

    def log(message):
        print(message, flush=True)

    log(f"Database {urlparse(url).path.lstrip('/')}, {os.cpu_count()} CPUs")
    if not args.reuse:
        build(args.rows, log)
    log(f"Server time (target: median under 100 ms), {args.repeat} requests each:")
    times = server_times(log, args.repeat)
    log(f"Throughput, side by side: gunicorn with {args.workers} workers, {args.clients} client processes, "
        f"{args.rounds} alternating rounds of {args.seconds:.0f} s:")
    rates = throughput(log, url, workers=args.workers, clients=args.clients, seconds=args.seconds, rounds=args.rounds)
    trivial, listing, authenticated = rates.values()
    log(f"Ratio list API / trivial JSON view: {listing / trivial:.2f} (target ≥ 0.50)")
    log(f"Ratio list API / trivial JSON view with the same token authentication: {listing / authenticated:.2f}")
    log(f"Slowest median page: {max(times.values()):.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
