"""The states of activities and of constituents' concerns, and the transitions between them."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role
from zhengxie.core.workflow import Transition, Workflow

from .choices import ActivityStatus as A
from .choices import ConcernStatus as C

ACTIVITY_WORKFLOW = Workflow("outreach_activity", [
    Transition("update", sources=[A.PLANNED, A.HELD], target=None, label=_("Edit")),
    Transition("record", sources=[A.PLANNED], target=A.HELD, label=_("Record as held")),
    Transition("cancel", sources=[A.PLANNED, A.HELD], target=A.CANCELLED, label=_("Cancel")),
], states=A)

STAFF = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.ADMINISTRATOR)
UNIT = (Role.HANDLING_UNIT, Role.UNIT_LEADER)

CONCERN_WORKFLOW = Workflow("outreach_concern", [
    # To a place, waiting for one of its members to take it up.
    Transition("route", sources=[C.SUBMITTED, C.HANDLING], target=C.SUBMITTED, label=_("Route to a place"),
               roles=(*STAFF, "lead member")),
    # To a member, who handles it (a member on duty may take it up himself).
    Transition("assign", sources=[C.SUBMITTED, C.HANDLING], target=C.HANDLING, label=_("Assign to a member"),
               roles=(*STAFF, "lead member", "member on duty")),
    Transition("pass_to_unit", sources=[C.HANDLING], target=C.AT_UNIT, label=_("Pass to a handling unit"),
               roles=(*STAFF, "member handling it")),
    Transition("unit_reply", sources=[C.AT_UNIT], target=C.HANDLING, label=_("Answer"), roles=UNIT),
    Transition("unit_return", sources=[C.AT_UNIT], target=C.HANDLING, label=_("Return as not ours"), roles=UNIT),
    Transition("note", sources=[C.SUBMITTED, C.HANDLING, C.AT_UNIT], target=None, label=_("Add a progress note"),
               roles=(*STAFF, *UNIT, "member handling it")),
    Transition("close", sources=[C.HANDLING, C.AT_UNIT], target=C.CLOSED, label=_("Close with the result"),
               roles=(*STAFF, "member handling it")),
    Transition("decline", sources=[C.SUBMITTED, C.HANDLING], target=C.DECLINED, label=_("Do not take up"),
               roles=(*STAFF, "member handling it")),
    Transition("feedback", sources=[C.CLOSED], target=None, label=_("Give feedback"),
               roles=("the person", "member handling it", *STAFF)),
    Transition("reopen", sources=[C.CLOSED, C.DECLINED], target=C.HANDLING, label=_("Reopen"), roles=STAFF),
    Transition("reissue_code", sources=[C.SUBMITTED, C.HANDLING, C.AT_UNIT, C.CLOSED, C.DECLINED], target=None,
               label=_("Issue a new tracking code"), roles=(*STAFF, "member handling it")),
], states=C)
