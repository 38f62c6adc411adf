"""Matters (困难和问题) raised at an activity and helped to a solution: recorded, solved, reopened. A solved matter
counts for the member who helped (CONCERN_HANDLED, with the activity's type), and in the figure "matters helped and
solved" (帮助解决困难和问题)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..models import Activity, ActivityEvent, Matter
from ..workflow import ACTIVITY_WORKFLOW, MATTER_WORKFLOW


def _move(matter, action, *, actor, fields=(), comment="", audit):
    return transitions.transition(matter, action, workflow=MATTER_WORKFLOW, actor=actor,
                                  allowed=permissions.can_manage_activity(actor, matter.activity),
                                  history=ActivityEvent, history_for={"activity": matter.activity}, audit=audit,
                                  fields=fields, comment=comment, data={"matter": matter.pk},
                                  organisation=matter.organisation)


def matter_record(*, actor, activity: Activity, description: str, raised_by: str = "", member=None) -> Matter:
    """Record a matter raised at ``activity`` (a talk, a reception of petitioners, an on-site office…)."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    ACTIVITY_WORKFLOW.target("record_outcome", activity.status)
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Say what the matter is."), errors={"description": gettext("This field is required.")})
    if member is not None and member.organisation_id != activity.organisation_id:
        raise DomainError(_("The member who helped must belong to this organisation."),
                          errors={"member": gettext("Not found.")})
    with transaction.atomic():
        matter = Matter.objects.create(organisation=activity.organisation, activity=activity,
                                       description=description[:300], raised_by=(raised_by or "").strip()[:60],
                                       member=member, created_by=actor)
        transitions.record(matter, "matter", actor=actor, history=ActivityEvent, history_for={"activity": activity},
                           from_state=activity.status, to_state=activity.status, audit="activities.matter.recorded",
                           data={"matter": matter.pk}, organisation=activity.organisation, audit_obj=matter)
    return matter


def matter_solve(*, actor, matter: Matter, result: str, version: int | None = None) -> Matter:
    """The matter was helped and solved: how, and the member who helped earns it in the duty record."""
    result = (result or "").strip()
    if not result:
        raise DomainError(_("Say how the matter was solved."), errors={"result": gettext("This field is required.")})
    with transaction.atomic():
        matter = transitions.lock(Matter, matter, version=version)
        matter.result, matter.solved_at = result, timezone.now()
        _move(matter, "solve", actor=actor, fields=["result", "solved_at"], audit="activities.matter.solved")
        if matter.member_id:
            record_duty_event(member=matter.member, kind=DutyEventKind.CONCERN_HANDLED, source=matter,
                              occurred_at=matter.solved_at, title=matter.description, actor=actor,
                              attributes={"activity_type": matter.activity.type, "matter": True})
    return matter


def matter_reopen(*, actor, matter: Matter, comment: str = "", version: int | None = None) -> Matter:
    with transaction.atomic():
        matter = transitions.lock(Matter, matter, version=version)
        matter.solved_at = None
        _move(matter, "reopen", actor=actor, fields=["solved_at"], comment=comment, audit="activities.matter.reopened")
        retract_duty_events(source=matter, reason="matter reopened")
    return matter
