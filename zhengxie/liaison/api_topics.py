"""The API of proposal topics (提案选题) and of contact duties (联系制度), on the liaison router: the members' mobile
app lists, follows and claims topics and logs its holder's visits; the office keeps both. The same services as the
pages."""

import datetime as dt

from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, Rows, Year, active_organisation, errors, require
from zhengxie.core import permissions as core_permissions
from zhengxie.core.models import Member, Sector, SpecialCommittee
from zhengxie.core.selectors import get_visible

from . import permissions, selectors, services
from .api import router
from .models import ContactAssignment, ContactVisit, Topic

# --- schemas -----------------------------------------------------------------------------------------------------------


class LiaisonTopicOut(Schema):
    id: int
    year: int
    number: int | None
    title: str
    subject: str
    source: str
    source_label: str
    source_note: str
    status: str
    status_label: str
    answer_count: int
    claim_count: int
    followed: bool
    claimed: bool
    version: int


class LiaisonTopicDetailOut(LiaisonTopicOut):
    description: str
    unit: str
    decline_reason: str
    proposal_ids: list[int]


class LiaisonTopicIn(Schema):
    year: Year
    title: str
    description: str = ""
    subject: str
    source: str = "office"
    source_note: str = ""
    version: int | None = None


class LiaisonTopicFilter(Schema):
    year: Year | None = None
    status: str = ""
    subject: str = ""
    source: str = ""
    q: str = ""
    mine: bool = False
    unanswered: bool = False


class LiaisonTopicDeclineIn(Schema):
    reason: str
    version: int | None = None


class LiaisonTopicVersionIn(Schema):
    version: int | None = None


class LiaisonClaimIn(Schema):
    claim: bool = Field(True, description="true: claim the topic (认领: the member means to write a proposal on it); "
                                          "false: give the claim back")


class LiaisonFollowIn(Schema):
    follow: bool = Field(True, description="true: follow the topic (关注); false: stop following it")


class LiaisonContactOut(Schema):
    id: int
    label: str
    sector_id: int | None
    member_id: int | None
    last_visit: dt.date | None


class LiaisonAssignmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    contactor: str
    member_id: int | None
    committee_id: int | None
    status: str
    status_label: str
    visit_count: int
    last_visit: dt.date | None
    version: int


class LiaisonAssignmentDetailOut(LiaisonAssignmentOut):
    note: str
    contacts: list[LiaisonContactOut]


class LiaisonAssignmentIn(Schema):
    kind: str
    member_id: Id | None = None
    committee_id: Id | None = None
    sector_ids: list[Id] = []
    member_ids: list[Id] = []
    names: list[str] = []
    note: str = ""


class LiaisonAssignmentFilter(Schema):
    kind: str = ""
    status: str = ""
    q: str = ""
    mine: bool = False


class LiaisonVisitOut(Schema):
    id: int
    assignment_id: int
    contact_id: int
    contact: str
    visited_on: dt.date
    way: str
    participants: str
    raised: str
    matters_raised: int
    follow_up: str
    matters_solved: int
    status: str
    status_label: str
    version: int


class LiaisonVisitIn(Schema):
    contact_id: Id
    visited_on: dt.date
    way: str = "visit"
    participants: str
    raised: str = ""
    matters_raised: int = 0
    follow_up: str = ""
    matters_solved: int = 0


class LiaisonFollowUpIn(Schema):
    follow_up: str
    matters_solved: int
    done: bool = False
    version: int | None = None


# --- helpers -----------------------------------------------------------------------------------------------------------


def _topic_out(t: Topic) -> dict:
    return {"id": t.pk, "year": t.year, "number": t.number, "title": t.title, "subject": t.subject,
            "source": t.source, "source_label": t.get_source_display(), "source_note": t.source_note,
            "status": t.status, "status_label": t.get_status_display(),
            "answer_count": getattr(t, "answer_count", 0), "claim_count": getattr(t, "claim_count", 0),
            "followed": bool(getattr(t, "followed", False)), "claimed": bool(getattr(t, "claimed", False)),
            "version": t.version}


def _counted(request, org):
    return selectors.with_topic_counts(selectors.topics_visible_to(request.user, org),
                                       core_permissions.current_member(request.user, org))


def _topic(request, topic_id: int) -> Topic:
    return selectors.topic_get_for_user(request.user, active_organisation(request), topic_id)


def _topic_detail(request, topic_id: int) -> dict:
    org = active_organisation(request)
    topic = get_visible(_counted(request, org), topic_id, organisation=org)
    proposals, _total = selectors.answers_of(topic, request.user, org)
    return {**_topic_out(topic), "description": topic.description, "unit": topic.unit.name if topic.unit_id else "",
            "decline_reason": topic.decline_reason, "proposal_ids": [p.pk for p in proposals]}


