"""Figures of public-opinion reports: for one organisation and one period (the app's figures page and API), and the
figures registered with the platform's statistics (any set of organisations, at the end of this module).

Every figure counts acts that happened in the period, on the organisation's own records:

- submitted: records received (from its members, bodies, informants, its own office, and forwarded from below),
  withdrawn ones excepted; ``from_below`` of those came from lower-level committees;
- adopted: published in its bulletin (本级采用); not used (未采用); forwarded up (向上级报送);
- adopted higher: records whose report a higher level adopted in the period, per level; media: used by the media;
- instructions: leaders' instructions (批示) recorded at its level or above, per level.

One query per table, whatever the number of reports.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import OrganisationLevel
from zhengxie.stats.registry import RATE, Figure, register_figure

from .choices import (
    INSTRUCTION_LEVEL_OF,
    INSTRUCTION_RANK,
    AdoptionKind,
    AuthorKind,
    InstructionLevel,
    ReportStatus,
)
from .models import Adoption, BulletinIssue, Instruction, Report

BY_AUTHOR, BY_SUBMITTER, BY_CATEGORY = "author", "submitter", "category"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        from django.utils import timezone

        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time(), tzinfo=tz)
        return start, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def higher_levels(organisation) -> list[str]:
    return [level for level in OrganisationLevel.values if OrganisationLevel.rank(level) < organisation.level_rank]


def instruction_levels(organisation) -> list[str]:
    """Levels of instructions that count for the organisation: its own and the higher ones."""
    own = INSTRUCTION_RANK[INSTRUCTION_LEVEL_OF[organisation.level]]
    return [level for level in InstructionLevel.values if INSTRUCTION_RANK[level] <= own]


def _above(model, **filters):
    """Rows of ``model`` on the same chain as the outer record, recorded at its level or higher."""
    return model.objects.filter(origin_id=OuterRef("origin_id"), report__depth__gte=OuterRef("depth"), **filters)


def _annotated(organisation, period: Period):
    start, end = period.bounds()
    days = (period.start, period.end)
    qs = Report.objects.filter(organisation=organisation)
    annotations = {}
    for level in higher_levels(organisation):
        annotations[f"flag_adopted_{level}"] = Exists(_above(Adoption, level=level, adopted_on__range=days)
                                                 .exclude(kind=AdoptionKind.MEDIA))
    annotations["flag_media"] = Exists(_above(Adoption, kind=AdoptionKind.MEDIA, adopted_on__range=days))
    for level in instruction_levels(organisation):
        count = (_above(Instruction, level=level, instructed_on__range=days).order_by()
                 .values("origin_id").annotate(n=Count("pk")).values("n"))
        annotations[f"n_instructed_{level}"] = Coalesce(Subquery(count, output_field=IntegerField()), Value(0))
    qs = qs.annotate(**annotations)
    metrics = {
        "submitted": Count("pk", filter=Q(received_at__gte=start, received_at__lt=end) & ~Q(status=ReportStatus.WITHDRAWN)),
        "from_below": Count("pk", filter=Q(received_at__gte=start, received_at__lt=end, depth__gt=0)),
        "adopted": Count("pk", filter=Q(published_at__gte=start, published_at__lt=end)),
        "not_used": Count("pk", filter=Q(status=ReportStatus.NOT_USED, not_used_at__gte=start, not_used_at__lt=end)),
        "forwarded": Count("pk", filter=Q(forwarded_at__gte=start, forwarded_at__lt=end)),
        "adopted_media": Count("pk", filter=Q(flag_media=True)),
    }
    higher = Q()
    for level in higher_levels(organisation):
        metrics[f"adopted_{level}"] = Count("pk", filter=Q(**{f"flag_adopted_{level}": True}))
        higher |= Q(**{f"flag_adopted_{level}": True})
    if higher:
        metrics["adopted_higher"] = Count("pk", filter=higher)
    instructions = []
    for level in instruction_levels(organisation):
        metrics[f"instructed_{level}"] = Coalesce(Sum(f"n_instructed_{level}"), 0)
        instructions.append(f"instructed_{level}")
    return qs, metrics, instructions


def _finish(row: dict, organisation, instructions: list[str]) -> dict:
    row.setdefault("adopted_higher", 0)
    row["instructions"] = sum(row[name] for name in instructions)
    row["adopted_by_level"] = {level: row[f"adopted_{level}"] for level in higher_levels(organisation)}
    row["instructions_by_level"] = {level: row[f"instructed_{level}"] for level in instruction_levels(organisation)}
    return row


def report_figures(organisation, period: Period) -> dict:
    """The organisation's figures for the period, as a dict (see the module's docstring for each key);
    ``adopted_by_level`` and ``instructions_by_level`` break the last two down."""
    qs, metrics, instructions = _annotated(organisation, period)
    return _finish(qs.aggregate(**metrics), organisation, instructions)


GROUPINGS = {
    BY_AUTHOR: ("author_kind", "author_member_id", "author_name", "origin_organisation__short_name"),
    BY_SUBMITTER: ("submitter_kind", "submitter"),
    BY_CATEGORY: ("category",),
}


def report_figures_by(organisation, period: Period, by: str) -> list[dict]:
    """The same figures per author (with the committee the report comes from), per submitter (a body, a lower
    committee, or members and informants as a whole) or per category; rows with no act in the period are left
    out; the most reports first."""
    from django.db.models import Case, CharField, F, When

    qs, metrics, instructions = _annotated(organisation, period)
    if by == BY_SUBMITTER:
        qs = qs.annotate(
            submitter_kind=Case(When(depth__gt=0, then=Value("below")), default=F("author_kind"), output_field=CharField()),
            submitter=Case(When(depth__gt=0, then=F("source__organisation__short_name")),
                           When(author_kind=AuthorKind.BODY, then=F("author_body__name")),
                           default=Value(""), output_field=CharField()),
        )
    rows = [_finish(row, organisation, instructions) for row in qs.order_by().values(*GROUPINGS[by]).annotate(**metrics)]
    keys = ["submitted", "adopted", "not_used", "forwarded", "adopted_higher", "adopted_media", "instructions"]
    rows = [row for row in rows if any(row[k] for k in keys)]
    return sorted(rows, key=lambda r: (-r["submitted"], -r["adopted"], str(r.get(GROUPINGS[by][-1]))))


# --- the platform's statistics (stats.registry): the same acts, for any set of organisations ------------------------
# A scope may hold a committee and the ones below it: a report that climbed inside the scope is one report, so
# "submitted" counts the reports that entered the scope (not those forwarded from a committee already in it) and
# "forwarded up" those that left it.

def _records(scope):
    return Report.objects.filter(organisation_id__in=scope.org_ids)


def _entered(scope):
    return _records(scope).filter(received_at__range=scope.datetime_range).exclude(status=ReportStatus.WITHDRAWN).filter(
        Q(source__isnull=True) | ~Q(source__organisation_id__in=scope.org_ids))


def _on_chains_of(model, scope, **filters):
    """Rows of ``model`` on chains with a record in the scope, recorded at that record's level or above."""
    in_scope = Report.objects.filter(organisation_id__in=scope.org_ids, origin_id=OuterRef("origin_id"),
                                     depth__lte=OuterRef("report__depth"))
    return model.objects.filter(Exists(in_scope), **filters)


