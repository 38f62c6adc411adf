"""The proposals API for the mobile app and other systems (mounted at /api/v1/proposals/).

Members list, read, write, submit, co-sign and rate; units list what is assigned to them and reply; the office
works its queue, registers (one or many) and assigns. Every write calls the same service as the pages; a refused
action answers ``{detail, code}`` in the user's language (409 ``changed`` when someone else acted first: send the
``version`` you read)."""

import datetime as dt
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from zhengxie.api.common import (
    Id,
    PageNumbers,
    PromiseIn,
    Rows,
    Year,
    active_organisation,
    errors,
    require,
    written_by_pydantic,
)
from zhengxie.core.documents import DOCX_TYPE, docx_bytes, file_response
from zhengxie.core.exceptions import DomainError, NotAllowed, NotFound
from zhengxie.core.models import Body, HandlingUnit
from zhengxie.core.promises import MAX_PROMISES
from zhengxie.core.selectors import get_visible
from zhengxie.core.services import audit_log

from . import permissions, selectors, services
from .choices import REPLYING_ROLES, ProposalStatus, RejectionGround, Satisfaction, TaskStatus
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
    answers_topic_id: int | None = Field(None, description="The suggested proposal topic (提案选题) it answers")
    answers_topic: str = Field("", description="That topic's title")


class ProposalIn(Schema):
    title: str = ""
    category: str = ""
    background: str = ""
    suggestions: str = ""
    suggested_unit_ids: list[Id] = []
    body_id: Id | None = Field(None, description="Write a collective proposal for this body (contacts only)")
    cosigner_ids: list[Id] = Field([], description="Members to invite as co-signers (on creation)")
    answers_topic_id: Id | None = Field(
        None, description="The suggested proposal topic (提案选题) the proposal answers: a listed topic of the "
                          "organisation (GET /api/v1/liaison/topics?status=listed). On an update, null removes the "
                          "topic and leaving the field out keeps it")


class VersionIn(Schema):
    version: int | None = None
    comment: str = ""


class DecisionIn(Schema):
    agree: bool
    comment: str = ""
    version: int | None = None


RatingValue = Literal["satisfied", "basically", "dissatisfied"]


class RatingIn(Schema):
    task_id: Id
    value: RatingValue | None = Field(None, description="The overall rating (where ratings are not split)")
    attitude: RatingValue | None = Field(None, description="办理态度 (where the organisation splits ratings)")
    communication: RatingValue | None = Field(None, description="沟通联系 (split ratings)")
    result: RatingValue | None = Field(None, description="办理结果 (split ratings); the overall rating follows")
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
    promises: list[PromiseIn] | None = Field(
        None, max_length=MAX_PROMISES, description="The measures promised, each with its date (left out: those already written)")


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


def _list_row(row: dict, units: list, labels=None) -> dict:
    label = labels[row["status"]] if labels is not None else str(STATUS_LABELS[row["status"]])
    return {
        "id": row["id"], "version": row["version"], "number": row["number_label"], "title": row["title"],
        "category": row["category"], "status": row["status"], "status_label": label,
        "kind": row["kind"], "proposer": row["proposer"] or "", "submitted_at": row["submitted_at"],
        "due_on": row["due_on"], "key": row["key_state"] == "approved",
        "units": [{"id": u["unit_id"], "name": u["unit__name"], "role": u["role"], "status": u["status"]} for u in units],
    }


def _rows(qs) -> Rows:
    """A page of list rows in three queries (count, rows, their units), whatever the page size. The count is taken
    on the bare filter: the proposer's name is joined for the page's rows only."""

    def serialise(rows):
        units = selectors.live_units_of([row["id"] for row in rows])
        labels = {status: str(label) for status, label in STATUS_LABELS.items()}  # translated once a page
        return [_list_row(row, units[row["id"]], labels) for row in rows]

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
        **_answered_topic(proposal),
        "tasks": [{"id": t.pk, "version": t.version, "unit": t.unit.name, "role": t.role, "status": t.status,
                   "status_label": str(t.get_status_display()), "due_on": t.due_on,
                   "replies": [{"id": r.pk, "round": r.round, "text": r.text, "category": r.category,
                                "supplementary": r.is_supplementary, "submitted_at": r.submitted_at,
                                "accepted_at": r.accepted_at}
                               for r in t.replies.all() if selectors.may_see_reply(request.user, r, insider=insider)]}
                  for t in tasks],
    }


