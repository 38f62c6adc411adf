"""Reads of the statistics: figures for an organisation (optionally with the organisations below it) and a period,
compared with the period before, and broken down by the organisations one level below."""

import datetime as dt
import hashlib

from django.core.cache import cache

from zhengxie.core.models import Organisation

from .registry import Scope, figures

CACHE_SECONDS = 600


def scope_for(organisation: Organisation, start: dt.date, end: dt.date, *, descendants: bool) -> Scope:
    ids = [organisation.pk]
    if descendants:
        ids += list(organisation.descendants().values_list("pk", flat=True))
    return Scope(org_ids=tuple(sorted(ids)), start=start, end=end)


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before (a calendar year gives the previous calendar year)."""
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return dt.date(start.year - (end.year - start.year + 1), 1, 1), dt.date(start.year - 1, 12, 31)
    length = end - start
    new_end = start - dt.timedelta(days=1)
    return new_end - length, new_end


def compute(scope: Scope, keys: list[str] | None = None) -> dict[str, float | int]:
    """Every registered figure (or those of ``keys``) for the scope; cached for a few minutes."""
    wanted = [f for f in figures() if keys is None or f.key in keys]
    digest = hashlib.sha1(repr((scope, [f.key for f in wanted])).encode()).hexdigest()
    key = f"stats:{digest}"
    values = cache.get(key)
    if values is None:
        values = {f.key: f.compute(scope) for f in wanted}
        cache.set(key, values, CACHE_SECONDS)
    return values


def breakdown(organisation: Organisation, start: dt.date, end: dt.date, keys: list[str] | None = None):
    """[(organisation, values)] for the organisation alone, then each organisation one level below it together with
    everything below that."""
    rows = [(organisation, compute(scope_for(organisation, start, end, descendants=False), keys))]
    for child in organisation.children.filter(is_active=True).order_by("sort_order", "pk"):
        rows.append((child, compute(scope_for(child, start, end, descendants=True), keys)))
    return rows
