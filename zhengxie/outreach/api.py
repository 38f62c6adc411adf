"""The outreach API for the mobile app: places, activities at places, constituents' concerns and the figures.
The public page's endpoints (no account) are in ``api_public.py``, mounted under ``/public``."""

import datetime as dt

from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from zhengxie.api.common import Id, PageNumbers, Rows, Year, active_organisation, errors, require
from zhengxie.core.models import Member

from . import permissions, selectors, services
from .api_concerns import concern_router, member_of, not_in_organisation
from .api_public import public_router
from .choices import ActivityKind, Period, PlaceKind
from .figures import outreach_figures

router = Router(tags=["outreach"])
router.add_router("", concern_router)
router.add_router("/public", public_router)


# --- places ---------------------------------------------------------------------------------------------------


class PlaceOut(Schema):
    id: int
    kind: str
    level: str
    name: str
    county: str
    township: str
    village: str
    address: str
    lead_member_id: Id | None
    lead_member: str | None
    is_three_in_one: bool
    five_haves: int = Field(description="How many of the “five haves” (site, people, mechanism, rules, equipment)")
    latest_stars: int | None = None
    latest_rating_year: int | None = None
    is_active: bool
    public_url: str = Field(description="The place's public page (what its QR poster opens)")
    version: int


def _place_out(p, request=None) -> dict:
    return {"id": p.pk, "kind": p.kind, "level": p.level, "name": p.name, "county": p.county,
            "township": p.township, "village": p.village, "address": p.address, "lead_member_id": p.lead_member_id,
            "lead_member": p.lead_member.person.name if p.lead_member_id else None,
            "is_three_in_one": p.is_three_in_one, "five_haves": p.five_have_count,
            "latest_stars": getattr(p, "latest_stars", None), "latest_rating_year": getattr(p, "latest_rating_year", None),
            "is_active": p.is_active, "public_url": p.public_url(request), "version": p.version}


class SlotOut(Schema):
    member_id: Id
    member: str
    weekday: int = Field(description="1 = Monday … 7 = Sunday")
    period: str


class RatingOut(Schema):
    year: Year
    stars: int
    comment: str


class TeamMemberOut(Schema):
    member_id: int
    name: str
    sector: str


class PlaceDetailOut(PlaceOut):
    studio_basis: str
    sector: str | None
    theme: str
    council_size: int
    contact_name: str
    contact_phone: str
    opening_hours: str
    introduction: str
    five_have_checklist: dict[str, bool]
    established_on: dt.date | None
    team: list[TeamMemberOut]
    roster: list[SlotOut]
    ratings: list[RatingOut]


class PlaceFilter(Schema):
    kind: str = ""
    level: str = ""
    county: str = ""
    township: str = ""
    q: str = ""
    active: bool | None = True


@router.get("/places", response={200: list[PlaceOut], **errors()}, summary="Places (workstations, studios, rooms)")
@paginate(PageNumbers)
def places(request, filters: Query[PlaceFilter]):
    org = require(request, permissions.can_view_places)
    qs = selectors.place_search(selectors.places_visible_to(request.user, org), kind=filters.kind, level=filters.level,
                                county=filters.county, township=filters.township, q=filters.q, active=filters.active)
    return Rows(qs, lambda items: [_place_out(p, request) for p in items])


@router.get("/places/{place_id}", response={200: PlaceDetailOut, **errors(404, 409)}, summary="One place, its team, roster and ratings")
def place(request, place_id: Id):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, place_id)
    latest = p.ratings.order_by("-year").first()
    p.latest_stars, p.latest_rating_year = (latest.stars, latest.year) if latest else (None, None)
    return {
        **_place_out(p, request), "studio_basis": p.studio_basis, "sector": p.sector.name if p.sector_id else None,
        "theme": p.theme, "council_size": p.council_size, "contact_name": p.contact_name,
        "contact_phone": p.contact_phone, "opening_hours": p.opening_hours, "introduction": p.introduction,
        "five_have_checklist": {f: getattr(p, f) for f in ("has_site", "has_people", "has_mechanism", "has_rules",
                                                             "has_equipment")},
        "established_on": p.established_on,
        "team": [{"member_id": pm.member_id, "name": pm.member.person.name, "sector": pm.member.sector.name}
                 for pm in selectors.place_team(p)],
        "roster": [{"member_id": s.member_id, "member": s.member.person.name, "weekday": s.weekday, "period": s.period}
                   for s in selectors.place_roster(p)],
        "ratings": list(p.ratings.values("year", "stars", "comment")),
    }