def _answered_topic(proposal) -> dict:
    from zhengxie.liaison.models import TopicAnswer

    answer = TopicAnswer.objects.filter(proposal=proposal).select_related("topic").first()
    return {"answers_topic_id": answer.topic_id if answer else None, "answers_topic": answer.topic.title if answer else ""}


def _chosen_topic(request, organisation, payload: "ProposalIn"):
    """The topic the payload chooses (checked before anything is written), or ``...`` when it leaves it out."""
    if "answers_topic_id" not in payload.model_fields_set:
        return ...
    if payload.answers_topic_id is None:
        return None
    from zhengxie.liaison.selectors import topics_for_drafting

    topic = topics_for_drafting(request.user, organisation).filter(pk=payload.answers_topic_id).first()
    if topic is None:
        message = gettext("Choose a topic on your organisation's list of proposal topics.")
        raise DomainError(message, errors={"answers_topic_id": message})
    return topic


def _answer_topic(request, proposal, topic) -> None:
    if topic is not ...:
        from zhengxie.liaison.services import topic_answer_set

        topic_answer_set(actor=request.user, proposal=proposal, topic=topic)


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
@written_by_pydantic(ProposalListOut)
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
    topic = _chosen_topic(request, org, payload)
    proposal = services.proposal_create_with_cosigners(
        actor=request.user, organisation=org, data=payload.dict(), body=body,
        units=_units(org, payload.suggested_unit_ids), cosigner_ids=payload.cosigner_ids)
    _answer_topic(request, proposal, topic)
    return Status(201, _detail(request, _proposal(request, proposal.pk)))


@router.put("/{int:proposal_id}", response={200: ProposalOut, **errors(404, 409)}, summary="Save a draft or a returned proposal")
def proposal_update(request, proposal_id: Id, payload: ProposalIn):
    proposal = _proposal(request, proposal_id)
    topic = _chosen_topic(request, proposal.organisation, payload)
    services.proposal_save(actor=request.user, proposal=proposal, data=payload.dict(),
                           units=_units(proposal.organisation, payload.suggested_unit_ids))
    _answer_topic(request, proposal, topic)
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
             summary="Rate a unit's reply: satisfied 满意 · basically 基本满意 · dissatisfied 不满意 (with a comment)",
             description="Where the organisation splits ratings (setting proposals.rating_parts), send attitude "
                         "办理态度, communication 沟通联系 and result 办理结果 instead of value: the overall rating is "
                         "不满意 when the result is, 满意 when all three are, 基本满意 otherwise.")
def proposal_rate(request, proposal_id: Id, payload: RatingIn):
    proposal = _proposal(request, proposal_id)
    task = get_object_or_404(HandlingTask, pk=payload.task_id, proposal=proposal)
    services.proposal_rate(actor=request.user, proposal=proposal, task=task, value=payload.value or "",
                           comment=payload.comment,
                           parts={"attitude": payload.attitude, "communication": payload.communication,
                                  "result": payload.result})
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
                        contact_name=payload.contact_name, contact_phone=payload.contact_phone,
                        promises=None if payload.promises is None else [p.model_dump() for p in payload.promises])
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


# --- the office's paperwork: receipts, batch confirmation and acceptance, 催办, leading leaders, the assessment of
# units and the compilations (the same services as the pages) ----------------------------------------------------------


class ProposalsBatchIdsIn(Schema):
    ids: list[Id] = Field([], description="The ids to act on; for receipts, empty confirms every assignment waiting")


class ProposalsReminderIn(Schema):
    note: str = Field(description="What the reminder (催办) says to the unit", max_length=1000)


class ProposalsReminderOut(Schema):
    id: int
    task_id: int
    unit: str
    kind: str
    note: str
    sent_on: dt.date
    created_at: dt.datetime


class ProposalsLeadersIn(Schema):
    leader_ids: list[Id] = Field(description="The committee's leaders who lead the supervision (领衔督办); empty "
                                             "clears them; the first is named first")


