"""Statistics over the API: every registered figure for the active organisation and a period."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from zhengxie.api.common import Id, Year, errors, require

from . import selectors
from .permissions import can_view_stats
from .registry import figures

router = Router(tags=["stats"])


class FigureOut(Schema):
    key: str
    label: str
    group: str
    unit: str
    value: float
    previous: float


class FiguresOut(Schema):
    organisation_id: Id
    start: dt.date
    end: dt.date
    descendants: bool
    figures: list[FigureOut]


@router.get("/figures", response={200: FiguresOut, **errors()},
            summary="All figures for the active organisation and a period (a year, or start and end)")
def figure_list(request, year: Year | None = None, start: dt.date | None = None, end: dt.date | None = None,
                descendants: bool = True):
    org = require(request, can_view_stats)
    if not (start and end):
        start, end = selectors.year_period(year or timezone.localdate().year)
    values = selectors.compute(selectors.scope_for(org, start, end, descendants=descendants))
    before = selectors.compute(selectors.scope_for(org, *selectors.previous_period(start, end), descendants=descendants))
    return {"organisation_id": org.pk, "start": start, "end": end, "descendants": descendants,
            "figures": [{"key": f.key, "label": str(f.label), "group": str(f.group), "unit": str(f.unit),
                         "value": values.get(f.key, 0), "previous": before.get(f.key, 0)} for f in figures()]}