class PlaceIn(Schema):
    kind: PlaceKind
    name: str = Field(max_length=100)
    studio_basis: str = ""
    sector_id: Id | None = None
    theme: str = ""
    is_three_in_one: bool = False
    council_size: int = Field(0, ge=0, le=1000)
    province: str = ""
    city: str = ""
    county: str = ""
    township: str = ""
    village: str = ""
    street_address: str = ""
    lead_member_id: Id | None = None
    contact_name: str = ""
    contact_phone: str = ""
    opening_hours: str = ""
    introduction: str = ""
    has_site: bool = False
    has_people: bool = False
    has_mechanism: bool = False
    has_rules: bool = False
    has_equipment: bool = False
    established_on: dt.date | None = None
    is_active: bool = True
    version: int | None = Field(None, description="On change: the version you read (409 if it changed since)")


def _place_data(org, payload: PlaceIn) -> dict:
    data = payload.dict(exclude={"sector_id", "lead_member_id", "version"})
    data["sector"] = org.sectors.filter(pk=payload.sector_id).first() if payload.sector_id else None
    data["lead_member"] = member_of(org, payload.lead_member_id, field="lead_member_id") if payload.lead_member_id else None
    return data


@router.post("/places", response={201: PlaceOut, **errors(404, 409)}, summary="Add a place (office)")
def place_create(request, payload: PlaceIn):
    org = active_organisation(request)
    p = services.place_save(actor=request.user, organisation=org, data=_place_data(org, payload))
    return Status(201, _place_out(p, request))


@router.put("/places/{place_id}", response={200: PlaceOut, **errors(404, 409)}, summary="Change a place (office)")
def place_update(request, place_id: Id, payload: PlaceIn):
    org = active_organisation(request)
    current = selectors.place_get_for_user(request.user, org, place_id)
    p = services.place_save(actor=request.user, organisation=org, data=_place_data(org, payload), place=current,
                            version=payload.version)
    return _place_out(p, request)


class TeamIn(Schema):
    member_ids: list[Id] = Field(description="The members on duty (the lead member is set on the place)")


@router.put("/places/{place_id}/team", response={200: PlaceOut, **errors(404, 409)}, summary="Set the members on duty")
def place_team(request, place_id: Id, payload: TeamIn):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, place_id)
    members = selectors.current_members(org, payload.member_ids)
    if len(members) != len(set(payload.member_ids)):
        raise not_in_organisation("member_ids")
    return _place_out(services.place_set_team(actor=request.user, place=p, members=members), request)


class SlotIn(Schema):
    member_id: Id
    weekday: int = Field(ge=1, le=7)
    period: Period = Period.ALL_DAY


class RosterIn(Schema):
    slots: list[SlotIn]


@router.put("/places/{place_id}/roster", response={200: PlaceOut, **errors(404, 409)}, summary="Replace the weekly duty roster")
def place_roster(request, place_id: Id, payload: RosterIn):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, place_id)
    by_id = {m.pk: m for m in selectors.current_members(org, [s.member_id for s in payload.slots])}
    if any(s.member_id not in by_id for s in payload.slots):
        raise not_in_organisation("slots")
    slots = [(by_id[s.member_id], s.weekday, s.period) for s in payload.slots]
    return _place_out(services.place_set_roster(actor=request.user, place=p, slots=slots), request)


class PlaceRatingIn(Schema):
    year: Year
    stars: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=300)


@router.post("/places/{place_id}/ratings", response={200: RatingOut, **errors(404, 409)}, summary="Rate a place for a year (office)")
def place_rate(request, place_id: Id, payload: PlaceRatingIn):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, place_id)
    rating = services.place_rate(actor=request.user, place=p, year=payload.year, stars=payload.stars,
                                 comment=payload.comment)
    return {"year": rating.year, "stars": rating.stars, "comment": rating.comment}


