"""Benchmark: the public page under a flood, and the outreach figures at the province scale.

    .venv/bin/python bench/outreach_public.py [--concerns 300] [--flood 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/outreach_public.py

Runs in a throw-away test database. Prints, each with a baseline measured in the same run:

1. valid concerns sent through the whole public page (HTTP, CSRF, size check, per-address counters in the
   cache, challenge, content checks, row, history, audit, notifications), from distinct addresses — against the
   same number of bare ``Concern`` inserts;
2. a flood from one address past its limit: how much a refused request costs — against a valid one;
3. the figures of 天水市政协 with its seven counties on the province-scale demo data — against counting its
   places.
"""

import argparse
import os
import time

from environment import setup_django

setup_django(ZHENGXIE_TESTING=os.environ.get("ZHENGXIE_TESTING", "1"))

from django.db import connection  # noqa: E402


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def public_page(concerns: int, flood: int):
    from django.test import Client

    from zhengxie.core.tests.world import build_world
    from zhengxie.outreach.models import Concern
    from zhengxie.outreach.models.concerns import new_tracking_code, tracking_digest
    from zhengxie.outreach.tests.factories import make_place, public_form

    world = build_world()
    place = make_place(world.city, lead=world.members["city_member"], team=[world.members["city_member2"]])
    url = place.public_path
    client = Client()
    forms = [public_form(description=f"第{i}件：路灯坏了很久没人修") for i in range(concerns)]

    def send_valid():
        for i, form in enumerate(forms):
            assert client.post(url, form, REMOTE_ADDR=f"10.{i // 250}.{i % 250}.1").status_code == 200

    def bare_inserts():
        for i in range(concerns):
            code = new_tracking_code()
            Concern.objects.create(organisation=world.city, source="public", category="道路交通", place=place,
                                   description=f"第{i}件", submitter_name="王秀兰", submitter_phone="13912345678",
                                   code_digest=tracking_digest(code), code_hint=code[-4:])

    valid = timed(send_valid)
    kept = Concern.objects.count()
    bare = timed(bare_inserts)
    flood_forms = [public_form() for _ in range(flood)]

    def send_flood():
        codes = [client.post(url, form, REMOTE_ADDR="203.0.113.66").status_code for form in flood_forms]
        assert codes.count(429) >= flood - 5, codes[:10]

    flooded = timed(send_flood)
    return {"concerns": concerns, "valid_s": valid, "kept": kept, "bare_s": bare, "flood": flood, "flood_s": flooded,
            "flood_kept": Concern.objects.count() - kept - concerns}


def figures():
    import datetime as dt

    from django.core.management import call_command

    from zhengxie.core.models import Organisation
    from zhengxie.outreach.figures import outreach_figures, scope
    from zhengxie.outreach.models import Place

    call_command("flush", interactive=False, verbosity=0)  # seed_demo fills an empty database
    seed = timed(lambda: call_command("seed_demo", scale="province", stdout=open(os.devnull, "w")))
    city = Organisation.objects.get(short_name="天水市政协")
    today = dt.date.today()
    start = today - dt.timedelta(days=365)
    result = {}
    baseline = timed(lambda: Place.objects.filter(organisation_id__in=scope(city)).count())
    with_queries = []

    def run():
        from django.db import reset_queries
        from django.test.utils import CaptureQueriesContext

        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            result["f"] = outreach_figures(city, start=start, end=today)
        with_queries.append(len(ctx.captured_queries))

    run()  # warm
    elapsed = min(timed(run) for _ in range(5))
    f = result["f"]
    return {"seed_s": seed, "figures_s": elapsed, "count_s": baseline, "queries": with_queries[-1],
            "places": f.places["total"], "activities": f.activities["total"],
            "members": f.activities["members_gone_down"], "received": f.concerns["received"],
            "solved": f.concerns["solved"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--concerns", type=int, default=300)
    parser.add_argument("--flood", type=int, default=1000)
    args = parser.parse_args()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, the in-memory e-mail
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        p = public_page(args.concerns, args.flood)
        print(f"database: {connection.vendor}")
        print(f"valid concerns through the public page: {p['concerns']} in {p['valid_s']:.2f} s "
              f"({p['concerns'] / p['valid_s']:.0f}/s), {p['kept']} kept")
        print(f"  baseline, bare inserts: {p['bare_s']:.2f} s ({p['concerns'] / p['bare_s']:.0f}/s); "
              f"ratio {p['valid_s'] / p['bare_s']:.1f}x")
        per_refused = p["flood_s"] / p["flood"]
        per_valid = p["valid_s"] / p["concerns"]
        print(f"flood from one address: {p['flood']} requests in {p['flood_s']:.2f} s, {p['flood_kept']} kept "
              f"(the address's limit); {per_refused * 1000:.1f} ms per request vs {per_valid * 1000:.1f} ms per valid "
              f"concern ({per_refused / per_valid:.2f}x)")
        f = figures()
        print(f"province demo seeded in {f['seed_s']:.1f} s")
        print(f"figures of 天水市政协 and its counties ({f['places']} places, {f['activities']} activities, "
              f"{f['members']} members gone down, {f['received']} concerns received, {f['solved']} solved): "
              f"{f['figures_s'] * 1000:.0f} ms in {f['queries']} queries; baseline count of places "
              f"{f['count_s'] * 1000:.1f} ms ({f['figures_s'] / f['count_s']:.0f}x)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