class ProposalsLeaderOut(Schema):
    id: int
    name: str


class ProposalsLeadersChangeOut(Schema):
    at: dt.datetime
    by: str
    leaders: list[str]


class ProposalsLeadersOut(Schema):
    proposal_id: int
    leaders: list[ProposalsLeaderOut]
    candidates: list[ProposalsLeaderOut]
    history: list[ProposalsLeadersChangeOut]


class ProposalsUnitAssessmentOut(Schema):
    rank: int
    unit_id: int
    unit: str
    assigned: int
    replied: int
    on_time: int
    contacted: int
    rated: int = Field(description="Replies rated (a reply counts once, its least satisfied proposer deciding)")
    satisfied: int = Field(description="Replies rated 满意 or 基本满意")
    quality: float | None = Field(description="The office's quality marks, 0–1; null with none")
    redone: int
    score: float = Field(description="Out of 100, less 2 points a redo")
    awarded: bool = Field(description="Selected as a 先进承办单位 of the year")


def _batch(result) -> dict:
    return {"done": [p.pk for p in result.done], "failed": {p.pk: message for p, message in result.failed}}


@router.post("/unit/receipts", response={200: BatchOut, **errors()},
             summary="Confirm the receipt (回执) of my unit's assignment paper (交办单): the ids given, else all waiting")
def unit_receipts_confirm(request, payload: ProposalsBatchIdsIn):
    org = require(request, permissions.is_unit_user)
    ids = payload.ids or list(selectors.awaiting_receipt(request.user, org).values_list("pk", flat=True))
    return _batch(services.tasks_receipt_confirm_batch(actor=request.user, organisation=org, ids=ids))


@router.get("/unit/assignment-paper/{int:unit_id}", response={200: None, **errors(404)},
            summary="The unit's assignment paper (交办单) with its receipt (回执), as Word")
def unit_assignment_paper(request, unit_id: Id) -> HttpResponse:
    from django.utils import timezone

    from . import documents

    org = active_organisation(request)
    unit = get_object_or_404(HandlingUnit, pk=unit_id, organisation=org)
    if not (permissions.sees_all(request.user, org) or unit.pk in permissions.unit_ids(request.user, org)):
        raise NotFound()
    tasks = selectors.assigned_tasks(unit)
    audit_log(actor=request.user, organisation=org, action="proposals.assignment_paper.printed", obj=unit,
              changes={"tasks": len(tasks)})
    document = documents.assignment_paper_docx(org, unit, tasks, printed_on=timezone.now())
    return file_response(docx_bytes(document), f"{gettext('Assignment of proposals')}-{unit.short_name or unit.name}.docx",
                         DOCX_TYPE)


@router.get("/confirmations", response={200: list[ProposalListOut], **errors()},
            summary="Assignments waiting for the Party/government office's confirmation")
@paginate(PageNumbers)
def confirmations(request):
    org = require(request, permissions.is_party_gov)
    return _rows(selectors.assignments_to_confirm(request.user, org).order_by("registered_at", "pk"))


@router.post("/confirmations", response={200: BatchOut, **errors()},
             summary="The Party/government office confirms several assignments at once (the units' time starts)")
def confirmations_confirm(request, payload: BatchIn):
    org = require(request, permissions.is_party_gov)
    return _batch(services.proposals_confirm_assignment_batch(actor=request.user, organisation=org, ids=payload.ids))


@router.post("/replies/accept", response={200: BatchOut, **errors()},
             summary="The office accepts several replies at once, as the units categorised them (ids of assignments)")
def replies_accept(request, payload: BatchIn):
    org = require(request, permissions.is_office)
    return _batch(services.replies_accept_batch(actor=request.user, organisation=org, task_ids=payload.ids))


@router.post("/tasks/{int:task_id}/remind", response={200: ProposalsReminderOut, **errors(404, 409)},
             summary="催办: remind a unit of an open assignment, with a note (the unit's staff and leaders are told)")
def task_remind(request, task_id: Id, payload: ProposalsReminderIn):
    org = require(request, permissions.is_office)
    task = get_object_or_404(HandlingTask.objects.select_related("unit"), pk=task_id, organisation=org)
    reminder = services.task_remind(actor=request.user, task=task, note=payload.note)
    return {"id": reminder.pk, "task_id": task.pk, "unit": task.unit.name, "kind": reminder.kind,
            "note": reminder.note, "sent_on": reminder.sent_on, "created_at": reminder.created_at}


