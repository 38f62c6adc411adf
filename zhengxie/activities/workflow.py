"""The states of an activity, of a participant's answer, of an outcome report, of a deliberation topic and of
a contest, and the transitions between them. Services refuse anything that is not in these tables."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Transition, Workflow

from .choices import ActivityStatus as A
from .choices import ContestStatus as C
from .choices import MatterStatus as M
from .choices import ReportStatus as R
from .choices import Response as P
from .choices import TopicStatus as T

ACTIVITY_WORKFLOW = Workflow("activity", [
    Transition("update", sources=[A.DRAFT, A.PUBLISHED], target=None, label=_("Edit")),
    Transition("publish", sources=[A.DRAFT], target=A.PUBLISHED, label=_("Send the notice")),
    Transition("invite", sources=[A.DRAFT, A.PUBLISHED], target=None, label=_("Add participants")),
    Transition("close", sources=[A.PUBLISHED], target=A.CLOSED, label=_("Close attendance")),
    Transition("correct", sources=[A.CLOSED], target=None, label=_("Correct attendance")),
    Transition("cancel", sources=[A.DRAFT, A.PUBLISHED, A.CLOSED], target=A.CANCELLED, label=_("Cancel")),
    Transition("record_outcome", sources=[A.PUBLISHED, A.CLOSED], target=None, label=_("Record outcomes")),
], states=A)

# A participant's answer to the notice; sign-in is recorded beside it (a member on leave may still come).
RESPONSE_WORKFLOW = Workflow("participant", [
    Transition("attend", sources=[P.INVITED, P.DECLINED, P.LEAVE_REQUESTED, P.LEAVE_REFUSED, P.LEAVE_APPROVED],
               target=P.ATTENDING, label=_("Attend")),
    Transition("decline", sources=[P.INVITED, P.ATTENDING], target=P.DECLINED, label=_("Not attend")),
    Transition("request_leave", sources=[P.INVITED, P.ATTENDING, P.LEAVE_REFUSED], target=P.LEAVE_REQUESTED,
               label=_("Ask for leave")),
    Transition("approve_leave", sources=[P.LEAVE_REQUESTED], target=P.LEAVE_APPROVED, label=_("Approve leave")),
    Transition("refuse_leave", sources=[P.LEAVE_REQUESTED], target=P.LEAVE_REFUSED, label=_("Refuse leave")),
], states=P)

REPORT_WORKFLOW = Workflow("report", [
    Transition("update", sources=[R.DRAFT], target=None, label=_("Edit")),
    Transition("send", sources=[R.DRAFT, R.SENT], target=R.SENT, label=_("Send")),
    Transition("feedback", sources=[R.SENT, R.ADOPTED], target=None, label=_("Record feedback")),
    Transition("adopt", sources=[R.SENT], target=R.ADOPTED, label=_("Adopt")),
], states=R)

TOPIC_WORKFLOW = Workflow("topic", [
    Transition("update", sources=[T.DRAFT, T.PUBLISHED], target=None, label=_("Edit")),
    Transition("publish", sources=[T.DRAFT], target=T.PUBLISHED, label=_("Publish")),
    Transition("close", sources=[T.PUBLISHED], target=T.CLOSED, label=_("Close")),
    Transition("summarise", sources=[T.PUBLISHED, T.CLOSED], target=None, label=_("Compile the summary")),
], states=T)

CONTEST_WORKFLOW = Workflow("contest", [
    Transition("update", sources=[C.DRAFT], target=None, label=_("Edit")),
    Transition("publish", sources=[C.DRAFT], target=C.PUBLISHED, label=_("Publish")),
], states=C)

MATTER_WORKFLOW = Workflow("matter", [
    Transition("solve", sources=[M.OPEN], target=M.SOLVED, label=_("Record as solved")),
    Transition("reopen", sources=[M.SOLVED], target=M.OPEN, label=_("Reopen the matter")),
], states=M)
