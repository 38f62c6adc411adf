"""The work lists API of coordination groups (领导小组: their members, meetings and issues list, what each meeting
decided) and of the roll-up of the committees below (a province's cities and counties), mounted under
/api/v1/worklists/. The same selectors and services as the pages."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from zhengxie.api.common import Id, PageNumbers, Rows, Year, active_organisation, errors, require
from zhengxie.core.exceptions import DomainError, NotAllowed, NotFound

from . import permissions, selectors, services
from .choices import IssueStatus, ItemStatus

groups_router = Router(tags=["worklists"])


def _not_here(field: str):
    message = gettext("Not found in this organisation.")
    return DomainError(message, errors={field: message})


def _group(request, group_id):
    return selectors.group_get_for_user(request.user, active_organisation(request), group_id)


def _managed(request, group_id):
    """The group, for those who keep it (others who see it are refused before anything else is checked)."""
    group = _group(request, group_id)
    if not permissions.can_manage_groups(request.user, group.organisation):
        raise NotAllowed()
    return group


def _meeting(group, meeting_id):
    meeting = selectors.meetings_of(group).filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound()
    return meeting


def _activity(request, org, activity_id):
    """A meeting of the activities app that the caller may see (the same choices as the page's form)."""
    if activity_id is None:
        return None
    activity = selectors.meetings_for_groups(request.user, org).filter(pk=activity_id).first()
    if activity is None:
        raise _not_here("activity_id")
    return activity


# --- groups ------------------------------------------------------------------------------------------------------


class WorklistGroupOut(Schema):
    id: int
    name: str
    purpose: str
    members: int
    open_issues: int
    version: int


class WorklistGroupMemberOut(Schema):
    user_id: int
    name: str
    duty: str = Field(description="head, deputy, member, or the text an imported group gave")
    duty_label: str


class WorklistGroupMeetingOut(Schema):
    id: int
    title: str
    held_on: dt.date
    activity_id: int | None
    activity_title: str | None


class WorklistIssueReviewOut(Schema):
    meeting_id: int
    held_on: dt.date
    decision: str
    status: str


class WorklistGroupIssueOut(Schema):
    id: int
    title: str
    solver: str
    decision: str
    status: str
    raised_at: int | None = Field(description="The meeting that raised it")
    reviews: list[WorklistIssueReviewOut]
    version: int


class WorklistGroupEventOut(Schema):
    action: str
    actor: str | None
    data: dict
    created_at: dt.datetime


class WorklistGroupDetailOut(WorklistGroupOut):
    memberships: list[WorklistGroupMemberOut]
    meetings: list[WorklistGroupMeetingOut]
    history: list[WorklistGroupEventOut]


def _group_out(group) -> dict:
    counts = selectors.issues_of(group).order_by()
    return {
        "id": group.pk,
        "name": group.name,
        "purpose": group.purpose,
        "members": group.memberships.count(),
        "open_issues": counts.filter(status=IssueStatus.OPEN).count(),
        "version": group.version,
    }


def _meeting_out(m) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "held_on": m.held_on,
        "activity_id": m.activity_id,
        "activity_title": m.activity.title if m.activity_id else None,
    }


def _issue_out(i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "solver": i.solver,
        "decision": i.decision,
        "status": i.status,
        "raised_at": i.raised_at_id,
        "version": i.version,
        "reviews": [
            {
                "meeting_id": r.meeting_id,
                "held_on": r.meeting.held_on,
                "decision": r.decision,
                "status": r.status,
            }
            for r in i.reviews.all()
        ],
    }


def _group_detail(group) -> dict:
    return {
        **_group_out(group),
        "memberships": [
            {"user_id": m.user_id, "name": m.user.label, "duty": m.duty, "duty_label": str(m.duty_label)}
            for m in selectors.memberships_of(group)
        ],
        "meetings": [_meeting_out(m) for m in selectors.meetings_of(group)[:100]],
        "history": [
            {
                "action": e.action,
                "actor": e.actor.label if e.actor_id else None,
                "data": e.data or {},
                "created_at": e.created_at,
            }
            for e in selectors.group_history(group)[:30]
        ],
    }


