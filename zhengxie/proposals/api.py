"""The proposals API for the mobile app and other systems (mounted at /api/v1/proposals/).

Members list, read, write, submit, co-sign and rate; units list what is assigned to them and reply; the office
works its queue, registers (one or many) and assigns. Every write calls the same service as the pages; a refused
action answers ``{detail, code}`` in the user's language (409 ``changed`` when someone else acted first: send the
``version`` you read)."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.models import Body, HandlingUnit

from . import permissions, selectors, services
from .choices import ProposalStatus, RejectionGround, Satisfaction
from .models import HandlingTask, Proposal
from .org_settings import setting

router = Router(tags=["proposals"])


# --- schemas -------------------------------------------------------------------------------------------------------


# The list's rows are plain pydantic models, not ninja Schemas: they are built from dicts, and ninja's wrapper for
# reading Django objects cost five times the validation itself (0.44 against 0.09 ms a page of 20).
class UnitRef(BaseModel):
    id: int
    name: str
    role: str = Field(description="sole 单办 · split 分办 · lead 主办 · co 会办")
    status: str


class ProposalListOut(BaseModel):
    id: int
    version: int = Field(description="Send it back with an action: refused with 409 if the proposal changed since")
    number: str = Field(description="The number as printed, e.g. 八届二次第0123号; empty before registration")
    title: str
    category: str
    status: str
    status_label: str
    kind: str = Field(description="plenary 大会提案 · interim 平时提案")
    proposer: str
    submitted_at: dt.datetime | None
    due_on: dt.date | None
    key: bool
    units: list[UnitRef]


class SignerOut(Schema):
    id: int
    name: str
    role: str
    status: str
    merged: bool


class ReplyOut(Schema):
    id: int
    round: int
    text: str
    category: str
    supplementary: bool
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None


class TaskOut(Schema):
    id: int
    version: int
    unit: str
    role: str
    status: str
    status_label: str
    due_on: dt.date | None
    replies: list[ReplyOut]


class ProposalOut(ProposalListOut):
    background: str
    suggestions: str
    session: str
    rating_due_on: dt.date | None
    signers: list[SignerOut]
    tasks: list[TaskOut]


class ProposalIn(Schema):
    title: str = ""
    category: str = ""
    background: str = ""
    suggestions: str = ""
    suggested_unit_ids: list[Id] = []
    body_id: Id | None = Field(None, description="Write a collective proposal for this body (contacts only)")
    cosigner_ids: list[Id] = Field([], description="Members to invite as co-signers (on creation)")


class VersionIn(Schema):
    version: int | None = None
    comment: str = ""


class DecisionIn(Schema):
    agree: bool
    comment: str = ""
    version: int | None = None


class RatingIn(Schema):
    task_id: Id
    value: Literal["satisfied", "basically", "dissatisfied"]
    comment: str = ""


class RejectIn(VersionIn):
    ground: str = Field(description="One of GET /proposals/meta rejection_grounds")


class BatchIn(Schema):
    ids: list[Id]


class BatchOut(Schema):
    done: list[int]
    failed: dict[int, str]


class AssignIn(VersionIn):
    mode: Literal["sole", "split", "joint"]
    lead_unit_ids: list[Id]
    co_unit_ids: list[Id] = []


class ContactIn(Schema):
    contacted_on: dt.date
    way: str
    notes: str


class ReplyIn(Schema):
    text: str
    category: str
    contact_name: str = ""
    contact_phone: str = ""


class Choice(Schema):
    value: str
    label: str


class MetaOut(Schema):
    categories: list[str]
    statuses: list[Choice]
    rejection_grounds: list[Choice]
    reply_categories: list[Choice]
    ratings: list[Choice]


class ProposalFilter(Schema):
    q: str = ""
    status: str | None = None
    category: str | None = None
    session_id: Id | None = None
    unit_id: Id | None = None
    overdue: bool = False


# --- serialisation --------------------------------------------------------------------------------------------------


STATUS_LABELS = dict(ProposalStatus.choices)


def _list_row(row: dict, units: list) -> dict:
    return {
        "id": row["id"], "version": row["version"], "number": row["number_label"], "title": row["title"],
        "category": row["category"], "status": row["status"], "status_label": str(STATUS_LABELS[row["status"]]),
        "kind": row["kind"], "proposer": row["proposer"] or "", "submitted_at": row["submitted_at"],
        "due_on": row["due_on"], "key": row["key_state"] == "approved",
        "units": [{"id": u["unit_id"], "name": u["unit__name"], "role": u["role"], "status": u["status"]} for u in units],
    }


def _rows(qs) -> Rows:
    """A page of list rows in three queries (count, rows, their units), whatever the page size. The count is taken
    on the bare filter: the proposer's name is joined for the page's rows only."""

    def serialise(rows):
        units = selectors.live_units_of([row["id"] for row in rows])
        return [_list_row(row, units[row["id"]]) for row in rows]

    return Rows(selectors.list_values(qs), serialise, count_from=qs)


def _detail(request, proposal) -> dict:
    insider = selectors.is_insider(request.user, proposal)
    tasks = [t for t in selectors.tasks_of(proposal) if t.status != "cancelled"]
    row = {**{name: getattr(proposal, name) for name in selectors.LIST_VALUES}, "proposer": proposal.proposer_label}
    units = [{"unit_id": t.unit_id, "unit__name": t.unit.name, "role": t.role, "status": t.status} for t in tasks]
    return {
        **_list_row(row, units), "background": proposal.background, "suggestions": proposal.suggestions,
        "session": str(proposal.session or ""), "rating_due_on": proposal.rating_due_on,
        "signers": [{"id": s.pk, "name": s.name, "role": s.role, "status": s.status, "merged": s.merged_from_id is not None}
                    for s in selectors.signers_of(proposal)],
        "tasks": [{"id": t.pk, "version": t.version, "unit": t.unit.name, "role": t.role, "status": t.status,
                   "status_label": str(t.get_status_display()), "due_on": t.due_on,
                   "replies": [{"id": r.pk, "round": r.round, "text": r.text, "category": r.category,
                                "supplementary": r.is_supplementary, "submitted_at": r.submitted_at,
                                "accepted_at": r.accepted_at}
                               for r in t.replies.all() if selectors.may_see_reply(request.user, r, insider=insider)]}
                  for t in tasks],
    }


def _proposal(request, proposal_id) -> Proposal:
    return selectors.proposal_get_for_user(request.user, active_organisation(request), proposal_id)


def _office(user, proposal) -> bool:
    return permissions.is_office(user, proposal.organisation)


def _acting(request, proposal_id, may) -> Proposal:
    """The proposal, once ``may(user, proposal)`` holds: the right is checked before the service's version and
    state checks, so that a user without it is told 403 and learns nothing of the proposal's changes (not 409)."""
    proposal = _proposal(request, proposal_id)
    if not may(request.user, proposal):
        raise NotAllowed()
    return proposal