class PhotoOut(Schema):
    id: int
    name: str


@router.post("/places/{place_id}/photos", response={201: PhotoOut, **errors(404, 409)}, summary="Add a photo of the place")
def place_photo(request, place_id: Id, photo: File[UploadedFile]):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, place_id)
    attachment = services.place_add_photo(actor=request.user, place=p, upload=photo)
    return Status(201, {"id": attachment.pk, "name": attachment.original_name})


# --- activities ----------------------------------------------------------------------------------------------------


class PlaceActivityOut(Schema):
    id: int
    place_id: Id
    place: str
    kind: str
    status: str
    topic: str
    held_on: dt.date
    member_ids: list[Id]
    members: list[str]
    constituents_count: int
    outcome: str
    version: int


def _activity_out(a) -> dict:
    parts = list(a.participations.all())
    return {"id": a.pk, "place_id": a.place_id, "place": a.place.name, "kind": a.kind, "status": a.status,
            "topic": a.topic, "held_on": a.held_on, "member_ids": [p.member_id for p in parts],
            "members": [p.member.person.name for p in parts], "constituents_count": a.constituents_count,
            "outcome": a.outcome, "version": a.version}


class ActivityFilter(Schema):
    kind: str = ""
    status: str = ""
    place_id: Id | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""


@router.get("/activities", response={200: list[PlaceActivityOut], **errors()}, summary="Activities at places")
@paginate(PageNumbers)
def activities(request, filters: Query[ActivityFilter]):
    org = require(request, permissions.can_view_activities)
    qs = selectors.activity_search(selectors.activities_visible_to(request.user, org), kind=filters.kind,
                                   status=filters.status, place=filters.place_id, date_from=filters.date_from,
                                   date_to=filters.date_to, q=filters.q)
    return Rows(qs, lambda items: [_activity_out(a) for a in items])


@router.get("/activities/{activity_id}", response={200: PlaceActivityOut, **errors(404, 409)}, summary="One activity")
def activity(request, activity_id: Id):
    return _activity_out(selectors.activity_get_for_user(request.user, active_organisation(request), activity_id))


class ActivityIn(Schema):
    place_id: Id
    kind: ActivityKind = Field(description="talk (宣讲), consultation (议事), reception (接待) or visit (走访)")
    topic: str = Field(max_length=200)
    held_on: dt.date
    member_ids: list[Id] = []
    constituents_count: int = Field(0, ge=0)
    outcome: str = Field("", max_length=4000)
    held: bool = Field(False, description="It took place: record it now (the members get it in their duty record)")


def _members(org, ids) -> list[Member]:
    members = selectors.current_members(org, ids)
    if len(members) != len(set(ids)):
        raise not_in_organisation("member_ids")
    return members


@router.post("/activities", response={201: PlaceActivityOut, **errors(404, 409)}, summary="Plan an activity, or record one that was held")
def activity_create(request, payload: ActivityIn):
    org = active_organisation(request)
    p = selectors.place_get_for_user(request.user, org, payload.place_id)
    a = services.activity_create(actor=request.user, place=p, data=payload.dict(), participants=_members(org, payload.member_ids),
                                 held=payload.held)
    return Status(201, _activity_out(selectors.activity_get_for_user(request.user, org, a.pk)))


class ActivityUpdateIn(Schema):
    kind: ActivityKind
    topic: str = Field(max_length=200)
    held_on: dt.date
    member_ids: list[Id] = []
    constituents_count: int = Field(0, ge=0)
    outcome: str = Field("", max_length=4000)
    version: int | None = None


@router.put("/activities/{activity_id}", response={200: PlaceActivityOut, **errors(404, 409)}, summary="Correct an activity")
def activity_update(request, activity_id: Id, payload: ActivityUpdateIn):
    org = active_organisation(request)
    a = selectors.activity_get_for_user(request.user, org, activity_id)
    services.activity_update(actor=request.user, activity=a, data=payload.dict(),
                             participants=_members(org, payload.member_ids), version=payload.version)
    return _activity_out(selectors.activity_get_for_user(request.user, org, activity_id))


