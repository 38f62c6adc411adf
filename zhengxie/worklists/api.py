"""The work lists API under /api/v1/worklists/: lists, items, progress reports, notes and every transition of an
item; investment projects and their stages; recommendations (建议案). Coordination groups and the roll-up of the
committees below are in ``api_groups.py``. Each endpoint calls the same selectors and services as the pages."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from zhengxie.api.common import Id, PageNumbers, PromiseIn, Rows, Year, active_organisation, errors, require
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import HandlingUnit, Member, SpecialCommittee, User
from zhengxie.core.promises import MAX_PROMISES

from . import permissions, selectors, services
from .api_groups import groups_router
from .choices import Cadence
from .models import ListKind, Milestone

router = Router(tags=["worklists"])
router.add_router("", groups_router)


def _in_org(model, pk, org, field):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, organisation=org).first()
    if obj is None:
        message = gettext("Not found in this organisation.")
        raise DomainError(message, errors={field: message})
    return obj


class WorklistListOut(Schema):
    id: int
    kind: str
    kind_name: str
    year: int
    title: str
    description: str


class WorklistListIn(Schema):
    kind: str = Field(max_length=40, description="The key of one of the organisation's kinds of list")
    year: Year
    title: str = Field(max_length=120)
    description: str = Field("", max_length=2000)


def _list_out(wl) -> dict:
    return {"id": wl.pk, "kind": wl.kind.key, "kind_name": wl.kind.name, "year": wl.year, "title": wl.title,
            "description": wl.description}


@router.get("/lists", response={200: list[WorklistListOut], **errors()}, summary="Work lists the caller may see")
@paginate(PageNumbers)
def lists(request, year: Year | None = None):
    org = active_organisation(request)
    qs = selectors.lists_visible_to(request.user, org)
    return qs.filter(year=year) if year else qs


@router.post("/lists", response={201: WorklistListOut, **errors(404)}, summary="Create a work list")
def list_create(request, payload: WorklistListIn):
    org = require(request, permissions.can_manage)
    services.kinds_ensure(org)
    kind = ListKind.objects.filter(organisation=org, key=payload.kind).first()
    if kind is None:
        message = gettext("Not found in this organisation.")
        raise DomainError(message, errors={"kind": message})
    wl = services.list_create(actor=request.user, organisation=org, kind=kind, year=payload.year,
                              title=payload.title, description=payload.description)
    return Status(201, _list_out(wl))


class WorklistItemOut(Schema):
    id: int
    list_id: int
    number: int
    title: str
    status: str
    progress: int
    due_on: dt.date
    overdue: bool
    leader_id: int | None
    leader_name: str
    unit_id: int | None
    committee_id: int | None
    responsible: str
    person_id: int | None
    person_name: str
    cadence: str
    next_report_on: dt.date | None
    is_commitment: bool
    source_kind: str
    source_label: str
    last_report_at: dt.datetime | None
    last_report_text: str
    version: int


def _item_out(i) -> dict:
    return {"id": i.pk, "list_id": i.work_list_id, "number": i.number, "title": i.title, "status": i.status,
            "progress": i.progress, "due_on": i.due_on, "overdue": i.is_overdue, "leader_id": i.leader_id,
            "leader_name": i.leader_name, "unit_id": i.unit_id, "committee_id": i.committee_id,
            "responsible": i.responsible_label, "person_id": i.person_id, "person_name": i.person_name,
            "cadence": i.cadence, "next_report_on": i.next_report_on, "is_commitment": i.is_commitment,
            "source_kind": i.source_kind, "source_label": i.source_label, "last_report_at": i.last_report_at,
            "last_report_text": i.last_report_text, "version": i.version}


class WorklistMilestoneOut(Schema):
    id: int
    title: str
    due_on: dt.date
    done_on: dt.date | None


class WorklistEventOut(Schema):
    action: str
    from_state: str
    to_state: str
    actor: str | None
    comment: str
    created_at: dt.datetime


class WorklistItemDetailOut(WorklistItemOut):
    description: str
    outcome: str
    confirmed_by: str | None
    closed_at: dt.datetime | None
    milestones: list[WorklistMilestoneOut]
    history: list[WorklistEventOut]


class WorklistItemFilter(Schema):
    list_id: Id | None = None
    status: str = Field("", description="A state, or “open”")
    kind: str = ""
    year: Year | None = None
    overdue: bool = False
    grasped: bool = Field(False, description="Only the items the caller grasps as a leader")
    q: str = Field("", max_length=100)


@router.get("/items", response={200: list[WorklistItemOut], **errors()}, summary="Work items the caller may see")
@paginate(PageNumbers)
def items(request, filters: Query[WorklistItemFilter]):
    org = active_organisation(request)
    qs = selectors.grasped_by(request.user, org) if filters.grasped else selectors.items_visible_to(request.user, org)
    if filters.list_id:
        qs = qs.filter(work_list_id=filters.list_id)
    qs = selectors.item_search(qs, status=filters.status, kind=filters.kind, year=filters.year, q=filters.q,
                               late=filters.overdue)
    return Rows(qs, lambda page: [_item_out(i) for i in page])


def _detail(request, item_id) -> dict:
    i = selectors.item_get_for_user(request.user, active_organisation(request), item_id)
    return {**_item_out(i), "description": i.description, "outcome": i.outcome,
            "confirmed_by": i.confirmed_by.label if i.confirmed_by_id else None, "closed_at": i.closed_at,
            "milestones": [{"id": m.pk, "title": m.title, "due_on": m.due_on, "done_on": m.done_on}
                           for m in i.milestones.all()],
            "history": [{"action": e.action, "from_state": e.from_state, "to_state": e.to_state,
                         "actor": e.actor.label if e.actor_id else None, "comment": e.comment,
                         "created_at": e.created_at} for e in selectors.history_of(i)]}


@router.get("/items/{item_id}", response={200: WorklistItemDetailOut, **errors(404)}, summary="One item with its timeline")
def item(request, item_id: Id):
    return _detail(request, item_id)


class WorklistItemIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field("", max_length=4000)
    leader_id: Id | None = None
    leader_name: str = Field("", max_length=40)
    unit_id: Id | None = None
    committee_id: Id | None = None
    body_name: str = Field("", max_length=100)
    person_id: Id | None = None
    person_name: str = Field("", max_length=40)
    starts_on: dt.date | None = None
    due_on: dt.date
    cadence: Cadence = Cadence.MONTHLY


class WorklistItemCreateIn(WorklistItemIn):
    list_id: Id
    milestones: list[tuple[str, dt.date]] = Field(default_factory=list, max_length=50,
                                                   description="[title, date] pairs")


def _item_data(org, payload: WorklistItemIn) -> dict:
    users = {}
    for key in ("leader_id", "person_id"):
        pk = getattr(payload, key)
        if pk is not None:
            user = User.objects.filter(pk=pk, role_assignments__organisation=org,
                                       role_assignments__is_active=True).first()
            if user is None:
                message = gettext("Not found in this organisation.")
                raise DomainError(message, errors={key: message})
            users[key] = user
    return {"title": payload.title, "description": payload.description, "leader": users.get("leader_id"),
            "leader_name": payload.leader_name, "unit": _in_org(HandlingUnit, payload.unit_id, org, "unit_id"),
            "committee": _in_org(SpecialCommittee, payload.committee_id, org, "committee_id"),
            "body_name": payload.body_name, "person": users.get("person_id"), "person_name": payload.person_name,
            "starts_on": payload.starts_on, "due_on": payload.due_on, "cadence": payload.cadence}


@router.post("/items", response={201: WorklistItemDetailOut, **errors(404, 409)}, summary="Add an item to a list")
def item_create(request, payload: WorklistItemCreateIn):
    org = require(request, permissions.can_manage)
    wl = selectors.list_get_for_user(request.user, org, payload.list_id)
    created = services.item_create(actor=request.user, work_list=wl, data=_item_data(org, payload),
                                   milestones=[(t[:120], d) for t, d in payload.milestones])
    return Status(201, _detail(request, created.pk))


class WorklistVersionIn(Schema):
    version: int | None = Field(None, description="The version you read (409 if the item changed since)")


class WorklistItemUpdateIn(WorklistItemIn, WorklistVersionIn):
    pass


def _get(request, item_id):
    return selectors.item_get_for_user(request.user, active_organisation(request), item_id)


@router.put("/items/{item_id}", response={200: WorklistItemDetailOut, **errors(404, 409)}, summary="Change an item")
def item_update(request, item_id: Id, payload: WorklistItemUpdateIn):
    i = _get(request, item_id)
    services.item_update(actor=request.user, item=i, data=_item_data(i.organisation, payload), version=payload.version)
    return _detail(request, item_id)


class WorklistReportOut(Schema):
    id: int
    item_id: int
    text: str
    progress: int
    reported_by: str | None
    reported_at: dt.datetime


def _report_out(r) -> dict:
    return {"id": r.pk, "item_id": r.item_id, "text": r.text, "progress": r.progress,
            "reported_by": r.reported_by.label if r.reported_by_id else None, "reported_at": r.reported_at}


@router.get("/items/{item_id}/reports", response={200: list[WorklistReportOut], **errors(404)},
            summary="The progress reports of an item")
@paginate(PageNumbers)
def reports(request, item_id: Id):
    i = _get(request, item_id)
    return Rows(selectors.reports_visible_to(request.user, i.organisation).filter(item=i).order_by("-reported_at", "-pk"),
                lambda page: [_report_out(r) for r in page])


class WorklistReportIn(WorklistVersionIn):
    text: str = Field(max_length=4000)
    progress: int = Field(ge=0, le=100)
    behind: bool | None = Field(None, description="Say it is behind schedule (default: behind when past due)")


@router.post("/items/{item_id}/reports", response={201: WorklistReportOut, **errors(404, 409)}, summary="Report progress")
def report_create(request, item_id: Id, payload: WorklistReportIn):
    report = services.progress_report(actor=request.user, item=_get(request, item_id), text=payload.text,
                                      progress=payload.progress, behind=payload.behind, version=payload.version)
    return Status(201, _report_out(report))


class WorklistNoteIn(Schema):
    text: str = Field(max_length=2000)
    ask_report: bool = False
    report_due_on: dt.date | None = None


@router.post("/items/{item_id}/notes", response={200: WorklistItemDetailOut, **errors(404, 409)},
             summary="Write a supervision note (督办意见), optionally asking for a report")
def note(request, item_id: Id, payload: WorklistNoteIn):
    services.note_add(actor=request.user, item=_get(request, item_id), text=payload.text,
                      ask_report=payload.ask_report, report_due_on=payload.report_due_on)
    return _detail(request, item_id)


class WorklistCloseIn(WorklistVersionIn):
    outcome: str = Field(max_length=4000)


@router.post("/items/{item_id}/close", response={200: WorklistItemDetailOut, **errors(404, 409)},
             summary="Close with its outcome (成效)")
def close(request, item_id: Id, payload: WorklistCloseIn):
    services.item_close(actor=request.user, item=_get(request, item_id), outcome=payload.outcome,
                        version=payload.version)
    return _detail(request, item_id)


class WorklistReasonIn(WorklistVersionIn):
    reason: str = Field(max_length=2000)


@router.post("/items/{item_id}/cancel", response={200: WorklistItemDetailOut, **errors(404, 409)}, summary="Cancel an item")
def cancel(request, item_id: Id, payload: WorklistReasonIn):
    services.item_cancel(actor=request.user, item=_get(request, item_id), reason=payload.reason,
                         version=payload.version)
    return _detail(request, item_id)


@router.post("/items/{item_id}/reopen", response={200: WorklistItemDetailOut, **errors(404, 409)}, summary="Reopen an item")
def reopen(request, item_id: Id, payload: WorklistReasonIn):
    services.item_reopen(actor=request.user, item=_get(request, item_id), reason=payload.reason,
                         version=payload.version)
    return _detail(request, item_id)


@router.post("/items/{item_id}/milestones/{milestone_id}/done", response={200: WorklistItemDetailOut, **errors(404, 409)},
             summary="Mark a milestone reached")
def milestone(request, item_id: Id, milestone_id: Id):
    i = _get(request, item_id)
    m = Milestone.objects.filter(item=i, pk=milestone_id).first()
    if m is None:
        message = gettext("Not found in this organisation.")
        raise DomainError(message, errors={"milestone_id": message})
    services.milestone_done(actor=request.user, milestone=m)
    return _detail(request, item_id)


# --- investment projects --------------------------------------------------------------------------------------------


class WorklistProjectOut(Schema):
    id: int
    name: str
    investor: str
    member_id: int | None
    brought_by: str
    sector: str
    region: str
    amount_planned: Decimal = Field(description="10,000 yuan")
    amount_signed: Decimal = Field(description="10,000 yuan")
    stage: str
    stage_on: dt.date
    signed_on: dt.date | None
    event: str
    version: int


@router.get("/projects", response={200: list[WorklistProjectOut], **errors()}, summary="Investment projects (招商引资)")
@paginate(PageNumbers)
def projects(request, stage: str = ""):
    org = active_organisation(request)
    qs = selectors.projects_visible_to(request.user, org).order_by("-stage_on", "pk")
    return qs.filter(stage=stage) if stage else qs


class WorklistProjectIn(Schema):
    name: str = Field(max_length=200)
    investor: str = Field(max_length=200)
    member_id: Id | None = None
    brought_by: str = Field("", max_length=60)
    sector: str = Field("", max_length=60)
    region: str = Field("", max_length=60)
    amount_planned: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    event: str = Field("", max_length=200)


@router.post("/projects", response={201: WorklistProjectOut, **errors(404)}, summary="Record a project lead")
def project_create(request, payload: WorklistProjectIn):
    org = require(request, permissions.can_manage_projects)
    data = payload.dict(exclude={"member_id"})
    data["member"] = _in_org(Member, payload.member_id, org, "member_id")
    return Status(201, services.project_create(actor=request.user, organisation=org, **data))


class WorklistProjectMoveIn(WorklistVersionIn):
    action: str = Field(description="talk, sign, choose_site, build, produce or drop")
    on: dt.date | None = None
    amount_signed: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    comment: str = Field("", max_length=1000)


@router.post("/projects/{project_id}/move", response={200: WorklistProjectOut, **errors(404, 409)},
             summary="Move a project to its next stage (or drop it)")
def project_move(request, project_id: Id, payload: WorklistProjectMoveIn):
    project = selectors.project_get_for_user(request.user, active_organisation(request), project_id)
    return services.project_move(actor=request.user, project=project, action=payload.action, on=payload.on,
                                 amount_signed=payload.amount_signed, comment=payload.comment,
                                 version=payload.version)


class WorklistInvestmentFiguresOut(Schema):
    signed: int
    amount_signed: Decimal = Field(description="10,000 yuan")
    total: int
    by_stage: dict[str, int]


@router.get("/projects/figures", response={200: WorklistInvestmentFiguresOut, **errors()},
            summary="Projects signed, amount signed and projects at each stage (with the organisations below)")
def project_figures(request, include_lower: bool = True):
    from .figures import investment_totals

    org = require(request, permissions.can_view_figures)
    ids = list(org.descendants(include_self=True).values_list("pk", flat=True)) if include_lower else [org.pk]
    return investment_totals(ids)


# --- recommendations --------------------------------------------------------------------------------------------


class WorklistRecommendationOut(Schema):
    id: int
    title: str
    consultation: str
    activity_id: int | None = Field(description="The consultation of the activities app it was drafted from")
    status: str
    adopted_on: dt.date | None
    sent_to: str
    sent_on: dt.date | None
    reply: str
    replied_on: dt.date | None
    unit_id: int | None
    due_on: dt.date | None
    version: int


@router.get("/recommendations", response={200: list[WorklistRecommendationOut], **errors()},
            summary="Standing-committee recommendations (建议案)")
@paginate(PageNumbers)
def recommendations(request):
    return selectors.recommendations_visible_to(request.user, active_organisation(request))


class WorklistRecommendationIn(Schema):
    title: str = Field(max_length=200)
    text: str = Field(max_length=20000)
    consultation: str = Field("", max_length=200)
    activity_id: Id | None = Field(None, description="The consultation of the activities app it is drafted from")


@router.post("/recommendations", response={201: WorklistRecommendationOut, **errors()}, summary="Draft a recommendation")
def recommendation_create(request, payload: WorklistRecommendationIn):
    org = require(request, permissions.can_manage_recommendations)
    activity = None
    if payload.activity_id is not None:
        activity = selectors.consultations_for_recommendations(request.user, org).filter(pk=payload.activity_id).first()
        if activity is None:
            message = gettext("Not found in this organisation.")
            raise DomainError(message, errors={"activity_id": message})
    return Status(201, services.recommendation_create(actor=request.user, organisation=org, title=payload.title,
                                                      text=payload.text, consultation=payload.consultation,
                                                      activity=activity))


class WorklistRecommendationMoveIn(WorklistVersionIn):
    action: str = Field(description="adopt, send, record_reply or track")
    on: dt.date | None = None
    sent_to: str = Field("", max_length=200)
    reply: str = Field("", max_length=20000)
    unit_id: Id | None = None
    due_on: dt.date | None = None
    measures: list[PromiseIn] = Field(default_factory=list, max_length=MAX_PROMISES,
                                      description="track: the reply's measures, each an item with its date")


@router.post("/recommendations/{recommendation_id}/move", response={200: WorklistRecommendationOut, **errors(404, 409)},
             summary="Adopt, send, record the reply, track")
def recommendation_move(request, recommendation_id: Id, payload: WorklistRecommendationMoveIn):
    org = active_organisation(request)
    rec = selectors.recommendation_get_for_user(request.user, org, recommendation_id)
    return services.recommendation_move(actor=request.user, recommendation=rec, action=payload.action,
                                        version=payload.version, on=payload.on, sent_to=payload.sent_to,
                                        reply=payload.reply, unit=_in_org(HandlingUnit, payload.unit_id, org, "unit_id"),
                                        due_on=payload.due_on,
                                        measures=[(m.measure, m.due_on) for m in payload.measures])
