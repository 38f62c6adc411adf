"""Writes on coordination groups (领导小组): the group and its members, its meetings (linked to the activities app's
meeting when there is one), the matters needing support and what each meeting decided about them. Every write is
a row of the group's history (``GroupTransition``) and an audit entry."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed

from .. import permissions
from ..choices import IssueStatus
from ..models import (
    CoordinationGroup,
    CoordinationIssue,
    GroupMeeting,
    GroupMembership,
    GroupTransition,
    IssueReview,
)

MAX_DUTY = 40


def _required(value, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(gettext("Please correct the marked fields."), errors={field: gettext("This field is required.")})
    return value


def _record(group, action: str, *, actor, audit: str, data: dict | None = None, comment: str = ""):
    transitions.record(group, action, actor=actor, history=GroupTransition, history_for={"group": group},
                       from_state="", to_state="", audit=audit, data=data or {}, comment=comment,
                       organisation=group.organisation)


def _check_members(organisation, members) -> list[tuple]:
    """(user, duty) pairs, each user once, each one who works in the organisation (a role or a seat there)."""
    from zhengxie.core.permissions import roles_in

    seen, cleaned = set(), []
    for user, duty in members:
        if user.pk in seen:
            continue
        if not roles_in(user, organisation):
            raise NotAllowed(gettext("A member of the group must work in this organisation."))
        seen.add(user.pk)
        cleaned.append((user, (duty or "").strip()[:MAX_DUTY]))
    return cleaned


def group_create(*, actor, organisation, name: str, purpose: str = "", members=()) -> CoordinationGroup:
    """``members``: (user, duty) pairs, e.g. (the vice-chair, "组长")."""
    if not permissions.can_manage_groups(actor, organisation):
        raise NotAllowed()
    name = _required(name, "name")[:100]
    members = _check_members(organisation, members)
    with transaction.atomic():
        group = CoordinationGroup.objects.create(organisation=organisation, name=name, purpose=(purpose or "").strip())
        GroupMembership.objects.bulk_create([GroupMembership(group=group, user=u, duty=d) for u, d in members])
        _record(group, "create", actor=actor, audit="worklists.group.created",
                data={"members": [[u.pk, d] for u, d in members]})
    return group


def group_update(*, actor, group: CoordinationGroup, name: str, purpose: str = "", members=(),
                 version: int | None = None) -> CoordinationGroup:
    """The group's name, purpose and members (the list given replaces the one kept; the history says who came and
    went, and whose duty changed)."""
    name = _required(name, "name")[:100]
    with transaction.atomic():
        group = transitions.lock(CoordinationGroup, group, version=version,
                                 allowed=lambda g: permissions.can_manage_groups(actor, g.organisation))
        members = _check_members(group.organisation, members)
        before = dict(group.memberships.values_list("user_id", "duty"))
        after = {u.pk: d for u, d in members}
        changes = {}
        if name != group.name:
            changes["name"] = [group.name, name]
        if (purpose or "").strip() != group.purpose:
            changes["purpose"] = True
        added = [[pk, d] for pk, d in after.items() if pk not in before]
        removed = [pk for pk in before if pk not in after]
        duties = [[pk, before[pk], d] for pk, d in after.items() if pk in before and before[pk] != d]
        group.memberships.filter(user_id__in=removed).delete()
        GroupMembership.objects.bulk_create([GroupMembership(group=group, user=u, duty=d) for u, d in members
                                             if u.pk not in before])
        for pk, _old, duty in duties:
            group.memberships.filter(user_id=pk).update(duty=duty)
        group.name, group.purpose = name, (purpose or "").strip()
        transitions.bump(group, "name", "purpose")
        _record(group, "edit", actor=actor, audit="worklists.group.changed",
                data={**changes, "added": added, "removed": removed, "duties": duties})
    return group


def _activity_of(actor, group, activity):
    """A meeting of the activities app, of the group's organisation, that the actor may see."""
    if activity is None:
        return None
    from zhengxie.activities.selectors import activities_visible_to

    if activity.organisation_id != group.organisation_id or not activities_visible_to(
            actor, group.organisation).filter(pk=activity.pk).exists():
        raise NotAllowed()
    return activity