def _task(request, task_id) -> HandlingTask:
    org = active_organisation(request)
    task = selectors.task_get_for_user(request.user, org, task_id)
    if not permissions.works_on(request.user, task):
        raise NotAllowed()
    return task


# --- everyone -------------------------------------------------------------------------------------------------------


@router.get("/meta", response={200: MetaOut, **errors()}, summary="The lists the forms need: categories, statuses, grounds, ratings")
def meta(request):
    org = active_organisation(request)
    return {
        "categories": setting(org, "categories"),
        "statuses": [{"value": v, "label": str(label)} for v, label in ProposalStatus.choices],
        "rejection_grounds": [{"value": v, "label": str(label)} for v, label in RejectionGround.choices],
        "reply_categories": [{"value": v, "label": str(label)} for v, label in services.reply_categories(org)],
        "ratings": [{"value": v, "label": str(label)} for v, label in Satisfaction.choices],
    }


@router.get("/", response={200: list[ProposalListOut], **errors()},
            summary="Proposals the user may see, filtered (the office's list; members see registered ones)")
@paginate(PageNumbers, size=20)
def proposal_list(request, filters: Query[ProposalFilter]):
    org = require(request, permissions.can_use_list)
    qs = selectors.proposal_search(
        selectors.proposals_visible_to(request.user, org), organisation=org, q=filters.q, status=filters.status,
        category=filters.category, session=filters.session_id, unit=filters.unit_id, overdue=filters.overdue,
    ).order_by("-submitted_at", "-id")
    return _rows(qs)