class RecordIn(Schema):
    member_ids: list[Id]
    constituents_count: int = Field(ge=0)
    outcome: str = Field("", max_length=4000)
    version: int | None = None


@router.post("/activities/{activity_id}/record", response={200: PlaceActivityOut, **errors(404, 409)}, summary="Record a planned activity as held")
def activity_record(request, activity_id: Id, payload: RecordIn):
    org = active_organisation(request)
    a = selectors.activity_get_for_user(request.user, org, activity_id)
    services.activity_record(actor=request.user, activity=a, outcome=payload.outcome,
                             constituents_count=payload.constituents_count,
                             participants=_members(org, payload.member_ids), version=payload.version)
    return _activity_out(selectors.activity_get_for_user(request.user, org, activity_id))


class ActivityCancelIn(Schema):
    reason: str = Field("", max_length=2000)
    version: int | None = None


@router.post("/activities/{activity_id}/cancel", response={200: PlaceActivityOut, **errors(404, 409)}, summary="Cancel an activity")
def activity_cancel(request, activity_id: Id, payload: ActivityCancelIn):
    org = active_organisation(request)
    a = selectors.activity_get_for_user(request.user, org, activity_id)
    services.activity_cancel(actor=request.user, activity=a, reason=payload.reason, version=payload.version)
    return _activity_out(selectors.activity_get_for_user(request.user, org, activity_id))


@router.post("/activities/{activity_id}/photos", response={201: PhotoOut, **errors(404, 409)}, summary="Add a photo of the activity")
def activity_photo(request, activity_id: Id, photo: File[UploadedFile]):
    a = selectors.activity_get_for_user(request.user, active_organisation(request), activity_id)
    attachment = services.activity_add_photo(actor=request.user, activity=a, upload=photo)
    return Status(201, {"id": attachment.pk, "name": attachment.original_name})


class OrganisationFiguresOut(Schema):
    organisation_id: int
    name: str
    places: int
    activities: int
    members_gone_down: int
    received: int
    solved: int
    satisfied: int


class PlaceFiguresOut(Schema):
    by_kind_level: dict[str, dict[str, int]] = Field(description="Open places by type, then by level")
    by_kind: dict[str, int]
    total: int
    three_in_one: int
    five_haves: int


class ActivityFiguresOut(Schema):
    by_kind: dict[str, int] = Field(description="Activities held, by kind")
    total: int
    constituents: int
    members_gone_down: int
    participations: int


class CategoryFiguresOut(Schema):
    category: str
    received: int
    solved: int


class ConcernFiguresOut(Schema):
    received: int
    still_open: int
    online: int
    solved: int
    declined: int
    rated: int
    satisfied: int
    via_unit: int
    satisfaction_rate: float | None = Field(description="Percent of the rated solved concerns rated satisfied")
    by_category: list[CategoryFiguresOut]


class OutreachFiguresOut(Schema):
    organisation_id: Id
    start: dt.date
    end: dt.date
    include_lower: bool
    places: PlaceFiguresOut
    activities: ActivityFiguresOut
    concerns: ConcernFiguresOut
    by_organisation: list[OrganisationFiguresOut]


@router.get("/figures", response={200: OutreachFiguresOut, **errors()},
            summary="Figures for a period: places, activities, members who went down, concerns")
def figures(request, date_from: dt.date | None = None, date_to: dt.date | None = None, include_lower: bool = True):
    org = require(request, permissions.can_view_figures)
    today = timezone.localdate()
    start, end = date_from or today.replace(month=1, day=1), date_to or today
    f = outreach_figures(org, start=min(start, end), end=max(start, end), include_lower=include_lower)
    concerns = {**f.concerns, "by_category": [{"category": k, **v} for k, v in f.concerns["by_category"]]}
    return {"organisation_id": org.pk, "start": f.start, "end": f.end, "include_lower": f.include_lower,
            "places": f.places, "activities": f.activities, "concerns": concerns,
            "by_organisation": [{"organisation_id": r.organisation.pk, "name": r.organisation.short_name,
                                 "places": r.places, "activities": r.activities,
                                 "members_gone_down": r.members_gone_down, "received": r.received, "solved": r.solved,
                                 "satisfied": r.satisfied} for r in f.by_organisation]}