@groups_router.get(
    "/groups",
    response={200: list[WorklistGroupOut], **errors()},
    summary="Coordination groups (领导小组) the caller may see",
)
@paginate(PageNumbers)
def groups(request):
    org = active_organisation(request)
    qs = selectors.groups_visible_to(request.user, org).order_by("name", "pk")
    return Rows(qs, lambda page: [_group_out(g) for g in page])


class WorklistGroupMemberIn(Schema):
    user_id: Id
    duty: str = Field("member", max_length=40, description="head, deputy, member (or a title of its own)")


class WorklistGroupIn(Schema):
    name: str = Field(max_length=100)
    purpose: str = Field("", max_length=4000)
    members: list[WorklistGroupMemberIn] = Field(default_factory=list, max_length=200)


class WorklistGroupUpdateIn(WorklistGroupIn):
    version: int | None = Field(None, description="The version you read (409 if the group changed since)")


def _members(org, members: list[WorklistGroupMemberIn]) -> list[tuple]:
    """(user, duty) pairs of people the group may have (the page's choices); anyone else is refused by field."""
    wanted = [m.user_id for m in members]
    found = {u.pk: u for u in selectors.group_candidates(org).filter(pk__in=wanted)}
    if any(pk not in found for pk in wanted):
        raise _not_here("members")
    return [(found[m.user_id], m.duty) for m in members]


@groups_router.post(
    "/groups",
    response={201: WorklistGroupDetailOut, **errors()},
    summary="Create a coordination group with its members",
)
def group_create(request, payload: WorklistGroupIn):
    org = require(request, permissions.can_manage_groups)
    group = services.group_create(
        actor=request.user,
        organisation=org,
        name=payload.name,
        purpose=payload.purpose,
        members=_members(org, payload.members),
    )
    return Status(201, _group_detail(group))


@groups_router.get(
    "/groups/{group_id}",
    response={200: WorklistGroupDetailOut, **errors(404)},
    summary="A group with its members, meetings and history",
)
def group(request, group_id: Id):
    return _group_detail(_group(request, group_id))


@groups_router.put(
    "/groups/{group_id}",
    response={200: WorklistGroupDetailOut, **errors(404, 409)},
    summary="Change a group's name, purpose and members (the list given replaces the one kept)",
)
def group_update(request, group_id: Id, payload: WorklistGroupUpdateIn):
    group = _managed(request, group_id)
    group = services.group_update(
        actor=request.user,
        group=group,
        name=payload.name,
        purpose=payload.purpose,
        members=_members(group.organisation, payload.members),
        version=payload.version,
    )
    return _group_detail(group)


@groups_router.get(
    "/groups/{group_id}/issues",
    response={200: list[WorklistGroupIssueOut], **errors(404)},
    summary="The group's issues list: the matters needing support, who solves each, what was decided",
)
@paginate(PageNumbers)
def group_issues(request, group_id: Id, status: IssueStatus | None = None):
    qs = selectors.issues_of(_group(request, group_id))
    if status:
        qs = qs.filter(status=status)
    return Rows(qs, lambda page: [_issue_out(i) for i in page])


class WorklistIssueIn(Schema):
    title: str = Field(max_length=200)
    solver: str = Field("", max_length=100)
    meeting_id: Id | None = Field(None, description="The meeting that raised it")


@groups_router.post(
    "/groups/{group_id}/issues",
    response={201: WorklistGroupIssueOut, **errors(404)},
    summary="Add a matter needing support to the issues list",
)
def issue_add(request, group_id: Id, payload: WorklistIssueIn):
    group = _managed(request, group_id)
    meeting = _meeting(group, payload.meeting_id) if payload.meeting_id else None
    issue = services.issue_add(
        actor=request.user, group=group, title=payload.title, solver=payload.solver, meeting=meeting
    )
    return Status(201, _issue_out(selectors.issues_of(group).get(pk=issue.pk)))


@groups_router.get(
    "/groups/{group_id}/meetings",
    response={200: list[WorklistGroupMeetingOut], **errors(404)},
    summary="The group's meetings, the latest first",
)
@paginate(PageNumbers)
def group_meetings(request, group_id: Id):
    return Rows(
        selectors.meetings_of(_group(request, group_id)), lambda page: [_meeting_out(m) for m in page]
    )


