"""Reads of the outreach app: organisation-scoped, permission-filtered querysets with their joins.

The figures that statistics reuse are in ``figures.py``."""

import datetime as dt

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from zhengxie.core import permissions as core
from zhengxie.core.models import Member
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import ConcernStatus, PlaceKind
from .models import ActivityParticipant, Concern, OutreachActivity, Place, PlaceRating
from .models.concerns import normalise_tracking_code, tracking_digest

# --- places -----------------------------------------------------------------------------------------------------


def places_visible_to(user, organisation):
    """The organisation's places, for its staff and members."""
    if not permissions.can_view_places(user, organisation):
        return Place.objects.none()
    return Place.objects.filter(organisation=organisation).select_related("lead_member__person", "sector")


def with_latest_rating(qs):
    latest = PlaceRating.objects.filter(place=OuterRef("pk")).order_by("-year")
    return qs.annotate(latest_stars=Subquery(latest.values("stars")[:1]),
                       latest_rating_year=Subquery(latest.values("year")[:1]))


FIVE_HAVE_ALL = Q(has_site=True, has_people=True, has_mechanism=True, has_rules=True, has_equipment=True)


def place_search(qs, *, kind="", level="", county="", township="", q="", five_haves="", stars=None,
                 active: bool | None = True, team: bool | None = None):
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level=level)
    if county:
        qs = qs.filter(county=county)
    if township:
        qs = qs.filter(township=township)
    if five_haves == "complete":
        qs = qs.filter(FIVE_HAVE_ALL)
    elif five_haves == "incomplete":
        qs = qs.exclude(FIVE_HAVE_ALL)
    if active is not None:
        qs = qs.filter(is_active=active)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(township__contains=q) | Q(village__contains=q)
                       | Q(lead_member__person__name=q) | Q(theme__contains=q))
    qs = with_latest_rating(qs)
    if stars:
        qs = qs.filter(latest_stars=int(stars))
    return qs.order_by("county", "township", "kind", "name", "pk")


def place_get_for_user(user, organisation, pk) -> Place:
    qs = places_visible_to(user, organisation).select_related("lead_member__sector", "organisation")
    return get_visible(qs, pk, organisation=organisation)


def place_team(place):
    return place.team.select_related("member__person", "member__sector").order_by("member__person__name")


def place_roster(place):
    return place.roster.select_related("member__person")


def place_areas(organisation) -> dict[str, list[str]]:
    """County -> townships that have places, for the filters."""
    areas: dict[str, list[str]] = {}
    rows = (Place.objects.filter(organisation=organisation).values_list("county", "township").distinct()
            .order_by("county", "township"))
    for county, township in rows:
        areas.setdefault(county, [])
        if township:
            areas[county].append(township)
    return areas


def my_places(user, organisation):
    ids = permissions.place_ids_of(user, organisation)
    return Place.objects.filter(pk__in=ids).select_related("lead_member__person").order_by("kind", "name")


def current_members(organisation, ids):
    """Current members of the organisation among ``ids`` (what a form or the API names)."""
    return Member.objects.current().filter(organisation=organisation, pk__in=list(ids)).select_related("person")


def team_candidates(organisation):
    """Current members of the organisation, to choose a lead member, members on duty or participants."""
    return Member.objects.current().filter(organisation=organisation).select_related("person", "sector") \
        .order_by("person__name", "pk")


# --- activities ---------------------------------------------------------------------------------------------------


def activities_visible_to(user, organisation):
    """Staff see every activity of the organisation; a member those at his places and those he took part in."""
    if not permissions.can_view_activities(user, organisation):
        return OutreachActivity.objects.none()
    qs = OutreachActivity.objects.filter(organisation=organisation)
    if not core.is_staff_of(user, organisation):
        seat = permissions.seat_of(user, organisation)
        qs = qs.filter(Q(place_id__in=permissions.place_ids_of(user, organisation))
                       | Q(pk__in=ActivityParticipant.objects.filter(member=seat).values("activity_id")))
    return qs.select_related("place").prefetch_related(
        Prefetch("participations", queryset=ActivityParticipant.objects.select_related("member__person")))


def activity_search(qs, *, kind="", status="", place=None, date_from: dt.date | None = None,
                    date_to: dt.date | None = None, q=""):
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if place:
        qs = qs.filter(place_id=place)
    if date_from:
        qs = qs.filter(held_on__gte=date_from)
    if date_to:
        qs = qs.filter(held_on__lte=date_to)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(topic__contains=q) | Q(place__name__contains=q))
    return qs.order_by("-held_on", "-pk")


def activity_get_for_user(user, organisation, pk) -> OutreachActivity:
    hint = organisation if permissions.can_view_activities(user, organisation) else None
    return get_visible(activities_visible_to(user, organisation), pk, organisation=hint)


# --- concerns --------------------------------------------------------------------------------------------------------


