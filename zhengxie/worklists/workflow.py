"""The states of a work item, a recommendation (建议案) and an investment project, and their transitions.

An item:  not_started → on_track | behind (a progress report says which; the daily task marks an overdue one
          behind) → done (closed with its outcome, confirmed) | cancelled;  done → on_track (reopened).
          Notes, report requests, reminders and escalations keep the state.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.workflow import Transition, Workflow

from .choices import ItemStatus, ProjectStage, RecommendationStatus

S = ItemStatus
OPEN = [S.NOT_STARTED, S.ON_TRACK, S.BEHIND]
ITEM_WORKFLOW = Workflow("work_item", [
    Transition("create", sources=[""], target=S.NOT_STARTED, label=_("Item created")),
    Transition("edit", sources=OPEN, target=None, label=_("Item changed")),
    Transition("report_on_track", sources=OPEN, target=S.ON_TRACK, label=_("Progress reported")),
    Transition("report_behind", sources=OPEN, target=S.BEHIND, label=_("Progress reported, behind")),
    Transition("fall_behind", sources=[S.NOT_STARTED, S.ON_TRACK], target=S.BEHIND, label=_("Overdue")),
    Transition("note", sources=[*OPEN, S.DONE], target=None, label=_("Supervision note")),
    Transition("request_report", sources=OPEN, target=None, label=_("Report requested")),
    Transition("remind", sources=OPEN, target=None, label=_("Reminder sent")),
    Transition("escalate", sources=OPEN, target=None, label=_("Escalated to the leader")),
    Transition("milestone", sources=OPEN, target=None, label=_("Milestone reached")),
    Transition("attach", sources=[*OPEN, S.DONE], target=None, label=_("File added")),
    Transition("close", sources=OPEN, target=S.DONE, label=_("Closed with its outcome")),
    Transition("cancel", sources=OPEN, target=S.CANCELLED, label=pgettext_lazy("work item", "Cancel")),
    Transition("reopen", sources=[S.DONE, S.CANCELLED], target=S.ON_TRACK, label=_("Reopened")),
], states=ItemStatus)

R = RecommendationStatus
RECOMMENDATION_WORKFLOW = Workflow("recommendation", [
    Transition("create", sources=[""], target=R.DRAFT, label=_("Drafted")),
    Transition("adopt", sources=[R.DRAFT], target=R.ADOPTED, label=_("Adopted by the standing committee")),
    Transition("send", sources=[R.ADOPTED], target=R.SENT, label=_("Sent to the Party committee and government")),
    Transition("record_reply", sources=[R.SENT], target=R.REPLIED, label=_("Reply recorded")),
    Transition("track", sources=[R.REPLIED], target=R.TRACKED, label=_("Tracked as a work item")),
], states=RecommendationStatus)

P = ProjectStage
LIVE = [P.LEAD, P.TALKS, P.SIGNED, P.SITE_CHOSEN, P.BUILDING]
PROJECT_WORKFLOW = Workflow("investment_project", [
    Transition("create", sources=[""], target=P.LEAD, label=_("Lead recorded")),
    Transition("talk", sources=[P.LEAD], target=P.TALKS, label=_("Talks started")),
    Transition("sign", sources=[P.LEAD, P.TALKS], target=P.SIGNED, label=_("Contract signed")),
    Transition("choose_site", sources=[P.TALKS, P.SIGNED], target=P.SITE_CHOSEN, label=_("Choosing a site")),
    Transition("build", sources=[P.SIGNED, P.SITE_CHOSEN], target=P.BUILDING, label=_("Construction started")),
    Transition("produce", sources=[P.BUILDING], target=P.IN_PRODUCTION, label=_("In production")),
    Transition("drop", sources=LIVE, target=P.DROPPED, label=pgettext_lazy("project", "Drop")),
], states=ProjectStage)

#: The next stage's action from each stage (the pipeline's "move on" button).
NEXT_ACTION = {P.LEAD: "talk", P.TALKS: "sign", P.SIGNED: "choose_site", P.SITE_CHOSEN: "build", P.BUILDING: "produce"}