def _leaders(request, proposal) -> dict:
    from zhengxie.core.choices import Role
    from zhengxie.core.selectors import users_with_role

    history = proposal.events.filter(action="leaders_set").select_related("actor").order_by("-created_at", "-pk")
    return {
        "proposal_id": proposal.pk,
        "leaders": [{"id": u.pk, "name": u.label} for u in proposal.key_leaders.all()],
        "candidates": [{"id": u.pk, "name": u.label} for u in users_with_role(proposal.organisation, Role.LEADER)],
        "history": [{"at": e.created_at, "by": e.actor.label if e.actor else "",
                     "leaders": list((e.data or {}).get("leaders", []))} for e in history],
    }


def _key_proposal(request, proposal_id) -> Proposal:
    from zhengxie.core.selectors import get_visible

    org = require(request, permissions.can_supervise)
    return get_visible(selectors.key_proposals(org), proposal_id)  # not a key proposal: not found


@router.get("/{int:proposal_id}/leaders", response={200: ProposalsLeadersOut, **errors(404)},
            summary="The leading leaders (领衔督办) of a key proposal, the committee's leaders and the history")
def key_leaders(request, proposal_id: Id):
    return _leaders(request, _key_proposal(request, proposal_id))


@router.put("/{int:proposal_id}/leaders", response={200: ProposalsLeadersOut, **errors(404, 409)},
            summary="Choose the leading leaders (领衔督办, several) of a key proposal (the office)")
def key_leaders_set(request, proposal_id: Id, payload: ProposalsLeadersIn):
    from zhengxie.core.choices import Role
    from zhengxie.core.selectors import users_with_role

    proposal = _key_proposal(request, proposal_id)
    if not permissions.is_office(request.user, proposal.organisation):
        raise NotAllowed()
    by_id = {u.pk: u for u in users_with_role(proposal.organisation, Role.LEADER)}
    if any(pk not in by_id for pk in payload.leader_ids):
        raise DomainError(gettext("Choose leaders of this committee."))
    services.proposal_key_leaders_set(actor=request.user, proposal=proposal,
                                      leaders=[by_id[pk] for pk in dict.fromkeys(payload.leader_ids)])
    return _leaders(request, _key_proposal(request, proposal_id))


@router.get("/assessment", response={200: list[ProposalsUnitAssessmentOut], **errors()},
            summary="The yearly assessment of handling units (承办单位考核), best score first")
def assessment(request, year: Year | None = None):
    from django.utils import timezone

    from .assessment import unit_assessment

    org = require(request, permissions.can_supervise)
    ranking = unit_assessment(org, year or timezone.localdate().year)
    return [{"rank": a.rank, "unit_id": a.unit.pk, "unit": a.unit.name, "assigned": a.assigned, "replied": a.replied,
             "on_time": a.on_time, "contacted": a.contacted, "rated": a.rated, "satisfied": a.satisfied,
             "quality": a.quality, "redone": a.redone, "score": a.score, "awarded": a.awarded} for a in ranking]


@router.get("/assessment/export", response={200: None, **errors()},
            summary="The assessment of handling units as Excel (the ranking the office prints)")
def assessment_export(request, year: Year | None = None) -> HttpResponse:
    from django.utils import timezone

    from zhengxie.core.documents import excel_response

    from . import documents
    from .assessment import unit_assessment

    org = require(request, permissions.can_supervise)
    year = year or timezone.localdate().year
    return excel_response(f"{gettext('Assessment of handling units')}{year}.xlsx", documents.assessment_columns(),
                          documents.assessment_rows(unit_assessment(org, year)),
                          title=gettext("Assessment of handling units"))


@router.get("/compilations/{int:session_id}", response={200: None, **errors(404)},
            summary="The session's 提案汇编 (kind=proposals) or 答复汇编 (kind=replies) in Word, grouped by category "
                    "or by unit")
