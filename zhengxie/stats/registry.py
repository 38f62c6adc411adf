"""The figures the platform reports (统计指标). Each app declares its figures in its own ``figures.py``:

    register_figure(Figure(
        key="proposals.registered", label=_("Proposals registered"), group=GROUP_PROPOSALS, unit=_("items"),
        records=lambda scope: Proposal.objects.filter(organisation_id__in=scope.org_ids,
                                                      registered_at__range=scope.datetime_range),
        date_field="registered_at",
        definition=_("Proposals registered (立案) in the period, counted on the day of registration; ..."),
    ))

A figure is defined once, by the queryset of the records it counts (``records``): the figure is the count of that
queryset (``measure="count"``), a sum or an average of one of its columns (``measure="sum:suggestion_count"``), or a
rate (``measure="rate"``: the share of the records that match ``part``, a ``Q`` on them or the records of another
queryset). The record list behind a figure (its page, its Excel export, the API) is the same queryset, so a figure
of 258 opens 258 rows. ``compute`` is only for a figure that has no records to list (tests, plug-ins).

The dashboard, the Excel export, the API, the annual report and the big screen all read figures from here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet, Sum
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
    def date_range(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


COUNT, RATE = "count", "rate"


@dataclass
class Figure:
    key: str
    label: Promise | str
    group: Promise | str
    compute: Callable[[Scope], float | int | None] | None = None
    unit: Promise | str = ""
    seed: Promise | str = ""  # the figure of the seed report this reproduces, for the reader (never on a card)
    # A clause for the annual report's summary, e.g. _("%(value)s proposals submitted by members").
    sentence: Promise | str = ""
    order: int = 100
    percent: bool = False
    # Point-in-time figures (members, places) ignore the period's start: they count what exists at its end.
    stock: bool = False
    extra: dict = field(default_factory=dict)
    # The records the figure counts (its list), the measure over them, and the definition (口径) shown beside it.
    records: Callable[[Scope], QuerySet] | None = None
    measure: str = COUNT  # "count", "rate", "sum:<field>", "average:<field>"
    part: Q | Callable[[Scope], QuerySet] | None = None  # the numerator of a rate
    date_field: str = ""  # the record's date that places it in the period (a column of the list, its order)
    definition: Promise | str = ""
    empty_reason: Promise | str = ""  # why a rate has no value, e.g. "no proposal registered in the period"
    # The path from a record to the organisation its scope filters on ("task__organisation"), for counting every
    # organisation of a breakdown in one grouped query; "" finds it from the model, None when the figure cannot be
    # grouped (its records depend on the scope as a whole, e.g. reports received from outside it).
    org_field: str | None = ""

    def __post_init__(self):
        if self.measure == RATE:
            self.percent = True
        if self.compute is None:
            self.compute = self.value

    @property
    def listable(self) -> bool:
        return self.records is not None

    def value(self, scope: Scope):
        """The figure for ``scope``: from its records when it has them. A rate or an average of nothing is None."""
        if self.records is None:
            return self.compute(scope)  # a figure with nothing to list (registered by a test or a plug-in)
        qs = self.records(scope)
        if self.measure == COUNT:
            return qs.count()
        if self.measure == RATE:
            return self._rate(qs, scope)
        how, _sep, column = self.measure.partition(":")
        if how == "sum":
            return qs.aggregate(n=Sum(column))["n"] or 0
        average = qs.aggregate(n=Avg(column))["n"]
        return None if average is None else round(float(average), 1)

    def _rate(self, qs, scope):
        if isinstance(self.part, Q):
            counts = qs.aggregate(total=Count("pk"), part=Count("pk", filter=self.part))
            return ratio(counts["part"], counts["total"])
        return ratio(self.part(scope).count(), qs.count())

    def part_records(self, scope: Scope) -> QuerySet | None:
        """The numerator's records of a rate (a subset of the list, or another queryset)."""
        if self.measure != RATE or self.part is None:
            return None
        return self.records(scope).filter(self.part) if isinstance(self.part, Q) else self.part(scope)


_figures: dict[str, Figure] = {}


def register_figure(figure: Figure) -> Figure:
    if figure.records is None and figure.compute is None:
        raise ValueError(f"figure {figure.key} has neither records nor compute")
    _figures[figure.key] = figure
    return figure


def figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (f.order, f.key))


def figure(key: str) -> Figure:
    return _figures[key]


def ratio(numerator: int, denominator: int) -> float | None:
    """A percentage with one decimal; None when there is nothing to divide (shown as "—", never as 0.0%)."""
    return round(100.0 * numerator / denominator, 1) if denominator else None
