"""The concerns' half of the outreach API (mounted by api.py): list, read, register on a person's behalf, and
every step of the workflow. Phone numbers are masked except for those handling the concern."""

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from zhengxie.api.common import Id, PageNumbers, Rows, active_organisation, errors, require
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.masking import mask_phone
from zhengxie.core.models import HandlingUnit, Member
from zhengxie.search.api import ClusterOut, clusters_out, without_objects

from . import permissions, selectors, services
from .models import Place
from .models.concerns import format_tracking_code
from .search import concern_cluster_details

concern_router = Router(tags=["outreach"])


def not_in_organisation(field: str) -> DomainError:
    """An id in the request names nothing of the active organisation."""
    message = gettext("Not found in this organisation.")
    return DomainError(message, errors={field: message})


class ConcernOut(Schema):
    id: int
    reference: str
    source: str
    status: str
    category: str
    summary: str
    name: str
    phone: str = Field(description="Masked (138****5678) except for those handling the concern")
    place_id: Id | None
    place: str | None
    assigned_member_id: Id | None
    assigned_member: str | None
    handling_unit_id: Id | None
    handling_unit: str | None
    unit_due_on: dt.date | None
    overdue: bool
    received_at: dt.datetime
    closed_at: dt.datetime | None
    satisfied: bool | None
    version: int


class ConcernEventOut(Schema):
    action: str
    from_state: str
    to_state: str
    actor: str | None
    comment: str
    is_public: bool
    created_at: dt.datetime


class ConcernDetailOut(ConcernOut):
    description: str
    result: str
    feedback_comment: str
    code_hint: str = Field(description="The last four characters of the tracking code")
    history: list[ConcernEventOut]
    actions: list[str] = Field(description="The workflow steps the caller may take now")


def _concern_out(user, c) -> dict:
    handler = permissions.is_handler(user, c)
    return {"id": c.pk, "reference": c.reference, "source": c.source, "status": c.status, "category": c.category,
            "summary": c.summary, "name": c.submitter_name,
            "phone": c.submitter_phone if handler else mask_phone(c.submitter_phone),
            "place_id": c.place_id, "place": c.place.name if c.place_id else None,
            "assigned_member_id": c.assigned_member_id,
            "assigned_member": c.assigned_member.person.name if c.assigned_member_id else None,
            "handling_unit_id": c.handling_unit_id, "handling_unit": c.handling_unit.name if c.handling_unit_id else None,
            "unit_due_on": c.unit_due_on, "overdue": c.is_overdue, "received_at": c.received_at,
            "closed_at": c.closed_at, "satisfied": c.satisfied, "version": c.version}


class ConcernFilter(Schema):
    status: str = Field("", description="A state, or “open” for every state before closure")
    category: str = ""
    source: str = ""
    place_id: Id | None = None
    overdue: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""


@concern_router.get("/concerns", response={200: list[ConcernOut], **errors()}, summary="Concerns the caller may see")
@paginate(PageNumbers)
def concerns(request, filters: Query[ConcernFilter]):
    org = require(request, permissions.can_view_concerns)
    qs = selectors.concern_search(selectors.concerns_visible_to(request.user, org), status=filters.status,
                                  category=filters.category, source=filters.source, place=filters.place_id,
                                  overdue=filters.overdue, date_from=filters.date_from, date_to=filters.date_to,
                                  q=filters.q)
    return Rows(qs, lambda items: [_concern_out(request.user, c) for c in items])


@concern_router.get("/concerns/similar", response={200: list[ClusterOut], **errors()},
                    summary="Groups of the same complaint among the concerns the caller may see",
                    description="The same filters as the list (a place, a period, a category, a state); the newest "
                                "500 concerns are grouped by the similarity of what the people wrote. Only pairs "
                                "scoring at least 0.15, a threshold chosen from the precision measured on real "
                                "messages; largest groups first. No names or phone numbers.")
def concerns_similar(request, filters: Query[ConcernFilter]):
    org = require(request, permissions.can_view_concerns)
    qs = selectors.concern_search(selectors.concerns_visible_to(request.user, org), status=filters.status,
                                  category=filters.category, source=filters.source, place=filters.place_id,
                                  overdue=filters.overdue, date_from=filters.date_from, date_to=filters.date_to,
                                  q=filters.q)
    return without_objects(clusters_out("outreach.concern", selectors.concern_clusters(qs),
                                        details=concern_cluster_details))


def _detail(request, concern_id: Id) -> dict:
    c = selectors.concern_get_for_user(request.user, active_organisation(request), concern_id)
    return {**_concern_out(request.user, c), "description": c.description, "result": c.result,
            "feedback_comment": c.feedback_comment, "code_hint": c.code_hint,
            "history": [{"action": e.action, "from_state": e.from_state, "to_state": e.to_state,
                         "actor": e.actor.label if e.actor_id else None, "comment": e.comment, "is_public": e.is_public,
                         "created_at": e.created_at} for e in selectors.concern_history(c)],
            "actions": [a.replace("_", "-") for a in permissions.concern_actions(request.user, c)]}