def compilation(request, session_id: Id, kind: Literal["proposals", "replies"] = "proposals",
                group: Literal["category", "unit"] = "category") -> HttpResponse:
    from zhengxie.core.models import Session

    from .compilations import compilation_document

    org = require(request, permissions.sees_all)
    session = get_object_or_404(Session, pk=session_id, term__organisation=org)
    document, name = compilation_document(actor=request.user, organisation=org, session=session, kind=kind,
                                          group_by=group)
    return file_response(docx_bytes(document), name, DOCX_TYPE)
# --- joint proposals of committees (联合提案) --------------------------------------------------------------------


class JointSignerOut(BaseModel):
    name: str
    organisation_id: int | None = Field(description="The committee of the platform; empty for one outside it")
    status: str = Field(description="selected · invited · confirmed · declined · recorded (signed outside)")
    responded_at: dt.datetime | None


class JointRatingOut(BaseModel):
    committee: str
    unit: str
    round: int
    value: str = Field(description="satisfied 满意 · basically 基本满意 · dissatisfied 不满意")
    comment: str


class JointProgressOut(BaseModel):
    proposal_status: str
    proposal_status_label: str
    number: str
    units: list[str]
    replies: list[str] = Field(description="The replies sent to the proposers, as the higher committee accepted them")
    ratings: list[JointRatingOut] = Field(description="The co-proposing committees' ratings of the replies")
    to_rate: list[int] = Field(description="The handling tasks whose reply waits for your committee's rating "
                                           "(POST …/rate with one of them)")


class JointAttachmentOut(BaseModel):
    id: int
    name: str
    size: int


class JointProposalOut(BaseModel):
    id: int
    version: int
    title: str
    category: str
    background: str
    suggestions: str
    status: str
    status_label: str
    organisation: str = Field(description="The drafting committee")
    target_id: int | None = Field(description="The higher committee of the platform; empty when sent outside it")
    target: str
    proposers: str = Field(description="The committees as printed, once sent")
    sent_at: dt.datetime | None
    received_at: dt.datetime | None
    registered_at: dt.datetime | None
    outside_number: str
    reply_text: str
    reply_on: dt.date | None
    signers: list[JointSignerOut]
    progress: JointProgressOut | None
    alliance_id: int | None = Field(description="The alliance or mechanism whose members make it")
    alliance: str
    attachments: list[JointAttachmentOut] = Field(
        description="Its files (GET …/files/{id}); they go up with the text when the higher committee receives it")


class JointProposalIn(Schema):
    title: str = Field(max_length=200)
    category: str = Field("", max_length=40)
    background: str = Field("", max_length=20000)
    suggestions: str = Field("", max_length=20000)
    target_id: Id | None = Field(None, description="A committee above yours; or leave empty and name target_name")
    target_name: str = Field("", max_length=100, description="A committee outside the platform, e.g. 全国政协")
    cosigner_ids: list[Id] = Field(default_factory=list, max_length=50)
    outside_cosigners: list[str] = Field(default_factory=list, max_length=50)
    alliance_id: Id | None = Field(None, description="Make it in the name of an alliance your committee belongs to")


class JointRateIn(RatingIn):
    pass


class JointCosignIn(Schema):
    agree: bool
    comment: str = Field("", max_length=300)


class JointOutcomeIn(Schema):
    version: int | None = None
    registered: bool
    number: str = Field("", max_length=60)
    registered_on: dt.date | None = None
    reply_text: str = Field("", max_length=20000)
    reply_on: dt.date | None = None


def _joint_progress(joint, organisation) -> dict | None:
    """The progress at the higher committee from what ``selectors.joints_for_api`` loaded (no query per row)."""
    p = joint.proposal
    if p is None:
        return None
    tasks = [t for t in p.tasks.all() if t.status != TaskStatus.CANCELLED]
    ratings = [r for t in tasks for r in t.ratings.all() if r.signer.committee_id]
    mine = {(r.task_id, r.round) for r in ratings if r.signer.committee_id == getattr(organisation, "pk", None)}
    committees = {s.committee_id for s in p.signers.all() if s.committee_id}
    to_rate = [t.pk for t in tasks if p.status == ProposalStatus.EVALUATING and t.status == TaskStatus.ACCEPTED
               and t.role in REPLYING_ROLES and getattr(organisation, "pk", None) in committees
               and (t.pk, t.round) not in mine]
    return {"proposal_status": p.status, "proposal_status_label": str(p.get_status_display()),
            "number": p.number_label, "units": [t.unit.name for t in tasks],
            "replies": [r.text for t in tasks for r in t.replies.all() if r.accepted_at is not None],
            "ratings": [{"committee": r.signer.committee.short_name, "unit": r.task.unit.name, "round": r.round,
                         "value": r.value, "comment": r.comment} for r in ratings],
            "to_rate": to_rate}


