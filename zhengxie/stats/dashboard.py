"""What the dashboard and the big screen read at a glance: the viewer's key figures (an organisation setting per
kind of reader), each with its months and the same months a year before, and the breakdown by organisation."""

import datetime as dt
from dataclasses import replace

from django.db.models import Count, DateTimeField, Q, Value

from zhengxie.core import permissions
from zhengxie.core.choices import Role
from zhengxie.core.org_settings import get_setting

from . import selectors
from .formatting import change, shown, why_empty, with_unit
from .registry import COUNT, RATE, Figure, figures, ratio

KEY_COUNT = 12
SETTING_OF_ROLE = [
    (Role.LEADER, "stats.key_figures_leader"),
    (Role.PARTY_GOV_OFFICE, "stats.key_figures_leader"),
    (Role.PROPOSAL_OFFICE, "stats.key_figures_proposal_office"),
    (Role.INFORMATION_OFFICE, "stats.key_figures_information_office"),
]


def key_figures_of(user, organisation) -> list[Figure]:
    """The dozen figures that matter to the viewer's role, as the organisation's setting lists them."""
    roles = permissions.roles_in(user, organisation)
    setting = next((key for role, key in SETTING_OF_ROLE if role in roles), "stats.key_figures_general_office")
    known = {f.key: f for f in figures()}
    return [known[key] for key in get_setting(organisation, setting) if key in known][:KEY_COUNT]


def a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def months_of(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def monthly(figure: Figure, scope) -> dict[dt.date, float | None] | None:
    """The figure month by month over the scope's period, in one query (a count per month, from the date's bounds:
    no date is converted row by row); None for a figure that has no month (a stock, a sum or an average, or no date)."""
    if not figure.listable or figure.stock or not figure.date_field or figure.measure not in (COUNT, RATE):
        return None
    if figure.measure == RATE and not isinstance(figure.part, Q):
        return None
    qs = figure.records(scope).order_by()
    months = months_of(scope.start, scope.end)
    # Each month's bounds as a scope of that month gives them (the records' own period filter): dates, or the first
    # and last moments of its days in the current time zone.
    timed = isinstance(qs.query.chain().resolve_ref(figure.date_field).output_field, DateTimeField)
    aggregates = {}
    for i, month in enumerate(months):
        last = months[i + 1] - dt.timedelta(days=1) if i + 1 < len(months) else scope.end
        bounds = replace(scope, start=month, end=last)
        within = Q(**{f"{figure.date_field}__range": bounds.datetime_range if timed else bounds.date_range})
        aggregates[f"n{i}"] = Count(Value(1), filter=within)
        if figure.measure == RATE:
            aggregates[f"p{i}"] = Count(Value(1), filter=within & figure.part)
    row = qs.aggregate(**aggregates)
    if figure.measure == COUNT:
        return {m: row[f"n{i}"] for i, m in enumerate(months)}
    return {m: ratio(row[f"p{i}"], row[f"n{i}"]) for i, m in enumerate(months)}


def key_cards(user, organisation, start, end, descendants, values, previous=None) -> list[dict]:
    """A card per key figure: its value, the same period a year before, the change and the months of both.
    ``previous``: (start, end, values) of the period before, already read (a calendar year's is the year before)."""
    scope = selectors.scope_for(organisation, start, end, descendants=descendants)
    before = selectors.scope_for(organisation, a_year_before(start), a_year_before(end), descendants=descendants)
    chosen = key_figures_of(user, organisation)
    if previous is not None and previous[:2] == (before.start, before.end):
        last_year = previous[2]
    else:
        last_year = selectors.compute(before, [f.key for f in chosen])
    cards = []
    for f in chosen:
        value, then = values.get(f.key), last_year.get(f.key)
        this_months, then_months = monthly(f, scope), monthly(f, before)
        cards.append({
            "figure": f, "value": value, "shown": shown(value, f), "with_unit": with_unit(value, f),
            "last_year": shown(then, f), "change": change(value, then, f),
            "delta": (value - then) if value is not None and then is not None else 0,
            "empty": why_empty(f) if value is None else "",
            "trend": None if this_months is None else {
                "months": [m.month for m in this_months], "this": list(this_months.values()),
                "last": list(then_months.values())},
        })
    return cards


def breakdown_chart(organisation, start, end, keys=None) -> dict:
    rows = selectors.breakdown(organisation, start, end, keys)
    wanted = [f for f in figures() if keys is None or f.key in keys]
    return {"labels": [o.short_name for o, _values in rows], "org_ids": [o.pk for o, _values in rows],
            "series": {f.key: [v.get(f.key) for _o, v in rows] for f in wanted},
            "names": {f.key: str(f.label) for f in wanted}, "rows": rows}


def dashboard_context(request, organisation, start, end, descendants, groups, previous=None) -> dict:
    values = {row["figure"].key: row["value"] for _group, rows in groups for row in rows}
    cards = key_cards(request.user, organisation, start, end, descendants, values, previous)
    key_set = {c["figure"].key for c in cards}
    rest = [(group, [r for r in rows if r["figure"].key not in key_set]) for group, rows in groups]
    # The breakdown reads every organisation below once per figure: the key figures and the one asked for, unless the
    # reader asks for the table of every figure.
    every = request.GET.get("breakdown") == "all"
    chosen = request.GET.get("figure") or (cards[0]["figure"].key if cards else "")
    keys = None if every else [c["figure"].key for c in cards] + [chosen]
    chart = breakdown_chart(organisation, start, end, keys) if organisation.children.exists() else None
    listed = [f for f in figures() if keys is None or f.key in keys]
    return {
        "cards": cards, "rest": [(g, rows) for g, rows in rest if rows],
        "trends": {c["figure"].key: c["trend"] for c in cards if c["trend"]},
        "chart": {k: v for k, v in chart.items() if k != "rows"} if chart else None,
        "breakdown_orgs": [o for o, _v in chart["rows"]] if chart else [],
        "breakdown": [(f, [shown(v.get(f.key), f) for _o, v in chart["rows"]]) for f in listed] if chart else [],
        "figures": figures(), "every_figure": every, "chosen": chosen,
    }
