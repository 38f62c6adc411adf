"""Reads of the statistics: figures for an organisation (optionally with the organisations below it) and a period,
compared with the period before, and broken down by the organisations one level below."""

import datetime as dt

from zhengxie.core.models import Organisation

from .registry import Scope, figures


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
    """Every registered figure (or those of ``keys``) for the scope, in one statement. Read from the records each
    time (no cache): a record changed moves its figure at once."""
    from .grouped import values_at_once

    return values_at_once([f for f in figures() if keys is None or f.key in keys], scope)


def breakdown(organisation: Organisation, start: dt.date, end: dt.date, keys: list[str] | None = None):
    """[(organisation, values)] for the organisation alone, then each organisation one level below it together with
    everything below that. A figure that can be grouped is read for all of them in one query (``grouped``); the
    others organisation by organisation."""
    from .grouped import by_groups

    children = list(organisation.children.filter(is_active=True).order_by("sort_order", "pk"))
    below = list(organisation.descendants().values_list("pk", "path"))
    group_of: dict[int, int] = {organisation.pk: organisation.pk}
    for pk, path in below:
        for child in children:
            if path.startswith(child.path):
                group_of[pk] = child.pk
    wanted = [f for f in figures() if keys is None or f.key in keys]
    whole = Scope(org_ids=tuple(sorted(group_of)), start=start, end=end)
    values = {o.pk: {} for o in [organisation, *children]}
    alone = []
    for f in wanted:
        grouped = by_groups(f, whole, group_of)
        if grouped is None:
            alone.append(f.key)
            continue
        for pk in values:
            values[pk][f.key] = grouped.get(pk, 0 if f.measure == "count" else None)
    if alone:
        values[organisation.pk].update(compute(scope_for(organisation, start, end, descendants=False), alone))
        for child in children:
            values[child.pk].update(compute(scope_for(child, start, end, descendants=True), alone))
    return [(o, values[o.pk]) for o in [organisation, *children]]


def organisation_in_reach(organisation: Organisation, org_id: int | None) -> Organisation:
    """The organisation ``org_id`` if it is ``organisation`` or below it (a city reads its counties), else
    ``organisation`` itself: a figure of another branch is never read from here."""
    if not org_id or org_id == organisation.pk:
        return organisation
    return organisation.descendants().filter(pk=org_id).first() or organisation


def figure_records_visible_to(user, organisation: Organisation, figure, scope: Scope, *, part: bool = False):
    """The records behind ``figure`` for ``scope``, for a user who may read the organisation's statistics; the scope
    must lie within the organisation and the ones below it (nothing for anyone else)."""
    from .permissions import can_view_stats
    from .records import list_queryset

    qs = list_queryset(figure, scope, part=part)
    if not can_view_stats(user, organisation):
        return qs.none()
    reach = set(organisation.descendants(include_self=True).values_list("pk", flat=True))
    if not set(scope.org_ids) <= reach:
        return qs.none()
    return qs


IDLE_DAYS = 30


def display_tokens_of(organisation: Organisation, *, idle: bool = False):
    """The organisation's display tokens (the tokens page); ``idle``: those still active but not used for
    ``IDLE_DAYS`` days (never used: since they were made) — a display that has gone, whose address should be revoked."""
    from django.db.models import Q
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from .models import DisplayToken

    qs = DisplayToken.objects.filter(organisation=organisation).select_related("created_by")
    if idle:
        since = timezone.now() - dt.timedelta(days=IDLE_DAYS)
        qs = qs.filter(revoked_at__isnull=True).alias(zx_used=Coalesce("last_used_at", "created_at")).filter(
            Q(zx_used__lt=since))
    return qs
