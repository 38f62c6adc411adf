"""The states of activities and of constituents' concerns, and the transitions between them."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Transition, Workflow

from .choices import ActivityStatus as A
from .choices import ConcernStatus as C

ACTIVITY_WORKFLOW = Workflow("outreach_activity", [
    Transition("update", sources=[A.PLANNED, A.HELD], target=None, label=_("Edit")),
    Transition("record", sources=[A.PLANNED], target=A.HELD, label=_("Record as held")),
    Transition("cancel", sources=[A.PLANNED, A.HELD], target=A.CANCELLED, label=_("Cancel")),
], states=A)


CONCERN_WORKFLOW = Workflow("outreach_concern", [
    # To a place, waiting for one of its members to take it up.
    Transition("route", sources=[C.SUBMITTED, C.HANDLING], target=C.SUBMITTED, label=_("Route to a place")),
    # To a member, who handles it (a member on duty may take it up himself).
    Transition("assign", sources=[C.SUBMITTED, C.HANDLING], target=C.HANDLING, label=_("Assign to a member")),
    Transition("pass_to_unit", sources=[C.HANDLING], target=C.AT_UNIT, label=_("Pass to a handling unit")),
    Transition("unit_reply", sources=[C.AT_UNIT], target=C.HANDLING, label=_("Answer")),
    Transition("unit_return", sources=[C.AT_UNIT], target=C.HANDLING, label=_("Return as not ours")),
    Transition("note", sources=[C.SUBMITTED, C.HANDLING, C.AT_UNIT], target=None, label=_("Add a progress note")),
    Transition("close", sources=[C.HANDLING, C.AT_UNIT], target=C.CLOSED, label=_("Close with the result")),
    Transition("decline", sources=[C.SUBMITTED, C.HANDLING], target=C.DECLINED, label=_("Do not take up")),
    Transition("feedback", sources=[C.CLOSED], target=None, label=_("Give feedback")),
    Transition("reopen", sources=[C.CLOSED, C.DECLINED], target=C.HANDLING, label=_("Reopen")),
    Transition("reissue_code", sources=[C.SUBMITTED, C.HANDLING, C.AT_UNIT, C.CLOSED, C.DECLINED], target=None,
               label=_("Issue a new tracking code")),
], states=C)