def _fields(payload: LiaisonTopicIn) -> dict:
    return {"year": payload.year, "title": payload.title, "description": payload.description,
            "subject": payload.subject, "source": payload.source, "source_note": payload.source_note}


def _assignment_out(a: ContactAssignment) -> dict:
    return {"id": a.pk, "kind": a.kind, "kind_label": a.get_kind_display(), "contactor": a.contactor_name,
            "member_id": a.member_id, "committee_id": a.committee_id, "status": a.status,
            "status_label": a.get_status_display(), "visit_count": getattr(a, "visit_count", 0),
            "last_visit": getattr(a, "last_visit", None), "version": a.version}


def _assignment(request, assignment_id: int) -> ContactAssignment:
    return selectors.assignment_get_for_user(request.user, active_organisation(request), assignment_id)


def _assignment_detail(request, assignment_id: int) -> dict:
    org = active_organisation(request)
    a = get_visible(selectors.with_visit_counts(selectors.assignments_visible_to(request.user, org)), assignment_id,
                    organisation=org)
    return {**_assignment_out(a), "note": a.note,
            "contacts": [{"id": c.pk, "label": c.label, "sector_id": c.sector_id, "member_id": c.member_id,
                          "last_visit": c.last_visit} for c in selectors.contacts_of(a)]}


def _visit_out(v: ContactVisit) -> dict:
    return {"id": v.pk, "assignment_id": v.assignment_id, "contact_id": v.contact_id, "contact": v.contact.label,
            "visited_on": v.visited_on, "way": v.way, "participants": v.participants, "raised": v.raised,
            "matters_raised": v.matters_raised, "follow_up": v.follow_up, "matters_solved": v.matters_solved,
            "status": v.status, "status_label": v.get_status_display(), "version": v.version}


# --- proposal topics ---------------------------------------------------------------------------------------------------


@router.get("/topics", response={200: list[LiaisonTopicOut], **errors()}, summary="Proposal topics",
            description="The year's list of suggested proposal topics; the office and the leaders also get the "
                        "suggestions; a department its own. `mine=true`: the topics the member follows or claimed; "
                        "`unanswered=true`: listed topics no proposal answers yet.")
@paginate(PageNumbers)
def topic_list(request, filters: Query[LiaisonTopicFilter]):
    org = require(request, permissions.can_use_topics)
    qs = _counted(request, org)
    seat = core_permissions.current_member(request.user, org)
    qs = selectors.topic_search(qs, year=filters.year, status=filters.status, subject=filters.subject,
                                source=filters.source, q=filters.q, unanswered=filters.unanswered,
                                followed_by=seat if filters.mine and seat else None)
    return Rows(qs, lambda topics: [_topic_out(t) for t in topics])


@router.post("/topics", response={201: LiaisonTopicDetailOut, **errors(404, 409)}, summary="Put a topic on the list",
             description="The committee's offices; the topic gets the next number of its year.")
def topic_create(request, payload: LiaisonTopicIn):
    org = require(request, permissions.manages_topics)
    topic = services.topic_create(actor=request.user, organisation=org, fields=_fields(payload))
    return Status(201, _topic_detail(request, topic.pk))


@router.post("/topics/suggestions", response={201: LiaisonTopicDetailOut, **errors(404, 409)},
             summary="Suggest a topic (a department, the Party/government offices)")
def topic_suggest(request, payload: LiaisonTopicIn):
    org = require(request, permissions.can_suggest_topic)
    topic = services.topic_suggest(actor=request.user, organisation=org, fields=_fields(payload))
    return Status(201, _topic_detail(request, topic.pk))


@router.get("/topics/{topic_id}", response={200: LiaisonTopicDetailOut, **errors(404)}, summary="One topic")
def topic_detail(request, topic_id: Id):
    return _topic_detail(request, topic_id)


@router.put("/topics/{topic_id}", response={200: LiaisonTopicDetailOut, **errors(404, 409)}, summary="Edit a topic")
def topic_update(request, topic_id: Id, payload: LiaisonTopicIn):
    services.topic_update(actor=request.user, topic=_topic(request, topic_id), fields=_fields(payload),
                          version=payload.version)
    return _topic_detail(request, topic_id)


@router.post("/topics/{topic_id}/accept", response={200: LiaisonTopicDetailOut, **errors(404, 409)},
             summary="Accept a suggestion into the list")
def topic_accept(request, topic_id: Id, payload: LiaisonTopicVersionIn):
    services.topic_accept(actor=request.user, topic=_topic(request, topic_id), version=payload.version)
    return _topic_detail(request, topic_id)


