"""Benchmark: recompute every duty score of a province — 20,000 members × 50 duty events a year — on PostgreSQL.

    .venv/bin/python bench/duties_recompute.py
    .venv/bin/python bench/duties_recompute.py --members 20000 --events 50 \\
        --database-url postgres://postgres@127.0.0.1:5432/zhengxie_bench

It (re)creates the database named in the URL, migrates it, and fills it with bulk inserts (a province, its cities
and counties — about 100 committees —, their members, rule sets from both presets, and the events, written with
COPY). Then it measures, in the same run:

- the baseline: one SQL aggregate reading the same events once (count per member and kind);
- the full recomputation of every score (``scoring.recompute_year`` over all the committees), twice;
- the incremental path for one member (what each new event costs), and a per-member loop over a sample,
  extrapolated, to show what a set-based recomputation saves.

It checks a sample of the stored scores against a fresh per-member computation, and prints the figures.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from environment import setup_django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = [  # (kind, events per member and year, attributes maker)
    ("meeting_attended", 16, lambda r: {"meeting_type": r.choice(["plenary", "standing", "committee", "other"])}),
    ("meeting_leave", 2, lambda r: {"meeting_type": r.choice(["plenary", "committee", "other"])}),
    ("meeting_absent", 1, lambda r: {"meeting_type": r.choice(["plenary", "standing", "committee", "other"])}),
    ("meeting_late", 1, lambda r: {"meeting_type": "committee"}),
    ("proposal_submitted", 2, lambda r: {"role": r.choice(["first", "cosigner", "cosigner"]), "signers": r.randint(1, 5)}),
    ("proposal_registered", 2, lambda r: {"role": r.choice(["first", "cosigner", "collective"]), "signers": r.randint(1, 5)}),
    ("opinion_submitted", 3, lambda r: {}),
    ("opinion_adopted_city", 1, lambda r: {"by": "local"}),
    ("inspection_attended", 2, lambda r: {"activity_type": "inspection"}),
    ("research_attended", 2, lambda r: {"activity_type": "research"}),
    ("consultation_attended", 3, lambda r: {"activity_type": "consultation"}),
    ("speech_delivered", 1, lambda r: {}),
    ("study_attended", 4, lambda r: {"activity_type": "study"}),
    ("training_attended", 1, lambda r: {"activity_type": "training"}),
    ("deliberation_posted", 4, lambda r: {"activity_type": "online"}),
    ("outreach_activity", 3, lambda r: {"activity_type": r.choice(["talk", "consultation", "reception", "visit"])}),
    ("concern_handled", 2, lambda r: {}),
]


def prepare_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def timed(label, fn, results):
    started, cpu = time.perf_counter(), time.process_time()
    value = fn()
    seconds = time.perf_counter() - started
    results[label] = seconds
    results[f"{label} (cpu)"] = time.process_time() - cpu
    print(f"  {label:<58} {seconds:8.2f} s  (this process: {results[f'{label} (cpu)']:.2f} s CPU)")
    return value


def generate(members_wanted: int, events_per_member: int, year: int, rng: random.Random):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from zhengxie.core.models import Member, Organisation, Person, Sector, SpecialCommittee, Term
    from zhengxie.duties.choices import KIND_CATEGORY
    from zhengxie.duties.presets import PRESETS
    from zhengxie.duties.services.rules import _from_preset

    with transaction.atomic():
        province = Organisation.objects.create(name="基准测试省政协", short_name="基准省政协", level="province")
        orgs = [province]
        for c in range(14):
            city = Organisation.objects.create(name=f"基准市{c}政协", short_name=f"基准市{c}", level="city", parent=province)
            orgs.append(city)
            for k in range(6):
                orgs.append(Organisation.objects.create(name=f"基准县{c}-{k}政协", short_name=f"基准县{c}-{k}",
                                                        level="county", parent=city))
        terms, sectors, committees = {}, {}, {}
        for o in orgs:
            terms[o.pk] = Term.objects.create(organisation=o, number=1, name="第一届", starts_on=dt.date(year - 1, 1, 10),
                                              ends_on=dt.date(year + 4, 1, 9), is_current=True)
            sectors[o.pk] = Sector.objects.bulk_create([Sector(organisation=o, name=f"界别{i}", kind="field") for i in range(4)])
            committees[o.pk] = SpecialCommittee.objects.bulk_create(
                [SpecialCommittee(organisation=o, name=f"专委会{i}") for i in range(3)])
            _from_preset(PRESETS["hundred" if o.pk % 2 else "base_bonus"], o, year)
        people = Person.objects.bulk_create([Person(name=f"委员{i}", gender="M") for i in range(members_wanted)],
                                            batch_size=5000)
        seats = []
        for i, person in enumerate(people):
            o = orgs[i % len(orgs)]
            seats.append(Member(person=person, organisation=o, term=terms[o.pk], sector=rng.choice(sectors[o.pk]),
                                committee=rng.choice(committees[o.pk])))
        seats = Member.objects.bulk_create(seats, batch_size=5000)

    source_type = ContentType.objects.get_for_model(Organisation).pk
    tz = dt.timezone(dt.timedelta(hours=8))
    plan = []
    for kind, count, make in KINDS:
        plan.extend([(kind, make)] * count)
    plan = (plan * (events_per_member // len(plan) + 1))[:events_per_member]
    columns = ("member_id, organisation_id, year, kind, category, source_type_id, source_id, title, occurred_at, "
               "attributes, recorded_at, retraction_reason")
    now = dt.datetime.now(tz)
    counter = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY duties_dutyevent ({columns}) FROM STDIN") as copy:
        for seat in seats:
            for kind, make in plan:
                counter += 1
                when = dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 18), tzinfo=tz)
                copy.write_row((seat.pk, seat.organisation_id, year, kind, KIND_CATEGORY[kind], source_type,
                                str(counter), kind, when, json.dumps(make(rng)), now, ""))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE duties_dutyevent")
        cursor.execute("ANALYZE core_member")
    return [o.pk for o in orgs], seats, counter


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--events", type=int, default=50, help="duty events per member and year")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zhengxie_bench"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    prepare_database(args.database_url)
    setup_django(DATABASE_URL=args.database_url, TASK_BACKEND="dummy")
    from django.core.management import call_command
    from django.db import connection

    from zhengxie.core.models import Member
    from zhengxie.duties import scoring
    from zhengxie.duties.engine import to_points
    from zhengxie.duties.models import RuleSet, Score

    year = dt.date.today().year
    rng = random.Random(args.seed)
    results = {}
    print(f"PostgreSQL {connection.cursor().connection.info.server_version}, {args.members:,} members × "
          f"{args.events} events, year {year}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    timed("migrate", lambda: call_command("migrate", verbosity=0), results)
    org_ids, seats, events = timed("generate (bulk inserts, COPY for the events)",
                                   lambda: generate(args.members, args.events, year, rng), results)
    print(f"  {len(org_ids)} committees, {len(seats):,} members, {events:,} events")

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute("SELECT member_id, kind, count(*) FROM duties_dutyevent WHERE year = %s AND "
                           "retracted_at IS NULL GROUP BY member_id, kind", [year])
            return len(cursor.fetchall())

    timed("baseline: one aggregate over the events (read once)", baseline, results)
    written = timed("full recomputation of every score (1st run)", lambda: scoring.recompute_year(year, org_ids), results)
    timed("full recomputation of every score (2nd run)", lambda: scoring.recompute_year(year, org_ids), results)
    assert written == len(seats) == Score.objects.filter(year=year).count(), (written, len(seats))

    sample = rng.sample(seats, 200)
    timed("per-member loop over 200 members (for comparison)",
          lambda: [scoring.recompute_members([(m.pk, year)]) for m in sample], results)
    one = sample[0]
    timed("incremental: one member after a new event", lambda: scoring.recompute_members([(one.pk, year)]), results)

    mismatches = 0
    for seat in rng.sample(seats, 50):
        member = Member.objects.get(pk=seat.pk)
        rule_set = RuleSet.objects.get(organisation_id=member.organisation_id, year=year)
        fresh, _events = scoring.member_result(member, rule_set)
        stored = Score.objects.get(member=member, year=year)
        mismatches += to_points(fresh.total) != stored.total
    totals = [float(t) for t in Score.objects.filter(year=year).values_list("total", flat=True)]

    full = min(results["full recomputation of every score (1st run)"], results["full recomputation of every score (2nd run)"])
    per_member = results["per-member loop over 200 members (for comparison)"] / 200 * len(seats)
    print()
    print(f"Full recomputation: {full:.2f} s for {len(seats):,} scores from {events:,} events "
          f"({events / full:,.0f} events/s); target < 10 s: {'met' if full < 10 else 'NOT met'}")
    print(f"  = {full / results['baseline: one aggregate over the events (read once)']:.1f} × the baseline aggregate")
    print(f"  a per-member loop would take about {per_member:,.0f} s ({per_member / full:.0f} × longer)")
    print(f"  scores: mean {statistics.mean(totals):.1f}, median {statistics.median(totals):.1f}; "
          f"sample of 50 checked against a fresh computation: {mismatches} mismatch(es)")
    return 0 if full < 10 and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