class WorklistMeetingIn(Schema):
    title: str = Field(max_length=120)
    held_on: dt.date
    activity_id: Id | None = Field(None, description="The meeting as the activities app has it")


@groups_router.post(
    "/groups/{group_id}/meetings",
    response={201: WorklistGroupMeetingOut, **errors(404)},
    summary="Add a meeting of the group",
)
def meeting_add(request, group_id: Id, payload: WorklistMeetingIn):
    group = _managed(request, group_id)
    meeting = services.meeting_add(
        actor=request.user,
        group=group,
        title=payload.title,
        held_on=payload.held_on,
        activity=_activity(request, group.organisation, payload.activity_id),
    )
    return Status(201, _meeting_out(meeting))


class WorklistMeetingDetailOut(WorklistGroupMeetingOut):
    issues: list[WorklistGroupIssueOut] = Field(
        description="What the meeting reviews: the open matters, and those it raised or decided on"
    )


@groups_router.get(
    "/groups/{group_id}/meetings/{meeting_id}",
    response={200: WorklistMeetingDetailOut, **errors(404)},
    summary="A meeting with the issues it reviews",
)
def meeting(request, group_id: Id, meeting_id: Id):
    group = _group(request, group_id)
    m = _meeting(group, meeting_id)
    ids = [i.pk for i in selectors.issues_for_meeting(group, m)]
    return {
        **_meeting_out(m),
        "issues": [_issue_out(i) for i in selectors.issues_of(group).filter(pk__in=ids).order_by("pk")],
    }


class WorklistMeetingLinkIn(Schema):
    activity_id: Id | None = Field(None, description="The activities app's meeting; null unlinks")


@groups_router.put(
    "/groups/{group_id}/meetings/{meeting_id}/activity",
    response={200: WorklistGroupMeetingOut, **errors(404)},
    summary="Link the meeting to the activities app's meeting where the group met (or unlink it)",
)
def meeting_link(request, group_id: Id, meeting_id: Id, payload: WorklistMeetingLinkIn):
    group = _managed(request, group_id)
    m = _meeting(group, meeting_id)
    m = services.meeting_link(
        actor=request.user, meeting=m, activity=_activity(request, group.organisation, payload.activity_id)
    )
    return _meeting_out(selectors.meetings_of(group).get(pk=m.pk))


class WorklistDecisionIn(Schema):
    issue_id: Id
    decision: str = Field(max_length=4000)
    status: IssueStatus
    solver: str | None = Field(None, max_length=100, description="Who solves it, when it changes")


class WorklistMeetingReviewIn(Schema):
    decisions: list[WorklistDecisionIn] = Field(max_length=200)


@groups_router.post(
    "/groups/{group_id}/meetings/{meeting_id}/review",
    response={200: WorklistMeetingDetailOut, **errors(404)},
    summary="Record what the meeting decided about the matters it discussed (all or nothing)",
)
def meeting_review(request, group_id: Id, meeting_id: Id, payload: WorklistMeetingReviewIn):
    group = _group(request, group_id)
    m = _meeting(group, meeting_id)
    issues = {i.pk: i for i in group.issues.filter(pk__in=[d.issue_id for d in payload.decisions])}
    if any(d.issue_id not in issues for d in payload.decisions):
        if not permissions.can_manage_groups(request.user, group.organisation):
            from zhengxie.core.exceptions import NotAllowed

            raise NotAllowed()
        raise _not_here("decisions")
    services.meeting_review(
        actor=request.user,
        meeting=m,
        decisions=[
            {"issue": issues[d.issue_id], "decision": d.decision, "status": d.status, "solver": d.solver}
            for d in payload.decisions
        ],
    )
    return meeting(request, group_id, meeting_id)


# --- the roll-up of the committees below ------------------------------------------------------------------------


class WorklistRollupFiguresOut(Schema):
    total: int
    late: int = Field(description="Closed after the deadline, or open past it")
    overdue: int
    promises_kept: int
    promises_late: int
    promises_open: int
    by_status: dict[str, int]
    projects: int
    signed: int
    signed_in_year: int
    amount_signed: Decimal = Field(description="10,000 yuan")


