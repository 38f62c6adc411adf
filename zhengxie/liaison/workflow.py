"""The states of an item of information and of a question to a department, and the transitions between them.

An item:     draft → published → withdrawn → reopen → draft;  edit keeps the state (draft or published)
A question:  asked → answered (by the department; publicity decided by the office) ;  asked → withdrawn (by the member)
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.workflow import Transition, Workflow

from .choices import AssignmentStatus, InfoStatus, InquiryStatus, TopicStatus, VisitStatus

I = InfoStatus  # noqa: E741
INFO_WORKFLOW = Workflow("information", [
    Transition("create", sources=[""], target=I.DRAFT, label=_("Draft created")),
    Transition("edit", sources=[I.DRAFT, I.PUBLISHED], target=None, label=_("Edit")),
    Transition("attach", sources=[I.DRAFT, I.PUBLISHED], target=None, label=_("File added")),
    Transition("publish", sources=[I.DRAFT], target=I.PUBLISHED, label=pgettext_lazy("information", "Publish")),
    Transition("withdraw", sources=[I.PUBLISHED], target=I.WITHDRAWN, label=pgettext_lazy("information", "Withdraw")),
    Transition("reopen", sources=[I.WITHDRAWN], target=I.DRAFT, label=_("Back to draft")),
    Transition("link", sources=[I.PUBLISHED], target=None, label=_("Used by a proposal or report")),
    Transition("unlink", sources=[I.PUBLISHED, I.WITHDRAWN], target=None, label=_("Link removed")),
], states=InfoStatus)

Q = InquiryStatus
INQUIRY_WORKFLOW = Workflow("inquiry", [
    Transition("ask", sources=[""], target=Q.ASKED, label=_("Question asked")),
    Transition("withdraw", sources=[Q.ASKED], target=Q.WITHDRAWN, label=pgettext_lazy("inquiry", "Withdraw")),
    Transition("answer", sources=[Q.ASKED], target=Q.ANSWERED, label=pgettext_lazy("inquiry", "Answer")),
    Transition("set_public", sources=[Q.ANSWERED], target=None, label=_("Publicity of the answer")),
    Transition("remind", sources=[Q.ASKED], target=None, label=_("Reminder sent")),
], states=InquiryStatus)

T = TopicStatus
TOPIC_WORKFLOW = Workflow("topic", [
    Transition("suggest", sources=[""], target=T.SUGGESTED, label=_("Topic suggested")),
    Transition("create", sources=[""], target=T.LISTED, label=_("Topic put on the list")),
    Transition("edit", sources=[T.SUGGESTED, T.LISTED], target=None, label=_("Edit")),
    Transition("accept", sources=[T.SUGGESTED], target=T.LISTED, label=pgettext_lazy("topic", "Accept into the list")),
    Transition("decline", sources=[T.SUGGESTED], target=T.DECLINED, label=pgettext_lazy("topic", "Decline")),
    Transition("close", sources=[T.LISTED], target=T.CLOSED, label=pgettext_lazy("topic", "Take off the list")),
    Transition("reopen", sources=[T.CLOSED], target=T.LISTED, label=pgettext_lazy("topic", "Put back on the list")),
    Transition("follow", sources=[T.LISTED], target=None, label=_("Followed by a member")),
    Transition("claim", sources=[T.LISTED], target=None, label=_("Claimed by a member")),
    Transition("answer", sources=[T.LISTED, T.CLOSED], target=None, label=_("Answered by a proposal")),
], states=TopicStatus)

A = AssignmentStatus
ASSIGNMENT_WORKFLOW = Workflow("contact_assignment", [
    Transition("create", sources=[""], target=A.ACTIVE, label=_("Assignment made")),
    Transition("edit", sources=[A.ACTIVE], target=None, label=_("Edit")),
    Transition("end", sources=[A.ACTIVE], target=A.ENDED, label=pgettext_lazy("contact assignment", "End")),
    Transition("remind", sources=[A.ACTIVE], target=None, label=_("Reminder sent")),
], states=AssignmentStatus)

V = VisitStatus
VISIT_WORKFLOW = Workflow("contact_visit", [
    Transition("log", sources=[""], target=V.OPEN, label=_("Visit logged")),
    Transition("log_done", sources=[""], target=V.DONE, label=_("Visit logged")),
    Transition("follow_up", sources=[V.OPEN], target=None, label=_("Follow-up noted")),
    Transition("close", sources=[V.OPEN], target=V.DONE, label=_("Matters followed up")),
], states=VisitStatus)
