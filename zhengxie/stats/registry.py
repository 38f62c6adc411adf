"""The figures the platform reports (统计指标). Each app declares its figures in its own ``figures.py``:

    register_figure(Figure(
        key="proposals.registered", label=_("Proposals registered"), group=GROUP_PROPOSALS, unit=_("items"),
        compute=lambda scope: Proposal.objects.filter(organisation_id__in=scope.org_ids,
                                                      registered_at__range=scope.datetime_range).count(),
        seed=_("1,050 proposals in a term (Tianshui)"),
    ))

``compute`` receives a Scope (the organisations counted and the period) and returns a number. The dashboard, the
Excel export, the API and the annual report all read figures from here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Scope:
    org_ids: tuple[int, ...]
    start: dt.date
    end: dt.date  # inclusive

    @property
    def datetime_range(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes from the start of ``start`` to the end of ``end`` (for ``__range`` lookups)."""
        tz = timezone.get_current_timezone()
        return (dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
                dt.datetime.combine(self.end, dt.time.max, tzinfo=tz))

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


@dataclass
class Figure:
    key: str
    label: Promise | str
    group: Promise | str
    compute: Callable[[Scope], float | int]
    unit: Promise | str = ""
    seed: Promise | str = ""  # the figure of the seed report this reproduces, for the reader
    # A clause for the annual report's summary, e.g. _("%(value)s proposals submitted by members").
    sentence: Promise | str = ""
    order: int = 100
    percent: bool = False
    # Point-in-time figures (members, places) ignore the period's start: they count what exists at its end.
    stock: bool = False
    extra: dict = field(default_factory=dict)


_figures: dict[str, Figure] = {}


def register_figure(figure: Figure) -> Figure:
    _figures[figure.key] = figure
    return figure


def figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (f.order, f.key))


def figure(key: str) -> Figure:
    return _figures[key]


def ratio(numerator: int, denominator: int) -> float:
    return round(100.0 * numerator / denominator, 1) if denominator else 0.0