def _forwarded_out(scope):
    return _records(scope).filter(forwarded_at__range=scope.datetime_range).exclude(
        forwarded_as__organisation_id__in=scope.org_ids)


def _adopted_above(scope):
    """Reports adopted in the period by a level above the scope (a committee outside it, or recorded by hand): the
    first record of each chain."""
    days = (scope.start, scope.end)
    adoptions = (_on_chains_of(Adoption, scope, adopted_on__range=days).exclude(kind=AdoptionKind.MEDIA)
                 .filter(Q(kind=AdoptionKind.UPPER) | ~Q(organisation_id__in=scope.org_ids)))
    return Report.objects.filter(pk__in=adoptions.values("origin_id")).select_related("organisation")


def _instructions(scope, levels=None):
    rows = _on_chains_of(Instruction, scope, instructed_on__range=(scope.start, scope.end)).select_related("report")
    return rows.filter(level__in=levels) if levels else rows


def _adopted_here(scope):
    return Adoption.objects.filter(organisation_id__in=scope.org_ids, kind=AdoptionKind.LOCAL,
                                   adopted_on__range=(scope.start, scope.end)).select_related("report", "organisation")


def _received_here(scope):
    return _records(scope).filter(received_at__range=scope.datetime_range).exclude(status=ReportStatus.WITHDRAWN)