def concerns_visible_to(user, organisation):
    """Staff see every concern of the organisation; a member those he handles or registered and those at his
    places; a handling unit those passed to it."""
    if not permissions.can_view_concerns(user, organisation):
        return Concern.objects.none()
    qs = Concern.objects.filter(organisation=organisation)
    if not core.is_staff_of(user, organisation):
        seat = permissions.seat_of(user, organisation)
        visible = Q(registered_by=user) | Q(handling_unit_id__in=core.unit_ids_of(user, organisation))
        if seat is not None:
            visible |= Q(assigned_member=seat) | Q(place_id__in=permissions.place_ids_of(user, organisation))
        qs = qs.filter(visible)
    return qs.select_related("place", "assigned_member__person", "handling_unit")


def concern_search(qs, *, status="", category="", place=None, source="", overdue=False, unit=None,  # noqa: C901 (one optional filter per query parameter)
                   date_from: dt.date | None = None, date_to: dt.date | None = None, q=""):
    if status == "open":
        qs = qs.filter(status__in=[ConcernStatus.SUBMITTED, ConcernStatus.HANDLING, ConcernStatus.AT_UNIT])
    elif status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if place:
        qs = qs.filter(place_id=place)
    if source:
        qs = qs.filter(source=source)
    if unit:
        qs = qs.filter(handling_unit_id=unit)
    if overdue:
        qs = qs.filter(status=ConcernStatus.AT_UNIT, unit_due_on__lt=timezone.localdate())
    if date_from:
        qs = qs.filter(received_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(received_at__date__lte=date_to)
    q = (q or "").strip()
    if q:
        match = Q(description__contains=q) | Q(submitter_name=q) | Q(code_hint=q.upper())
        if q.partition("-")[2].isdigit():
            match |= Q(pk=int(q.partition("-")[2]))
        qs = qs.filter(match)
    return qs.order_by("-received_at", "-pk")


def concern_get_for_user(user, organisation, pk) -> Concern:
    hint = organisation if permissions.can_view_concerns(user, organisation) else None
    qs = concerns_visible_to(user, organisation).select_related("registered_by", "activity")
    return get_visible(qs, pk, organisation=hint)


def concern_history(concern):
    return concern.events.select_related("actor__person").order_by("created_at", "pk")


def concern_by_code(raw_code: str) -> Concern | None:
    """The concern a tracking code opens, or None (for the public page)."""
    code = normalise_tracking_code(raw_code)
    if not code:
        return None
    return Concern.objects.select_related("place", "handling_unit", "organisation").filter(
        code_digest=tracking_digest(code)).first()


def public_history(concern):
    return concern.events.filter(is_public=True).order_by("created_at", "pk")


# --- the public page ------------------------------------------------------------------------------------------------


def public_place(code: str) -> Place | None:
    return Place.objects.select_related("organisation", "lead_member__person", "lead_member__sector") \
        .filter(public_code=str(code)[:16], is_active=True).first()


def public_places_of(organisation):
    """What the person may choose on the committee's public page: its workstations and studios (a village room
    has its own poster and page)."""
    return Place.objects.filter(organisation=organisation, is_active=True,
                                kind__in=[PlaceKind.WORKSTATION, PlaceKind.STUDIO]).order_by("county", "township", "name")


def todo_counts(user, organisation) -> dict:
    """Cheap counts for the workbench."""
    counts = {}
    seat = permissions.seat_of(user, organisation)
    if seat is not None:
        counts["mine"] = Concern.objects.filter(organisation=organisation, assigned_member=seat,
                                                status=ConcernStatus.HANDLING).count()
        ids = permissions.place_ids_of(user, organisation)
        counts["at_my_places"] = Concern.objects.filter(
            place_id__in=ids, status=ConcernStatus.SUBMITTED).count() if ids else 0
    if permissions.can_manage(user, organisation):
        waiting = Concern.objects.filter(organisation=organisation, status=ConcernStatus.SUBMITTED)
        counts["unrouted"] = waiting.filter(place__isnull=True).count()
        counts["overdue"] = Concern.objects.filter(organisation=organisation, status=ConcernStatus.AT_UNIT,
                                                   unit_due_on__lt=timezone.localdate()).count()
    units = core.unit_ids_of(user, organisation)
    if units:
        counts["unit"] = Concern.objects.filter(handling_unit_id__in=units, status=ConcernStatus.AT_UNIT).count()
    return counts



def concern_clusters(qs):
    """Groups of the same complaint among a list of concerns (``concerns_visible_to`` with the list's filters: a
    place, a period, a category), by the similarity of what the people wrote (``search.clusters``)."""
    from zhengxie.search.clusters import clusters_of, threshold_for

    return clusters_of(qs, model=Concern, threshold=threshold_for("outreach.concern"), order_by=("-received_at", "-pk"))
