"""Statistics over the API: every registered figure for the active organisation and a period, one figure with its
definition (口径), and the records it counts (the same queryset as the figure: a figure of 258 lists 258 rows)."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, Year, errors, require
from zhengxie.core.exceptions import NotFound

from . import selectors
from .formatting import shown, why_empty
from .permissions import can_view_stats
from .records import PageByIds, row_of
from .registry import figure, figures

router = Router(tags=["stats"])


class FigureOut(Schema):
    key: str
    label: str
    group: str
    unit: str
    value: float | None  # None: a rate or an average with nothing to divide ("—")
    previous: float | None
    shown: str
    definition: str
    measure: str  # count, rate, sum:<column>, average:<column>


class FiguresOut(Schema):
    organisation_id: Id
    start: dt.date
    end: dt.date
    descendants: bool
    figures: list[FigureOut]


class FigureDetailOut(FigureOut):
    organisation_id: Id
    start: dt.date
    end: dt.date
    descendants: bool
    records: int  # how many records the list has
    numerator: int | None  # for a rate: how many of them (or of another list) are counted above the line
    empty_reason: str
    stock: bool


class FigureRecordOut(Schema):
    model: str
    id: int
    title: str
    organisation_id: int | None
    organisation: str
    date: dt.date | None
    state: str
    amount: float | None
    in_numerator: bool | None


def _period(request, year, start, end, org_id):
    org = require(request, can_view_stats)
    if not (start and end):
        start, end = selectors.year_period(year or timezone.localdate().year)
    return org, selectors.organisation_in_reach(org, org_id), start, end


def _figure(key):
    try:
        return figure(key)
    except KeyError:
        raise NotFound() from None


def _out(f, value, previous) -> dict:
    return {"key": f.key, "label": str(f.label), "group": str(f.group), "unit": str(f.unit), "value": value,
            "previous": previous, "shown": shown(value, f), "definition": str(f.definition), "measure": f.measure}


@router.get("/figures", response={200: FiguresOut, **errors()},
            summary="All figures for the active organisation and a period (a year, or start and end)")
def figure_list(request, year: Year | None = None, start: dt.date | None = None, end: dt.date | None = None,
                descendants: bool = True, organisation: Id | None = None):
    _org, target, start, end = _period(request, year, start, end, organisation)
    values = selectors.compute(selectors.scope_for(target, start, end, descendants=descendants))
    before = selectors.compute(selectors.scope_for(target, *selectors.previous_period(start, end), descendants=descendants))
    return {"organisation_id": target.pk, "start": start, "end": end, "descendants": descendants,
            "figures": [_out(f, values.get(f.key), before.get(f.key)) for f in figures()]}


@router.get("/figures/{key}", response={200: FigureDetailOut, **errors(404)},
            summary="One figure with its definition (口径) and the size of its record list")
def figure_detail(request, key: str, year: Year | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, descendants: bool = True, organisation: Id | None = None):
    org, target, start, end = _period(request, year, start, end, organisation)
    f = _figure(key)
    scope = selectors.scope_for(target, start, end, descendants=descendants)
    value = f.value(scope)
    before = f.value(selectors.scope_for(target, *selectors.previous_period(start, end), descendants=descendants))
    part = f.part_records(scope)
    return {**_out(f, value, before), "organisation_id": target.pk, "start": start, "end": end,
            "descendants": descendants, "stock": f.stock,
            "records": selectors.figure_records_visible_to(request.user, org, f, scope).count(),
            "numerator": part.count() if part is not None else None,
            "empty_reason": why_empty(f) if value is None else ""}


@router.get("/figures/{key}/records", response={200: list[FigureRecordOut], **errors(404)},
            summary="The records a figure counts, newest first")
@paginate(PageNumbers)
def figure_records(request, key: str, year: Year | None = None, start: dt.date | None = None,
                   end: dt.date | None = None, descendants: bool = True, organisation: Id | None = None,
                   numerator: bool = False):
    org, target, start, end = _period(request, year, start, end, organisation)
    f = _figure(key)
    scope = selectors.scope_for(target, start, end, descendants=descendants)
    qs = selectors.figure_records_visible_to(request.user, org, f, scope, part=numerator and f.part is not None)

    def serialise(items):
        rows = [row_of(f, obj) for obj in items]
        return [{"model": obj._meta.label_lower, "id": obj.pk, "title": r.title, "organisation_id": r.organisation_id,
                 "organisation": r.organisation, "date": r.date, "state": r.state,
                 "amount": float(r.amount) if r.amount is not None else None, "in_numerator": r.in_part}
                for obj, r in zip(items, rows, strict=True)]

    return Rows(PageByIds(qs), serialise)