def _joint_out(joint, organisation=None) -> dict:
    return {
        "id": joint.pk, "version": joint.version, "title": joint.title, "category": joint.category,
        "background": joint.background, "suggestions": joint.suggestions, "status": joint.status,
        "status_label": str(joint.get_status_display()), "organisation": joint.organisation.short_name,
        "target_id": joint.target_id, "target": joint.target_label, "proposers": joint.proposers_label,
        "sent_at": joint.sent_at, "received_at": joint.received_at, "registered_at": joint.registered_at,
        "outside_number": joint.outside_number, "reply_text": joint.reply_text, "reply_on": joint.reply_on,
        "signers": [{"name": s.name, "organisation_id": s.organisation_id, "status": s.status,
                     "responded_at": s.responded_at} for s in joint.signers.all()],
        "progress": _joint_progress(joint, organisation),
        "alliance_id": joint.alliance_id, "alliance": joint.alliance.name if joint.alliance_id else "",
        "attachments": [{"id": a.pk, "name": a.original_name, "size": a.size} for a in joint.files],
    }


def _joint(request, joint_id):
    org = require(request, permissions.sees_joint)
    return selectors.joint_get_for_user(request.user, org, joint_id)


def _joint_answer(request, joint_id) -> dict:
    org = require(request, permissions.sees_joint)
    joint = get_visible(selectors.joint_proposals_visible_to(request.user, org), joint_id)
    return _joint_out(selectors.joints_for_api([joint])[0], org)


def _joint_arguments(org, payload: JointProposalIn) -> dict:
    from zhengxie.core.models import Organisation

    target = get_object_or_404(Organisation, pk=payload.target_id) if payload.target_id else None
    found = Organisation.objects.in_bulk(list(payload.cosigner_ids))
    if len(found) != len(set(payload.cosigner_ids)):
        raise DomainError(gettext("A co-proposing committee is not a committee of the platform."),
                          errors={"cosigner_ids": gettext("Not found.")})
    alliance = None
    if payload.alliance_id:
        from zhengxie.cooperation.selectors import alliances_of_committee

        alliance = alliances_of_committee(org).filter(pk=payload.alliance_id).first()
        if alliance is None:
            message = gettext("A joint proposal is made in the name of an alliance your committee belongs to.")
            raise DomainError(message, errors={"alliance_id": message})
    return {"data": payload.dict(), "target": target, "target_name": payload.target_name, "alliance": alliance,
            "cosigners": [found[i] for i in dict.fromkeys(payload.cosigner_ids)], "outside": payload.outside_cosigners}


@router.get("/joint", response={200: list[JointProposalOut], **errors()},
            summary="Joint proposals of committees: made, co-signed or received by this committee (office, leaders)")
@paginate(PageNumbers, size=20)
def joint_list(request, tab: Literal["all", "cosign", "receive", "rate"] = "all"):
    org = require(request, permissions.sees_joint)
    if tab == "cosign":
        qs = selectors.joints_to_cosign(request.user, org)
    elif tab == "receive":
        qs = selectors.joints_to_receive(request.user, org)
    elif tab == "rate":
        qs = selectors.joints_to_rate(request.user, org)
    else:
        qs = selectors.joint_proposals_visible_to(request.user, org)
    return Rows(qs.order_by("-created_at", "-id"),
                serialise=lambda rows: [_joint_out(j, org) for j in selectors.joints_for_api(rows)])


@router.get("/joint/{int:joint_id}", response={200: JointProposalOut, **errors(404)},
            summary="One joint proposal, with the progress at the higher committee (read-only)")
def joint_detail(request, joint_id: Id):
    return _joint_answer(request, joint_id)