def meeting_add(*, actor, group: CoordinationGroup, title: str, held_on: dt.date, activity=None) -> GroupMeeting:
    if not permissions.can_manage_groups(actor, group.organisation):
        raise NotAllowed()
    title = _required(title, "title")[:120]
    if held_on is None:
        raise DomainError(gettext("Please correct the marked fields."), errors={"held_on": gettext("This field is required.")})
    activity = _activity_of(actor, group, activity)
    with transaction.atomic():
        meeting = GroupMeeting.objects.create(group=group, title=title, held_on=held_on, activity=activity)
        _record(group, "meeting", actor=actor, audit="worklists.group.meeting",
                data={"meeting": meeting.pk, "title": title, "held_on": held_on,
                      "activity": getattr(activity, "pk", None)})
    return meeting


def meeting_link(*, actor, meeting: GroupMeeting, activity) -> GroupMeeting:
    """Link (or unlink, with ``None``) the activities app's meeting where the group met."""
    group = meeting.group
    if not permissions.can_manage_groups(actor, group.organisation):
        raise NotAllowed()
    activity = _activity_of(actor, group, activity)
    with transaction.atomic():
        before = meeting.activity_id
        meeting.activity = activity
        meeting.save(update_fields=["activity"])
        _record(group, "link", actor=actor, audit="worklists.group.meeting_linked",
                data={"meeting": meeting.pk, "activity": [before, getattr(activity, "pk", None)]})
    return meeting


def issue_add(*, actor, group: CoordinationGroup, title: str, solver: str = "", meeting=None) -> CoordinationIssue:
    if not permissions.can_manage_groups(actor, group.organisation):
        raise NotAllowed()
    if meeting is not None and meeting.group_id != group.pk:
        raise NotAllowed()
    title = _required(title, "title")[:200]
    with transaction.atomic():
        issue = CoordinationIssue.objects.create(group=group, title=title, solver=(solver or "").strip()[:100],
                                                 raised_at=meeting)
        _record(group, "issue", actor=actor, audit="worklists.issue.added",
                data={"issue": issue.pk, "title": title, "meeting": getattr(meeting, "pk", None)})
    return issue


def issue_review(*, actor, issue: CoordinationIssue, meeting: GroupMeeting, decision: str, status: str,
                 solver: str | None = None) -> IssueReview:
    """What a meeting decided about one matter: who solves it, whether it is still open."""
    return meeting_review(actor=actor, meeting=meeting,
                          decisions=[{"issue": issue, "decision": decision, "status": status, "solver": solver}])[0]


def meeting_review(*, actor, meeting: GroupMeeting, decisions: list[dict]) -> list[IssueReview]:
    """A meeting reviews the issues list: for each matter it discussed (``issue``), what was decided, its status
    (still open, solved, dropped) and, when it changes, who solves it. All or nothing; one history row."""
    group = meeting.group
    if not permissions.can_manage_groups(actor, group.organisation):
        raise NotAllowed()
    errors = {}
    for entry in decisions:
        issue = entry["issue"]
        if issue.group_id != group.pk:
            raise NotAllowed()
        if entry.get("status") not in IssueStatus.values:
            errors[f"status_{issue.pk}"] = gettext("Choose from the list.")
        if not (entry.get("decision") or "").strip():
            errors[f"decision_{issue.pk}"] = gettext("Say what the meeting decided.")
    if not decisions:
        raise DomainError(gettext("Record what the meeting decided about at least one matter."))
    if errors:
        raise DomainError(gettext("Please correct the marked fields."), errors=errors)
    reviews, summary = [], []
    with transaction.atomic():
        for entry in decisions:
            issue = transitions.lock(CoordinationIssue, entry["issue"])
            decision, status = entry["decision"].strip(), entry["status"]
            review, _created = IssueReview.objects.update_or_create(
                issue=issue, meeting=meeting, defaults={"decision": decision, "status": status})
            before = issue.status
            issue.decision, issue.status = decision, status
            if entry.get("solver") is not None:
                issue.solver = entry["solver"].strip()[:100]
            transitions.bump(issue, "decision", "status", "solver")
            reviews.append(review)
            summary.append({"issue": issue.pk, "status": [before, status], "solver": issue.solver})
        _record(group, "review", actor=actor, audit="worklists.group.reviewed",
                data={"meeting": meeting.pk, "issues": summary})
    return reviews
