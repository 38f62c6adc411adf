"""Benchmark: members signing in with the QR token (the issue's "300 members in the same minute").

    .venv/bin/python bench/activities_signin.py [--members 300] [--threads 8]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/activities_signin.py

Runs in a throw-away test database. Prints the time for N sign-ins through the service (token check, window,
row lock, history row, audit entry), serially and from several threads at once, and a baseline measured in the
same run: the same number of bare locked updates of the participant rows (what any sign-in must at least cost)."""

import argparse
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from environment import setup_django

setup_django(ZHENGXIE_TESTING=os.environ.get("ZHENGXIE_TESTING", "1"))

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(members: int):
    from zhengxie.activities.models import Participant
    from zhengxie.activities.tests.factories import make_activity
    from zhengxie.core.models import Member, Person, User
    from zhengxie.core.tests.factories import OrganisationFactory, SectorFactory, TermFactory

    org = OrganisationFactory(short_name="天水市政协")
    term = TermFactory(organisation=org)
    sector = SectorFactory(organisation=org)
    people = Person.objects.bulk_create([Person(name=f"委员{i:04d}", gender="M") for i in range(members)])
    users = User.objects.bulk_create([User(username=f"bench{i:04d}", person=p, default_organisation=org)
                                      for i, p in enumerate(people)])
    seats = Member.objects.bulk_create([Member(person=p, organisation=org, term=term, sector=sector) for p in people])
    activity = make_activity(org, members=seats)
    return activity, users, list(Participant.objects.filter(activity=activity).values_list("pk", flat=True))


def reset(activity):
    from zhengxie.activities.models import Participant, ParticipantEvent

    ParticipantEvent.objects.filter(participant__activity=activity).delete()
    Participant.objects.filter(activity=activity).update(signed_in_at=None, signin_method="", response="invited")


def run(calls, threads: int) -> float:
    started = time.perf_counter()
    if threads <= 1:
        for call in calls:
            call()
    else:
        def wrapped(call):
            try:
                call()
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(wrapped, calls))
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    vendor = connection.vendor
    threads = args.threads if vendor == "postgresql" else 1  # SQLite serialises writers anyway
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from zhengxie.activities import tokens
        from zhengxie.activities.models import Participant
        from zhengxie.activities.services.participation import participant_sign_in

        activity, users, participant_ids = build(args.members)
        lock = threading.Lock()

        def bare(pk):
            def call():
                with transaction.atomic():
                    row = Participant.objects.select_for_update().get(pk=pk)
                    row.signed_in_at = timezone.now()
                    row.save(update_fields=["signed_in_at"])
            return call

        def service(user):
            def call():
                participant_sign_in(actor=user, token=tokens.make_token(activity.pk))
            return call

        baseline = run([bare(pk) for pk in participant_ids], 1)
        reset(activity)
        serial = run([service(u) for u in users], 1)
        parallel = None
        if threads > 1:
            reset(activity)
            parallel = run([service(u) for u in users], threads)
        with lock:
            signed = Participant.objects.filter(activity=activity, signed_in_at__isnull=False).count()
        print(f"database: {vendor}; members: {args.members}; threads: {threads}")
        print(f"baseline (bare locked updates): {baseline:.2f} s  ({args.members / baseline:.0f}/s)")
        print(f"sign-in service, serial:        {serial:.2f} s  ({args.members / serial:.0f}/s, {serial / baseline:.1f}× baseline)")
        if parallel is not None:
            print(f"sign-in service, {threads} threads:     {parallel:.2f} s  ({args.members / parallel:.0f}/s, "
                  f"{parallel / baseline:.1f}× baseline)")
        print(f"signed in: {signed} of {args.members}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