@router.post("/joint", response={201: JointProposalOut, **errors(404, 409)},
             summary="Draft a joint proposal of this committee (its proposal office)")
def joint_create(request, payload: JointProposalIn):
    org = require(request, permissions.can_draft_joint)
    joint = services.joint_create(actor=request.user, organisation=org, **_joint_arguments(org, payload))
    return Status(201, _joint_answer(request, joint.pk))


@router.post("/joint/{int:joint_id}/send", response={200: JointProposalOut, **errors(404, 409)},
             summary="Send: the committees are invited to co-sign first; with none, it goes to the higher committee")
def joint_send(request, joint_id: Id, payload: VersionIn):
    services.joint_send(actor=request.user, joint=_joint(request, joint_id), version=payload.version)
    return _joint_answer(request, joint_id)


@router.post("/joint/{int:joint_id}/close-cosigning", response={200: JointProposalOut, **errors(404, 409)},
             summary="Send it on without the committees that have not answered")
def joint_close_cosigning(request, joint_id: Id, payload: VersionIn):
    services.joint_close_cosigning(actor=request.user, joint=_joint(request, joint_id), version=payload.version)
    return _joint_answer(request, joint_id)


@router.post("/joint/{int:joint_id}/cosign", response={200: JointProposalOut, **errors(404, 409)},
             summary="The invited committee's office confirms or declines its signature")
def joint_cosign(request, joint_id: Id, payload: JointCosignIn):
    org = active_organisation(request)
    services.joint_cosign(actor=request.user, joint=_joint(request, joint_id), organisation=org, agree=payload.agree,
                          comment=payload.comment)
    return _joint_answer(request, joint_id)


@router.post("/joint/{int:joint_id}/receive", response={200: JointProposalOut, **errors(404, 409)},
             summary="The higher committee's office receives it: it becomes one of its proposals, for pre-review")
def joint_receive(request, joint_id: Id, payload: VersionIn):
    services.joint_receive(actor=request.user, joint=_joint(request, joint_id), version=payload.version)
    return _joint_answer(request, joint_id)


@router.post("/joint/{int:joint_id}/outcome", response={200: JointProposalOut, **errors(404, 409)},
             summary="Record what a committee outside the platform decided: registered or not, its number, its reply")
def joint_outcome(request, joint_id: Id, payload: JointOutcomeIn):
    services.joint_record_outcome(actor=request.user, joint=_joint(request, joint_id), registered=payload.registered,
                                  number=payload.number, registered_on=payload.registered_on,
                                  reply_text=payload.reply_text, reply_on=payload.reply_on, version=payload.version)
    return _joint_answer(request, joint_id)


@router.post("/joint/{int:joint_id}/rate", response={200: JointProposalOut, **errors(404, 409)},
             summary="A co-proposing committee's proposal office rates a reply of the higher committee's unit",
             description="Once the higher committee accepted every reply (its proposal is being evaluated), each "
                         "committee that proposed it gives one rating per reply and round, within the same time as "
                         "members: send the task_id of progress.to_rate and value (or, where the higher committee "
                         "splits ratings, attitude, communication and result); a comment is required when not "
                         "satisfied.")
def joint_rate(request, joint_id: Id, payload: JointRateIn):
    org = require(request, permissions.can_draft_joint)
    joint = _joint(request, joint_id)
    if joint.proposal_id is None:
        raise DomainError(gettext("The higher committee has not received this joint proposal yet."))
    task = get_object_or_404(HandlingTask, pk=payload.task_id, proposal_id=joint.proposal_id)
    parts = {k: getattr(payload, k) for k in ("attitude", "communication", "result")}
    services.proposal_rate_for_committee(actor=request.user, proposal=joint.proposal, task=task, committee=org,
                                         value=payload.value or "", comment=payload.comment,
                                         parts=parts if any(parts.values()) else None)
    return _joint_answer(request, joint_id)


@router.get("/joint/{int:joint_id}/files/{int:attachment_id}", response={200: None, **errors(404)},
            summary="One file of a joint proposal")
def joint_file(request, joint_id: Id, attachment_id: Id) -> HttpResponse:
    from zhengxie.core.files import owned_attachment_response

    return owned_attachment_response(_joint(request, joint_id), attachment_id)