@router.get("/{int:proposal_id}", response={200: ProposalOut, **errors(404, 409)}, summary="One proposal with its handling")
def proposal_detail(request, proposal_id: Id):
    return _detail(request, _proposal(request, proposal_id))


# --- members ---------------------------------------------------------------------------------------------------------


@router.get("/mine", response={200: list[ProposalListOut], **errors()}, summary="My proposals: written or co-signed, drafts included")
@paginate(PageNumbers, size=20)
def mine(request, status: str | None = None):
    org = active_organisation(request)
    qs = selectors.mine(request.user, org)
    if status:
        qs = qs.filter(status=status)
    return _rows(qs.order_by("-updated_at", "-id"))


@router.get("/invitations", response={200: list[ProposalListOut], **errors()}, summary="Proposals I am invited to co-sign")
def invitations(request):
    org = active_organisation(request)
    qs = selectors.mine(request.user, org).filter(status=ProposalStatus.COSIGNING, signers__status="invited",
                                                  signers__member__person__user=request.user)
    rows = list(selectors.list_values(qs.distinct()))
    units = selectors.live_units_of([row["id"] for row in rows])
    return [_list_row(row, units[row["id"]]) for row in rows]


def _units(org, ids):
    return list(HandlingUnit.objects.filter(organisation=org, pk__in=ids, is_active=True))


@router.post("/", response={201: ProposalOut, **errors(404, 409)}, summary="Write a new draft (members; body contacts for a body)")
def proposal_create(request, payload: ProposalIn):
    org = require(request, permissions.can_write)
    body = get_object_or_404(Body, pk=payload.body_id, organisation=org) if payload.body_id else None
    proposal = services.proposal_create_with_cosigners(
        actor=request.user, organisation=org, data=payload.dict(), body=body,
        units=_units(org, payload.suggested_unit_ids), cosigner_ids=payload.cosigner_ids)
    return Status(201, _detail(request, _proposal(request, proposal.pk)))


@router.put("/{int:proposal_id}", response={200: ProposalOut, **errors(404, 409)}, summary="Save a draft or a returned proposal")
def proposal_update(request, proposal_id: Id, payload: ProposalIn):
    proposal = _proposal(request, proposal_id)
    services.proposal_save(actor=request.user, proposal=proposal, data=payload.dict(),
                           units=_units(proposal.organisation, payload.suggested_unit_ids))
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/submit", response={200: ProposalOut, **errors(404, 409)},
             summary="Submit (co-signers are invited first; submitting again sends it on without those who did not answer)")
def proposal_submit(request, proposal_id: Id, payload: VersionIn):
    services.proposal_submit(actor=request.user, proposal=_acting(request, proposal_id, permissions.is_author),
                             version=payload.version)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/cosign", response={200: ProposalOut, **errors(404, 409)}, summary="Confirm or decline a co-signature")
def proposal_cosign(request, proposal_id: Id, payload: DecisionIn):
    services.proposal_cosign(actor=request.user, proposal=_proposal(request, proposal_id), agree=payload.agree,
                             comment=payload.comment)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/rate", response={200: ProposalOut, **errors(404, 409)},
             summary="Rate a unit's reply: satisfied 满意 · basically 基本满意 · dissatisfied 不满意 (with a comment)")