@concern_router.get("/concerns/{concern_id}", response={200: ConcernDetailOut, **errors(404, 409)}, summary="One concern with its history")
def concern(request, concern_id: Id):
    return _detail(request, concern_id)


class RegisterIn(Schema):
    name: str = Field(max_length=40)
    phone: str = Field(max_length=20)
    category: str = Field(max_length=40)
    description: str = Field(max_length=2000)
    place_id: Id | None = None
    activity_id: Id | None = Field(None, description="The activity at which the concern was raised")
    handle_myself: bool = Field(False, description="A member registering it handles it himself")


class RegisteredOut(Schema):
    concern: ConcernDetailOut
    tracking_code: str = Field(description="Shown once: give it to the person")


@concern_router.post("/concerns", response={201: RegisteredOut, **errors(404, 409)}, summary="Register a concern on a person's behalf")
def concern_register(request, payload: RegisterIn):
    org = active_organisation(request)
    place = Place.objects.filter(organisation=org, pk=payload.place_id).first() if payload.place_id else None
    if payload.place_id and place is None:
        raise not_in_organisation("place_id")
    activity = selectors.activity_get_for_user(request.user, org, payload.activity_id) if payload.activity_id else None
    data = payload.dict(exclude={"place_id", "activity_id", "handle_myself"}) | {"place": place}
    c, code = services.concern_register(actor=request.user, organisation=org, data=data,
                                        handle_myself=payload.handle_myself, activity=activity)
    return Status(201, {"concern": _detail(request, c.pk), "tracking_code": format_tracking_code(code)})


class ConcernVersionIn(Schema):
    version: int | None = Field(None, description="The version you read (409 if the concern changed since)")


class ConcernAssignIn(ConcernVersionIn):
    member_id: Id
    comment: str = Field("", max_length=500)


class RouteIn(ConcernVersionIn):
    place_id: Id
    comment: str = Field("", max_length=500)


class PassIn(ConcernVersionIn):
    unit_id: Id
    due_on: dt.date | None = Field(None, description="Default: today plus the organisation's working days")
    comment: str = Field("", max_length=500)


class TextIn(ConcernVersionIn):
    text: str = Field(max_length=4000)


class NoteIn(Schema):
    text: str = Field(max_length=2000)
    is_public: bool = Field(False, description="Shown to the person on the tracking page")


class CloseIn(ConcernVersionIn):
    result: str = Field(max_length=4000)


class DeclineIn(ConcernVersionIn):
    reason: str = Field(max_length=2000)


class ConcernFeedbackIn(Schema):
    satisfied: bool
    comment: str = Field("", max_length=500)


class ReopenIn(ConcernVersionIn):
    member_id: Id
    reason: str = Field(max_length=2000)


def _handles_or_unit(user, c) -> bool:
    return permissions.can_handle(user, c) or permissions.can_act_for_unit(user, c)


# Who may take each step, whatever the concern's state (the predicates the services check).
RIGHTS = {
    "take_up": permissions.can_take_up,
    "assign": lambda user, c: permissions.can_manage(user, c.organisation)
    or c.place_id in permissions.lead_place_ids_of(user, c.organisation),
    "route": permissions.can_route,
    "pass_to_unit": permissions.can_handle,
    "unit_reply": permissions.can_act_for_unit,
    "unit_return": permissions.can_act_for_unit,
    "note": _handles_or_unit,
    "close": permissions.can_handle,
    "decline": lambda user, c: permissions.can_handle(user, c) or permissions.can_route(user, c),
    "feedback": permissions.can_handle,
    "reopen": permissions.can_reopen,
    "reissue_code": permissions.can_reissue_code,
}


def _get(request, concern_id, step: str):
    """The concern, once the user may take ``step``: checked before the service's state and version checks, so
    that a user without the right is told 403 and learns nothing of the concern's changes (not 409)."""
    org = active_organisation(request)
    concern = selectors.concern_get_for_user(request.user, org, concern_id)
    if not RIGHTS[step](request.user, concern):
        raise NotAllowed()
    return org, concern


def member_of(org, member_id, *, field="member_id") -> Member:
    """A current member of the organisation, or a 400 naming the field."""
    member = selectors.current_members(org, [member_id]).first()
    if member is None:
        raise not_in_organisation(field)
    return member


class ConcernGoneOut(Schema):
    id: int = Field(description="The concern, which the caller no longer sees after the step (e.g. passed on)")


# The concern after a step, or only its id when the caller can no longer see it.
ConcernStepOut = Annotated[ConcernDetailOut | ConcernGoneOut, Field(union_mode="left_to_right")]


