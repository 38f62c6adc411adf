"""The states of a report at one level and of a bulletin issue, and the transitions between them.

A report:   received → accepted → edited → in_bulletin → published (when its issue is signed off) → forward
            received/accepted/edited → not_used (with a reason) → reopen → received
            received → withdrawn (by the author, before the office handles it)
An issue:   draft → pending → (each review step of the organisation's setting) → signed_off → sent;
            pending → draft (returned by a reviewer or the leader)
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.workflow import Transition, Workflow

from .choices import BulletinStatus, ReportStatus

S = ReportStatus
REPORT_WORKFLOW = Workflow("report", [
    Transition("submit", sources=[""], target=S.RECEIVED, label=_("Submit")),
    Transition("amend", sources=[S.RECEIVED], target=None, label=_("Amend")),
    Transition("withdraw", sources=[S.RECEIVED], target=S.WITHDRAWN, label=_("Withdraw")),
    Transition("accept", sources=[S.RECEIVED], target=S.ACCEPTED, label=_("Accept for editing")),
    Transition("not_use", sources=[S.RECEIVED, S.ACCEPTED, S.EDITED], target=S.NOT_USED, label=_("Do not use")),
    Transition("reopen", sources=[S.NOT_USED], target=S.RECEIVED, label=_("Reconsider")),
    Transition("edit", sources=[S.ACCEPTED, S.EDITED], target=S.EDITED, label=_("Edit")),
    # Corrections to a report already placed in an issue that is not signed off yet.
    Transition("revise", sources=[S.IN_BULLETIN], target=None, label=_("Edit")),
    Transition("place", sources=[S.EDITED], target=S.IN_BULLETIN, label=_("Place in a bulletin issue")),
    Transition("unplace", sources=[S.IN_BULLETIN], target=S.EDITED, label=_("Take out of the issue")),
    Transition("publish", sources=[S.IN_BULLETIN], target=S.PUBLISHED, label=pgettext_lazy("bulletin", "Publish")),
    Transition("forward", sources=[S.PUBLISHED], target=None, label=_("Forward to the level above")),
    Transition("record_feedback", sources=[S.PUBLISHED], target=None, label=_("Record feedback")),
], states=ReportStatus)

B = BulletinStatus
BULLETIN_WORKFLOW = Workflow("bulletin", [
    Transition("create", sources=[""], target=B.DRAFT, label=_("New issue")),
    Transition("compose", sources=[B.DRAFT], target=None, label=_("Change the contents")),
    Transition("delete", sources=[B.DRAFT], target=None, label=_("Delete")),
    Transition("submit", sources=[B.DRAFT], target=B.PENDING, label=_("Submit for sign-off")),
    Transition("review", sources=[B.PENDING], target=None, label=pgettext_lazy("bulletin", "Review")),
    Transition("return", sources=[B.PENDING], target=B.DRAFT, label=_("Return for changes")),
    Transition("sign_off", sources=[B.PENDING], target=B.SIGNED_OFF, label=_("Sign off")),
    Transition("send", sources=[B.SIGNED_OFF], target=B.SENT, label=_("Send")),
], states=BulletinStatus)
