"""Dates and time limits: working days (holidays and exchanged weekend days per organisation), months."""

import calendar
import datetime as dt

from django.utils import timezone

from .org_settings import get_setting


def is_working_day(day: dt.date, organisation=None) -> bool:
    iso = day.isoformat()
    if organisation is not None:
        if iso in get_setting(organisation, "core.extra_workdays"):
            return True
        if iso in get_setting(organisation, "core.holidays"):
            return False
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int, organisation=None) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, organisation):
            remaining -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The aware start of ``year`` and of the next year, in the platform's time zone."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
