"""The figures of members' contact with the public, for an organisation (and, if asked, the organisations below
it) and a period: places by type and level, activities, members who went down (下沉委员), concerns received,
solved and satisfied. Selectors (each a handful of grouped queries) for this app's figures page, also registered
with the statistics app (its dashboard, export, annual report and API read them from its registry)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import Member, Organisation
from zhengxie.stats.registry import RATE, Figure, register_figure

from .choices import ActivityKind, ActivityStatus, ConcernStatus, PlaceKind, PlaceLevel
from .models import ActivityParticipant, Concern, OutreachActivity, Place

OPEN = [ConcernStatus.SUBMITTED, ConcernStatus.HANDLING, ConcernStatus.AT_UNIT]


def scope(organisation, *, include_lower: bool = True) -> list[int]:
    """The organisation, and those below it when ``include_lower``."""
    if not include_lower:
        return [organisation.pk]
    return list(organisation.descendants(include_self=True).values_list("pk", flat=True))


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def _ratio(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def place_figures(org_ids: list[int], *, on: dt.date) -> dict:
    """Open places that existed on ``on``: by type and level, three-in-one stations, "five haves" complete."""
    qs = Place.objects.filter(organisation_id__in=org_ids, is_active=True).filter(
        Q(established_on__isnull=True) | Q(established_on__lte=on))
    grid = {kind: {level: 0 for level in PlaceLevel.values} for kind in PlaceKind.values}
    for row in qs.values("kind", "level").annotate(n=Count("pk")):
        grid[row["kind"]][row["level"]] = row["n"]
    totals = qs.aggregate(
        total=Count("pk"),
        three_in_one=Count("pk", filter=Q(kind=PlaceKind.WORKSTATION, is_three_in_one=True)),
        five_haves=Count("pk", filter=Q(has_site=True, has_people=True, has_mechanism=True, has_rules=True,
                                        has_equipment=True)),
    )
    return {"by_kind_level": grid, "by_kind": {k: sum(v.values()) for k, v in grid.items()}, **totals}


def activity_figures(org_ids: list[int], *, start: dt.date, end: dt.date) -> dict:
    held = OutreachActivity.objects.filter(organisation_id__in=org_ids, status=ActivityStatus.HELD,
                                           held_on__gte=start, held_on__lte=end)
    by_kind = {kind: 0 for kind in ActivityKind.values}
    constituents = 0
    for row in held.values("kind").annotate(n=Count("pk"), people=Sum("constituents_count")):
        by_kind[row["kind"]] = row["n"]
        constituents += row["people"] or 0
    participations = ActivityParticipant.objects.filter(activity__in=held)
    members = participations.aggregate(times=Count("pk"), members=Count("member_id", distinct=True))
    return {"by_kind": by_kind, "total": sum(by_kind.values()), "constituents": constituents,
            "members_gone_down": members["members"], "participations": members["times"]}


def concern_figures(org_ids: list[int], *, start: dt.date, end: dt.date) -> dict:
    """The concerns received in the period and what became of them by its end: solved (closed with a result), not
    taken up, rated by the person. Every count is of the concerns received in the period, so that solved never
    exceeds received, in all and in each category (a concern received before the period and solved in it is in the
    registered figure ``outreach.concerns_solved``, counted by the day closed, not here)."""
    since, until = _bounds(start, end)
    received = Concern.objects.filter(organisation_id__in=org_ids, received_at__gte=since, received_at__lt=until)
    by_end = Q(closed_at__lt=until)
    solved = Q(status=ConcernStatus.CLOSED) & by_end
    counts = received.aggregate(
        received=Count("pk"), still_open=Count("pk", filter=Q(status__in=OPEN) | ~by_end & Q(closed_at__isnull=False)),
        online=Count("pk", filter=Q(source="public")),
        solved=Count("pk", filter=solved),
        declined=Count("pk", filter=Q(status=ConcernStatus.DECLINED) & by_end),
        rated=Count("pk", filter=solved & Q(satisfied__isnull=False)),
        satisfied=Count("pk", filter=solved & Q(satisfied=True)),
        via_unit=Count("pk", filter=solved & Q(passed_at__isnull=False)),
    )
    categories = {row["category"]: {"received": row["n"], "solved": row["done"]}
                  for row in received.values("category").annotate(n=Count("pk"), done=Count("pk", filter=solved))}
    return {**counts, "satisfaction_rate": _ratio(counts["satisfied"], counts["rated"]),
            "by_category": sorted(categories.items(), key=lambda kv: -kv[1]["received"])}


@dataclass
class OrganisationRow:
    organisation: Organisation
    places: int = 0
    activities: int = 0
    members_gone_down: int = 0
    received: int = 0
    solved: int = 0
    satisfied: int = 0


def figures_by_organisation(org_ids: list[int], *, start: dt.date, end: dt.date) -> list[OrganisationRow]:
    """One row per organisation in scope (a city and its counties), in tree order."""
    rows = {o.pk: OrganisationRow(o) for o in Organisation.objects.filter(pk__in=org_ids).order_by("path")}
    since, until = _bounds(start, end)
    for r in Place.objects.filter(organisation_id__in=org_ids, is_active=True).values("organisation_id").annotate(n=Count("pk")):
        rows[r["organisation_id"]].places = r["n"]
    held = OutreachActivity.objects.filter(organisation_id__in=org_ids, status=ActivityStatus.HELD,
                                           held_on__gte=start, held_on__lte=end)
    for r in held.values("organisation_id").annotate(n=Count("pk")):
        rows[r["organisation_id"]].activities = r["n"]
    for r in ActivityParticipant.objects.filter(activity__in=held).values("activity__organisation_id").annotate(
            n=Count("member_id", distinct=True)):
        rows[r["activity__organisation_id"]].members_gone_down = r["n"]
    # as in concern_figures: the concerns received in the period, solved by its end (solved ⊆ received)
    solved = Q(status=ConcernStatus.CLOSED, closed_at__lt=until)
    for r in Concern.objects.filter(organisation_id__in=org_ids, received_at__gte=since, received_at__lt=until).values(
            "organisation_id").annotate(n=Count("pk"), done=Count("pk", filter=solved),
                                        ok=Count("pk", filter=solved & Q(satisfied=True))):
        row = rows[r["organisation_id"]]
        row.received, row.solved, row.satisfied = r["n"], r["done"], r["ok"]
    return list(rows.values())


@dataclass
class OutreachFigures:
    organisation: Organisation
    start: dt.date
    end: dt.date
    include_lower: bool
    places: dict = field(default_factory=dict)
    activities: dict = field(default_factory=dict)
    concerns: dict = field(default_factory=dict)
    by_organisation: list = field(default_factory=list)


def outreach_figures(organisation, *, start: dt.date, end: dt.date, include_lower: bool = True) -> OutreachFigures:
    """Every figure of the outreach app for ``organisation`` (and those below it) from ``start`` to ``end``."""
    org_ids = scope(organisation, include_lower=include_lower)
    return OutreachFigures(
        organisation=organisation, start=start, end=end, include_lower=include_lower,
        places=place_figures(org_ids, on=end),
        activities=activity_figures(org_ids, start=start, end=end),
        concerns=concern_figures(org_ids, start=start, end=end),
        by_organisation=figures_by_organisation(org_ids, start=start, end=end) if len(org_ids) > 1 else [],
    )


# --- the same figures in the statistics app's registry (dashboard, export, annual report, API) -----------------

GROUP = _("Members and the public")


def _places(kind, three_in_one=False):
    def records(scope):
        qs = Place.objects.filter(organisation_id__in=scope.org_ids, is_active=True, kind__in=kind).filter(
            Q(established_on__isnull=True) | Q(established_on__lte=scope.end)).select_related("organisation")
        return qs.filter(is_three_in_one=True) if three_in_one else qs

    return records


def _held(scope):
    return OutreachActivity.objects.filter(organisation_id__in=scope.org_ids, status=ActivityStatus.HELD,
                                           held_on__gte=scope.start, held_on__lte=scope.end
                                           ).select_related("organisation")


def _members_gone_down(scope):
    participations = ActivityParticipant.objects.filter(activity__in=_held(scope))
    return Member.objects.filter(pk__in=participations.values("member_id")).select_related("person", "organisation")


def _concerns(field, **filters):
    def records(scope):
        since, until = _bounds(scope.start, scope.end)
        return Concern.objects.filter(organisation_id__in=scope.org_ids, **{f"{field}__gte": since, f"{field}__lt": until},
                                      **filters).select_related("organisation")

    return records


PLACES = _("Open places at the period's end (established on or before its last day, or with no date); closed "
           "places are excluded.")
STOCK = {"stock": True, "definition": PLACES}
for order, (key, label, records, unit, extra) in enumerate([
    ("workstations", _("Member workstations"), _places([PlaceKind.WORKSTATION]), pgettext_lazy("unit", "places"), STOCK),
    ("three_in_one", _("Three-in-one platforms"), _places([PlaceKind.WORKSTATION], three_in_one=True),
     pgettext_lazy("unit", "places"), {**STOCK, "seed": _("123 three-in-one platforms (Tianshui)"),
                                       "sentence": _("%(value)s three-in-one platforms of workstations, consultation councils and rooms")}),
    ("studios", _("Member studios"), _places([PlaceKind.STUDIO]), pgettext_lazy("unit", "places"),
     {**STOCK, "seed": _("82 member studios (Tianshui), 64 (Jiuquan)"), "sentence": _("%(value)s member studios")}),
    ("rooms", _("Grassroots consultation rooms"), _places([PlaceKind.ROOM]), pgettext_lazy("unit", "places"),
     {**STOCK, "seed": _("2,243 grassroots consultation rooms (Tianshui)"),
      "sentence": _("%(value)s grassroots consultation rooms")}),
    ("platforms", _("Consultation platforms (workstations and grassroots rooms)"),
     _places([PlaceKind.WORKSTATION, PlaceKind.ROOM]), pgettext_lazy("unit", "places"),
     {**STOCK, "seed": _("1,263 consultation platforms (Jiuquan)")}),
    ("activities", _("Activities at places"), _held, pgettext_lazy("unit", "activities"),
     {"date_field": "held_on", "definition": _("Activities at workstations, studios and rooms held in the period "
                                               "(the day held); planned and cancelled ones are excluded.")}),
    ("constituents", _("Constituents reached at places"), _held, pgettext_lazy("unit", "person-times"),
     {"date_field": "held_on", "measure": "sum:constituents_count",
      "definition": _("The constituents recorded at the activities held in the period (the sum of each activity's "
                      "count).")}),
    ("members_gone_down", _("Members who went down to the grassroots"), _members_gone_down,
     pgettext_lazy("unit", "people"), {"seed": _("1,880+ members (Tianshui), 1,278 (Jiuquan)"),
                                       "sentence": _("%(value)s members went down to workstations and rooms"),
                                       "definition": _("Distinct members who took part in an activity held at a "
                                                       "place in the period.")}),
    ("concerns_received", _("Constituents' concerns received"), _concerns("received_at"), pgettext_lazy("unit", "items"),
     {"date_field": "received_at", "definition": _("Concerns registered in the period (the day received), from "
                                                   "members or the public page.")}),
    ("concerns_solved", _("Constituents' concerns solved"), _concerns("closed_at", status=ConcernStatus.CLOSED),
     pgettext_lazy("unit", "items"),
     {"seed": _("nearly 1,000 concerns solved (Jiuquan)"), "date_field": "closed_at",
      "sentence": _("%(value)s of the people's pressing concerns solved through consultation"),
      "definition": _("Concerns closed with a result in the period (the day closed); declined ones are excluded.")}),
    ("concerns_satisfaction", _("Satisfaction with solved concerns"),
     _concerns("closed_at", status=ConcernStatus.CLOSED, satisfied__isnull=False), "",
     {"measure": RATE, "part": Q(satisfied=True), "date_field": "closed_at",
      "definition": _("Of the concerns solved in the period that the person rated, the share satisfied."),
      "empty_reason": _("No solved concern was rated in the period.")}),
], start=60):
    register_figure(Figure(f"outreach.{key}", label, GROUP, records=records, unit=unit, order=order, **extra))
