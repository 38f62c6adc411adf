"""What the load test's simulated users need from the demo database, written to a JSON file for bench/locustfile.py.

    DATABASE_URL=postgres://…/zx_bench_perf .venv/bin/python bench/load_prepare.py var/load.json [--members 400]

Reads the province demo (``manage.py seed_demo --scale province``): member accounts of the committees (usernames
only; every demo account has the demo password), the office, unit and leader accounts of each committee, API tokens
for the API clients, and one meeting of 天水市政协 whose sign-in is open now, with the chosen members invited
(the load's members sign in to it with the code shown on the sign-in screen). Run it again before each load run:
the meeting is made anew.
"""

import argparse
import json
from pathlib import Path

from environment import setup_django

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--tokens", type=int, default=40)
    args = parser.parse_args()
    setup_django()
    import datetime as dt

    from zhengxie.activities.tests.factories import make_activity
    from zhengxie.core.demo_data import PASSWORD
    from zhengxie.core.models import Member, Organisation, User
    from zhengxie.core.services import api_token_create

    tianshui = Organisation.objects.get(short_name="天水市政协")
    # Members of Tianshui first (the meeting's), then of the other committees: a realistic spread of data.
    seats = list(Member.objects.current().filter(person__user__isnull=False)
                 .select_related("person__user").order_by("organisation_id", "pk"))
    own = [s for s in seats if s.organisation_id == tianshui.pk]
    others = [s for s in seats if s.organisation_id != tianshui.pk]
    chosen = (own[: args.members // 2] + others[::max(1, len(others) // (args.members - args.members // 2))])[: args.members]
    meeting_members = [s for s in chosen if s.organisation_id == tianshui.pk]
    activity = make_activity(tianshui, members=meeting_members, title="负载测试：常委会会议",
                             starts_in=dt.timedelta(minutes=30), hours=6)
    slugs = [u.removesuffix("_proposal") for u in User.objects.filter(username__endswith="_proposal")
             .values_list("username", flat=True)]
    tokens = []
    for seat in chosen[: args.tokens]:
        _token, secret = api_token_create(user=seat.person.user, name="load test")
        tokens.append({"token": secret, "organisation": seat.organisation_id})
    data = {
        "password": PASSWORD,
        "members": [{"username": s.person.user.username, "organisation": s.organisation_id} for s in chosen],
        "office": [f"{slug}_proposal" for slug in slugs],
        "units": [f"{slug}_unit" for slug in slugs],
        "leaders": [f"{slug}_leader" for slug in slugs],
        "screen": "ts_office",
        "activity": activity.pk,
        "activity_organisation": tianshui.pk,
        "tokens": tokens,
    }
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print(f"{len(data['members'])} members ({len(meeting_members)} invited to activity {activity.pk}), "
          f"{len(slugs)} committees' office/unit/leader accounts, {len(tokens)} API tokens -> {args.out}")


if __name__ == "__main__":
    main()