def proposal_rate(request, proposal_id: Id, payload: RatingIn):
    proposal = _proposal(request, proposal_id)
    task = get_object_or_404(HandlingTask, pk=payload.task_id, proposal=proposal)
    services.proposal_rate(actor=request.user, proposal=proposal, task=task, value=payload.value, comment=payload.comment)
    return _detail(request, _proposal(request, proposal_id))


# --- the office ---------------------------------------------------------------------------------------------------------


@router.get("/queue", response={200: list[ProposalListOut], **errors()},
            summary="The office's review queue: submitted (pre-review) or reviewing")
@paginate(PageNumbers)
def queue(request, state: Literal["submitted", "reviewing", "registered"] = "submitted"):
    org = require(request, permissions.is_office)
    return _rows(Proposal.objects.filter(organisation=org, status=state).order_by("submitted_at", "pk"))


@router.post("/{int:proposal_id}/prereview", response={200: ProposalOut, **errors(404, 409)}, summary="Pass pre-review")
def proposal_prereview(request, proposal_id: Id, payload: VersionIn):
    services.proposal_prereview(actor=request.user, proposal=_acting(request, proposal_id, _office), version=payload.version,
                                comment=payload.comment)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/register", response={200: ProposalOut, **errors(404, 409)}, summary="Register (立案): gives the number")
def proposal_register(request, proposal_id: Id, payload: VersionIn):
    services.proposal_register(actor=request.user, proposal=_acting(request, proposal_id, _office), version=payload.version,
                               comment=payload.comment)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/register-batch", response={200: BatchOut, **errors()},
             summary="Register many at once, numbered in submission order; each one refused is reported with its reason")
def proposals_register_batch(request, payload: BatchIn):
    org = require(request, permissions.is_office)
    result = services.proposals_register_batch(actor=request.user, organisation=org, ids=payload.ids)
    return {"done": [p.pk for p in result.done], "failed": {p.pk: message for p, message in result.failed}}


@router.post("/{int:proposal_id}/reject", response={200: ProposalOut, **errors(404, 409)}, summary="Do not register, with a listed ground")
def proposal_reject(request, proposal_id: Id, payload: RejectIn):
    services.proposal_reject(actor=request.user, proposal=_acting(request, proposal_id, _office), ground=payload.ground,
                             comment=payload.comment, version=payload.version)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/return", response={200: ProposalOut, **errors(404, 409)}, summary="Return for revision")
def proposal_return(request, proposal_id: Id, payload: VersionIn):
    services.proposal_return(actor=request.user, proposal=_acting(request, proposal_id, _office), comment=payload.comment,
                             version=payload.version)
    return _detail(request, _proposal(request, proposal_id))


@router.post("/{int:proposal_id}/assign", response={200: ProposalOut, **errors(404, 409)},
             summary="Assign: sole 单办 (one unit), split 分办 (several), joint 会办 (one lead, co-handlers)")
def proposal_assign(request, proposal_id: Id, payload: AssignIn):
    proposal = _acting(request, proposal_id, _office)
    org = proposal.organisation
    by_id = {u.pk: u for u in _units(org, payload.lead_unit_ids + payload.co_unit_ids)}
    services.proposal_assign(actor=request.user, proposal=proposal, mode=payload.mode,
                             lead_units=[by_id[i] for i in payload.lead_unit_ids if i in by_id],
                             co_units=[by_id[i] for i in payload.co_unit_ids if i in by_id],
                             comment=payload.comment, version=payload.version)
    return _detail(request, _proposal(request, proposal_id))


# --- handling units -----------------------------------------------------------------------------------------------------


class UnitTaskOut(Schema):
    id: int
    version: int
    proposal_id: Id
    number: str
    title: str
    proposer: str
    unit: str
    role: str
    status: str
    status_label: str
    assigned_at: dt.datetime | None
    due_on: dt.date | None
    overdue: bool


def _unit_task(t) -> dict:
    return {"id": t.pk, "version": t.version, "proposal_id": t.proposal_id, "number": t.proposal.number_label,
            "title": t.proposal.title, "proposer": t.proposal.proposer_label, "unit": t.unit.name, "role": t.role,
            "status": t.status, "status_label": str(t.get_status_display()), "assigned_at": t.assigned_at,
            "due_on": t.due_on, "overdue": t.is_overdue}