group = _("Public-opinion reports")
reports, items = _("reports"), _("instructions")
register_figure(Figure(
    "opinions.submitted", _("Public-opinion reports received"), group, records=lambda s: _entered(s).select_related(
        "organisation"), unit=reports, order=300, sentence=_("%(value)s public-opinion reports received"),
    date_field="received_at",
    definition=_("Reports that entered the organisations in the period (the day received): submitted there or "
                 "forwarded from outside; a report forwarded between two organisations counted is one report; "
                 "withdrawn reports are excluded.")))
register_figure(Figure(
    "opinions.adopted", _("Reports adopted (published in the bulletin)"), group, records=_adopted_here,
    unit=reports, order=301, sentence=_("%(value)s adopted and published"), date_field="adopted_on",
    definition=_("Adoptions by the organisations themselves (published in their 《社情民意》) in the period, one per "
                 "report and level; media use is excluded.")))
register_figure(Figure(
    "opinions.adoption_rate", _("Adoption rate of reports"), group,
    # per level, as each office reports it: adopted here / received here (a report that climbed counts at each level)
    records=lambda s: _received_here(s).select_related("organisation"), measure=RATE, part=_adopted_here,
    order=302, date_field="received_at",
    definition=_("Adoptions by the organisations in the period divided by the reports they received in it (each "
                 "level counts its own record; withdrawn reports are excluded)."),
    empty_reason=_("No report was received in the period.")))
register_figure(Figure(
    "opinions.forwarded_up", _("Reports forwarded to the level above"), group,
    records=lambda s: _forwarded_out(s).select_related("organisation"), unit=reports, order=303,
    seed=_("260+ public-opinion reports sent up in a term (Tianshui)"), date_field="forwarded_at",
    sentence=_("%(value)s public-opinion reports sent to the level above"),
    definition=_("Reports forwarded in the period to a committee outside the organisations counted.")))
register_figure(Figure(
    "opinions.adopted_above", _("Reports adopted by higher levels"), group, records=_adopted_above, unit=reports,
    order=304, sentence=_("%(value)s adopted by higher levels"),
    definition=_("Reports (the first record of each) adopted in the period by a level above the organisations "
                 "counted; media use is excluded.")))
register_figure(Figure(
    "opinions.instructions", _("Leaders' instructions on reports"), group, records=_instructions, unit=items,
    order=305, sentence=_("%(value)s leaders' written instructions"), date_field="instructed_on",
    definition=_("Leaders' written instructions (批示) given in the period on the reports of the organisations, at "
                 "their level or above.")))
register_figure(Figure(
    "opinions.instructions_provincial", _("Instructions by provincial or central leaders"), group,
    records=lambda s: _instructions(s, [InstructionLevel.PROVINCE, InstructionLevel.CENTRAL]), unit=items, order=306,
    date_field="instructed_on", definition=_("Of those instructions, the ones by provincial or central leaders.")))
register_figure(Figure(
    "opinions.bulletin_issues", _("《社情民意》 issues signed off"), group,
    records=lambda s: BulletinIssue.objects.filter(organisation_id__in=s.org_ids, signed_off_at__range=s.datetime_range
                                                   ).select_related("organisation"),
    unit=_("issues"), order=307, date_field="signed_off_at",
    definition=_("Issues of the bulletin signed off in the period.")))
