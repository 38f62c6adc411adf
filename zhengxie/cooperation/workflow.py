"""The states of a joint activity and the transitions between them.

A joint activity:  planned → reported (the one outcome report, seen by every organiser) ;  planned → cancelled
Keeping the state: an organiser joins, an organiser links its own activity, the report is corrected, an online
deliberation is opened to the members of the organising committees.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.workflow import Transition, Workflow

from .choices import InvitationResponse, JointStatus, PlanItemStatus

J = JointStatus
JOINT_WORKFLOW = Workflow("joint_activity", [
    Transition("create", sources=[""], target=J.PLANNED, label=_("Joint activity created")),
    Transition("add_organiser", sources=[J.PLANNED], target=None, label=_("Co-organiser added")),
    Transition("link_activity", sources=[J.PLANNED, J.REPORTED], target=None, label=_("Own activity linked")),
    Transition("report", sources=[J.PLANNED], target=J.REPORTED, label=_("Outcome reported")),
    Transition("correct_report", sources=[J.REPORTED], target=None, label=_("Outcome report corrected")),
    Transition("open_deliberation", sources=[J.PLANNED], target=None,
               label=_("Online deliberation opened to the organisers' members")),
    Transition("cancel", sources=[J.PLANNED], target=J.CANCELLED, label=pgettext_lazy("joint activity", "Cancel")),
], states=JointStatus)


P = PlanItemStatus
#: An item of an alliance's yearly plan: planned → done | dropped, and back to planned (a mistake corrected).
PLAN_ITEM_WORKFLOW = Workflow("alliance_plan_item", [
    Transition("complete", sources=[P.PLANNED, P.DROPPED], target=P.DONE, label=pgettext_lazy("plan item", "Done")),
    Transition("drop", sources=[P.PLANNED, P.DONE], target=P.DROPPED, label=pgettext_lazy("plan item", "Dropped")),
    Transition("reopen", sources=[P.DONE, P.DROPPED], target=P.PLANNED, label=_("Planned again")),
], states=PlanItemStatus)
PLAN_ITEM_ACTIONS = {P.DONE: "complete", P.DROPPED: "drop", P.PLANNED: "reopen"}

I = InvitationResponse  # noqa: E741
#: An expert's invitation: invited → accepted | declined; the expert may change the answer while the activity is open.
INVITATION_WORKFLOW = Workflow("expert_invitation", [
    Transition("accept", sources=[I.INVITED, I.DECLINED], target=I.ACCEPTED, label=_("Invitation accepted")),
    Transition("decline", sources=[I.INVITED, I.ACCEPTED], target=I.DECLINED, label=_("Invitation declined")),
], states=InvitationResponse)