@router.post("/topics/{topic_id}/decline", response={200: LiaisonTopicDetailOut, **errors(404, 409)},
             summary="Decline a suggestion, with the reason")
def topic_decline(request, topic_id: Id, payload: LiaisonTopicDeclineIn):
    services.topic_decline(actor=request.user, topic=_topic(request, topic_id), reason=payload.reason,
                           version=payload.version)
    return _topic_detail(request, topic_id)


@router.post("/topics/{topic_id}/claim", response={200: LiaisonTopicDetailOut, **errors(404, 409)},
             summary="Claim a topic, or give the claim back (a member)")
def topic_claim(request, topic_id: Id, payload: LiaisonClaimIn):
    services.topic_claim(actor=request.user, topic=_topic(request, topic_id), claim=payload.claim)
    return _topic_detail(request, topic_id)


@router.post("/topics/{topic_id}/follow", response={200: LiaisonTopicDetailOut, **errors(404, 409)},
             summary="Follow a topic, or stop (a member)")
def topic_follow(request, topic_id: Id, payload: LiaisonFollowIn):
    services.topic_follow(actor=request.user, topic=_topic(request, topic_id), follow=payload.follow)
    return _topic_detail(request, topic_id)


# --- contact duties ----------------------------------------------------------------------------------------------------


@router.get("/contacts", response={200: list[LiaisonAssignmentOut], **errors()}, summary="Contact duties",
            description="A member: the duties they hold (`mine=true`); the general office and the leaders: all; "
                        "special committee staff: their committee's.")
@paginate(PageNumbers)
def assignment_list(request, filters: Query[LiaisonAssignmentFilter]):
    org = require(request, permissions.can_use_contacts)
    qs = selectors.assignment_search(selectors.assignments_visible_to(request.user, org), kind=filters.kind,
                                     status=filters.status, q=filters.q,
                                     mine_of=request.user if filters.mine else None)
    return Rows(selectors.with_visit_counts(qs), lambda rows: [_assignment_out(a) for a in rows])


@router.post("/contacts", response={201: LiaisonAssignmentDetailOut, **errors(404, 409)},
             summary="Make a contact duty (the office)")
def assignment_create(request, payload: LiaisonAssignmentIn):
    org = require(request, permissions.manages_contacts)

    # Another organisation's row is no row: the service asks to choose one.
    member = (Member.objects.filter(organisation=org, pk=payload.member_id).select_related("person").first()
              if payload.member_id else None)
    committee = (SpecialCommittee.objects.filter(organisation=org, pk=payload.committee_id).first()
                 if payload.committee_id else None)
    a = services.assignment_create(
        actor=request.user, organisation=org, kind=payload.kind, member=member, committee=committee,
        sectors=list(Sector.objects.filter(organisation=org, pk__in=payload.sector_ids)),
        members=list(Member.objects.filter(organisation=org, pk__in=payload.member_ids).select_related("person")),
        names=payload.names, note=payload.note)
    return Status(201, _assignment_detail(request, a.pk))


@router.get("/contacts/{assignment_id}", response={200: LiaisonAssignmentDetailOut, **errors(404)},
            summary="One contact duty with its contacts")
def assignment_detail(request, assignment_id: Id):
    return _assignment_detail(request, assignment_id)


@router.get("/contacts/{assignment_id}/visits", response={200: list[LiaisonVisitOut], **errors(404)},
            summary="The visits and talks of a contact duty")
def visit_list(request, assignment_id: Id):
    return [_visit_out(v) for v in selectors.visits_of(_assignment(request, assignment_id))]


@router.post("/contacts/{assignment_id}/visits", response={201: LiaisonVisitOut, **errors(404, 409)},
             summary="Log a visit or a talk (the holder, or the office)")
def visit_log(request, assignment_id: Id, payload: LiaisonVisitIn):
    a = _assignment(request, assignment_id)
    contact = a.contacts.filter(pk=payload.contact_id).first()
    fields = {**payload.dict(), "contact": contact}
    return Status(201, _visit_out(services.visit_log(actor=request.user, assignment=a, fields=fields)))


@router.post("/contacts/{assignment_id}/visits/{visit_id}/follow-up", response={200: LiaisonVisitOut, **errors(404, 409)},
             summary="Note what followed a visit")
def visit_follow_up(request, assignment_id: Id, visit_id: Id, payload: LiaisonFollowUpIn):
    a = _assignment(request, assignment_id)
    visit = get_visible(selectors.visits_visible_to(request.user, active_organisation(request)).filter(assignment=a),
                        visit_id)
    visit = services.visit_follow_up(actor=request.user, visit=visit, follow_up=payload.follow_up,
                                     matters_solved=payload.matters_solved, done=payload.done,
                                     version=payload.version)
    return _visit_out(visit)