def _after(request, concern_id):
    """The concern after a step, or 204-like minimal answer when the caller can no longer see it."""
    org = active_organisation(request)
    if not selectors.concerns_visible_to(request.user, org).filter(pk=concern_id).exists():
        return {"id": concern_id}
    return _detail(request, concern_id)


@concern_router.post("/concerns/{concern_id}/take-up", response={200: ConcernStepOut, **errors(404, 409)}, summary="Take the concern up yourself (a member on duty)")
def concern_take_up(request, concern_id: Id, payload: ConcernVersionIn):
    org, c = _get(request, concern_id, "take_up")
    services.concern_assign(actor=request.user, concern=c, member=permissions.seat_of(request.user, org),
                            version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/assign", response={200: ConcernStepOut, **errors(404, 409)}, summary="Assign to a member")
def concern_assign(request, concern_id: Id, payload: ConcernAssignIn):
    org, c = _get(request, concern_id, "assign")
    services.concern_assign(actor=request.user, concern=c, member=member_of(org, payload.member_id),
                            comment=payload.comment, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/route", response={200: ConcernStepOut, **errors(404, 409)}, summary="Send to a place")
def concern_route(request, concern_id: Id, payload: RouteIn):
    org, c = _get(request, concern_id, "route")
    place = Place.objects.filter(organisation=org, pk=payload.place_id).first()
    services.concern_route(actor=request.user, concern=c, place=place, comment=payload.comment, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/pass-to-unit", response={200: ConcernStepOut, **errors(404, 409)}, summary="Pass to a handling unit")
def concern_pass(request, concern_id: Id, payload: PassIn):
    org, c = _get(request, concern_id, "pass_to_unit")
    unit = HandlingUnit.objects.filter(organisation=org, pk=payload.unit_id).first()
    services.concern_pass_to_unit(actor=request.user, concern=c, unit=unit, due_on=payload.due_on,
                                  comment=payload.comment, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/unit-reply", response={200: ConcernStepOut, **errors(404, 409)}, summary="Answer (handling unit)")
def concern_unit_reply(request, concern_id: Id, payload: TextIn):
    _org, c = _get(request, concern_id, "unit_reply")
    services.concern_unit_reply(actor=request.user, concern=c, answer=payload.text, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/unit-return", response={200: ConcernStepOut, **errors(404, 409)}, summary="Return as not the unit's business")
def concern_unit_return(request, concern_id: Id, payload: TextIn):
    _org, c = _get(request, concern_id, "unit_return")
    services.concern_unit_return(actor=request.user, concern=c, reason=payload.text, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/notes", response={200: ConcernStepOut, **errors(404, 409)}, summary="Add a progress note")
def concern_note(request, concern_id: Id, payload: NoteIn):
    _org, c = _get(request, concern_id, "note")
    services.concern_add_note(actor=request.user, concern=c, text=payload.text, is_public=payload.is_public)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/close", response={200: ConcernStepOut, **errors(404, 409)}, summary="Close with the result")
def concern_close(request, concern_id: Id, payload: CloseIn):
    _org, c = _get(request, concern_id, "close")
    services.concern_close(actor=request.user, concern=c, result=payload.result, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/decline", response={200: ConcernStepOut, **errors(404, 409)}, summary="Do not take up (with the reason)")
def concern_decline(request, concern_id: Id, payload: DeclineIn):
    _org, c = _get(request, concern_id, "decline")
    services.concern_decline(actor=request.user, concern=c, reason=payload.reason, version=payload.version)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/feedback", response={200: ConcernStepOut, **errors(404, 409)}, summary="Record the person's feedback on their behalf")
def concern_feedback(request, concern_id: Id, payload: ConcernFeedbackIn):
    _org, c = _get(request, concern_id, "feedback")
    services.concern_feedback(actor=request.user, concern=c, satisfied=payload.satisfied, comment=payload.comment)
    return _after(request, concern_id)


@concern_router.post("/concerns/{concern_id}/reopen", response={200: ConcernStepOut, **errors(404, 409)}, summary="Reopen (office)")
def concern_reopen(request, concern_id: Id, payload: ReopenIn):
    org, c = _get(request, concern_id, "reopen")
    services.concern_reopen(actor=request.user, concern=c, member=member_of(org, payload.member_id),
                            reason=payload.reason, version=payload.version)
    return _after(request, concern_id)


class CodeOut(Schema):
    tracking_code: str


@concern_router.post("/concerns/{concern_id}/tracking-code", response={200: CodeOut, **errors(404, 409)}, summary="Issue a new tracking code (the old one stops working)")
def concern_reissue(request, concern_id: Id):
    _org, c = _get(request, concern_id, "reissue_code")
    return {"tracking_code": format_tracking_code(services.concern_reissue_code(actor=request.user, concern=c))}