@router.get("/unit/tasks", response={200: list[UnitTaskOut], **errors()},
            summary="Proposals assigned to my unit, nearest due date first (state: open, overdue, signoff, countersign, done)")
@paginate(PageNumbers)
def unit_tasks(request, state: str = "open"):
    org = require(request, permissions.is_unit_user)
    qs = selectors.unit_task_filter(selectors.unit_tasks(request.user, org), state=state)
    return Rows(qs, lambda items: [_unit_task(t) for t in items])


@router.post("/unit/tasks/{int:task_id}/contacts", response={200: UnitTaskOut, **errors(404, 409)},
             summary="Record a contact with the proposer (面商)")
def unit_contact(request, task_id: Id, payload: ContactIn):
    task = _task(request, task_id)
    services.task_contact_add(actor=request.user, task=task, contacted_on=payload.contacted_on, way=payload.way,
                              notes=payload.notes)
    return _unit_task(HandlingTask.objects.select_related("proposal", "unit").get(pk=task_id))


@router.put("/unit/tasks/{int:task_id}/reply", response={200: UnitTaskOut, **errors(404, 409)},
            summary="Draft (or redraft) the reply of the current round")
def unit_reply_save(request, task_id: Id, payload: ReplyIn):
    task = _task(request, task_id)
    services.reply_save(actor=request.user, task=task, text=payload.text, category=payload.category,
                        contact_name=payload.contact_name, contact_phone=payload.contact_phone)
    return _unit_task(HandlingTask.objects.select_related("proposal", "unit").get(pk=task_id))


@router.post("/unit/tasks/{int:task_id}/reply/submit", response={200: UnitTaskOut, **errors(404, 409)},
             summary="Send the reply on: to co-handlers for countersignature (会办), else to the unit's leader")
def unit_reply_submit(request, task_id: Id, payload: VersionIn):
    services.reply_submit(actor=request.user, task=_task(request, task_id), version=payload.version)
    return _unit_task(HandlingTask.objects.select_related("proposal", "unit").get(pk=task_id))


@router.post("/unit/tasks/{int:task_id}/reply/sign-off", response={200: UnitTaskOut, **errors(404, 409)},
             summary="The unit's leader signs the reply off (agree) or returns it to the drafter")
def unit_reply_sign_off(request, task_id: Id, payload: DecisionIn):
    task = _task(request, task_id)
    if not permissions.leads_unit_of(request.user, task):
        raise NotAllowed()
    services.reply_sign_off(actor=request.user, task=task, approve=payload.agree,
                            comment=payload.comment, version=payload.version)
    return _unit_task(HandlingTask.objects.select_related("proposal", "unit").get(pk=task_id))


# --- suggestions (the similarity engine) -------------------------------------------------------------------------------

class SuggestedUnitOut(Schema):
    unit_id: int
    unit: str
    score: float
    reason: str
    similar_proposal_id: int | None = None


@router.get("/{int:proposal_id}/suggested-units", response={200: list[SuggestedUnitOut], **errors(404)},
            summary="Top 3 handling units for a proposal, learnt from this committee's past assignments (office)",
            description="The units that replied to the most similar past proposals, with the reason (similar to "
                        "八届三次第0123号, handled by 教育局); else the units that most often handled its category. "
                        "A suggestion only.")
def suggested_units(request, proposal_id: Id):
    from .unit_suggestions import unit_suggestions

    proposal = _proposal(request, proposal_id)
    if not permissions.is_office(request.user, proposal.organisation):
        raise NotAllowed()
    return [{"unit_id": s["unit"].pk, "unit": s["unit"].name, "score": s["score"], "reason": s["reason"],
             "similar_proposal_id": s["proposal"].pk if s["proposal"] else None} for s in unit_suggestions(proposal)]
