"""The demo's office-hours map: a past moment lands between 08:30 and 18:00 local time on its own day, the order
of any two moments and whole days between them are kept, and nothing of today moves (nothing passes ``now``)."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengxie.core.demo import office_hours_map

ZONE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 29, 10, 15, tzinfo=ZONE)
moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2027, 6, 30),
                       timezones=st.just(dt.UTC))


@settings(max_examples=300, deadline=None)
@given(first=moments, second=moments)
def test_order_and_office_hours(first, second):
    move = office_hours_map(NOW)
    a, b = sorted([first, second])
    assert move(a) <= move(b)
    for original in (a, b):
        local, moved = original.astimezone(ZONE), move(original).astimezone(ZONE)
        assert moved.date() == local.date()
        if local.date() != NOW.date():
            assert dt.time(8, 30) <= moved.time() <= dt.time(18, 0)
        else:
            assert moved == local


@settings(max_examples=100, deadline=None)
@given(moment=moments, days=st.integers(min_value=1, max_value=400))
def test_whole_days_between_two_moments_are_kept(moment, days):
    move = office_hours_map(NOW)
    later = moment + dt.timedelta(days=days)
    if NOW.date() not in (moment.astimezone(ZONE).date(), later.astimezone(ZONE).date()):
        assert move(later) - move(moment) == dt.timedelta(days=days)