class WorklistRollupRowOut(WorklistRollupFiguresOut):
    organisation_id: int
    name: str
    short_name: str
    depth: int = Field(description="0: the caller's organisation; 1: the level below; …")


class WorklistRollupOut(Schema):
    year: int
    rows: list[WorklistRollupRowOut]
    totals: WorklistRollupFiguresOut | None = Field(description="The committees below added up")


def _figures(row) -> dict:
    out = {key: row[key] for key in selectors.ROLLUP_FIGURES if key not in ItemStatus.values}
    out["by_status"] = {status: row[status] for status in ItemStatus.values}
    return out


def _row_out(row) -> dict:
    org = row["organisation"]
    return {
        **_figures(row),
        "organisation_id": org.pk,
        "name": org.name,
        "short_name": org.short_name,
        "depth": row["depth"],
    }


def _year(year):
    return year or timezone.localdate().year


@groups_router.get(
    "/committees",
    response={200: WorklistRollupOut, **errors()},
    summary="The work lists' figures of the organisation and the committees below, side by side",
)
def rollup(request, year: Year | None = None):
    org = require(request, permissions.sees_all)
    rows = selectors.rollup_rows(request.user, org, year=_year(year))
    totals = selectors.rollup_totals(rows)
    return {
        "year": _year(year),
        "rows": [_row_out(r) for r in rows],
        "totals": _figures(totals) if totals else None,
    }


class WorklistRollupListOut(Schema):
    id: int
    kind: str
    kind_name: str
    year: int
    title: str
    total: int
    done: int
    overdue: int


class WorklistRollupCommitteeOut(Schema):
    row: WorklistRollupRowOut
    lists: list[WorklistRollupListOut]


@groups_router.get(
    "/committees/{org_id}",
    response={200: WorklistRollupCommitteeOut, **errors(404)},
    summary="One committee in reach: its figures and its lists with their counts",
)
def rollup_committee(request, org_id: Id, year: Year | None = None):
    org = require(request, permissions.sees_all)
    target = selectors.organisation_in_reach(request.user, org, org_id)
    row = selectors.rollup_rows(request.user, org, year=_year(year), only=target)[0]
    return {
        "row": _row_out(row),
        "lists": [
            {
                "id": w.pk,
                "kind": w.kind.key,
                "kind_name": w.kind.name,
                "year": w.year,
                "title": w.title,
                "total": w.total,
                "done": w.done,
                "overdue": w.overdue,
            }
            for w in selectors.lists_in_reach(request.user, org, target)
        ],
    }


class WorklistRollupItemOut(Schema):
    id: int
    list_id: int
    number: int
    title: str
    status: str
    progress: int
    due_on: dt.date
    overdue: bool
    leader_name: str
    responsible: str
    person_name: str
    is_commitment: bool
    last_report_at: dt.datetime | None
    last_report_text: str


def _rollup_item_out(i) -> dict:
    return {
        "id": i.pk,
        "list_id": i.work_list_id,
        "number": i.number,
        "title": i.title,
        "status": i.status,
        "progress": i.progress,
        "due_on": i.due_on,
        "overdue": i.is_overdue,
        "leader_name": i.leader_name,
        "responsible": i.responsible_label,
        "person_name": i.person_name,
        "is_commitment": i.is_commitment,
        "last_report_at": i.last_report_at,
        "last_report_text": i.last_report_text,
    }


@groups_router.get(
    "/committees/{org_id}/items",
    response={200: list[WorklistRollupItemOut], **errors(404)},
    summary="A committee's items: those of one of its lists, or else its overdue ones",
)
@paginate(PageNumbers)
def rollup_items(request, org_id: Id, list_id: Id | None = None):
    org = require(request, permissions.sees_all)
    target = selectors.organisation_in_reach(request.user, org, org_id)
    items = selectors.items_in_reach(request.user, org, target)
    if list_id is not None:
        work_list = selectors.lists_in_reach(request.user, org, target).filter(pk=list_id).first()
        if work_list is None:
            raise NotFound()
        items = items.filter(work_list=work_list).order_by("number", "pk")
    else:
        items = selectors.overdue(items)
    return Rows(items, lambda page: [_rollup_item_out(i) for i in page])
