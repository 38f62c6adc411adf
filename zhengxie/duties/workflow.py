"""The states and transitions of self-reported duties and of a year's rule set."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.workflow import Transition, Workflow

from .choices import RuleSetStatus, SelfReportStatus

S = SelfReportStatus

SELF_REPORT_WORKFLOW = Workflow(
    "self_report",
    [
        Transition("update", sources=[S.SUBMITTED], target=None, label=_("Edit")),
        Transition("resubmit", sources=[S.REJECTED], target=S.SUBMITTED, label=_("Edit and submit again")),
        Transition("withdraw", sources=[S.SUBMITTED, S.REJECTED], target=S.WITHDRAWN, label=_("Withdraw")),
        Transition("confirm", sources=[S.SUBMITTED], target=S.CONFIRMED, label=_("Confirm the duty")),
        Transition("reject", sources=[S.SUBMITTED], target=S.REJECTED, label=_("Return")),
        Transition("revoke", sources=[S.CONFIRMED], target=S.REJECTED, label=_("Revoke the confirmation")),
    ],
    states=SelfReportStatus,
)

RULE_SET_WORKFLOW = Workflow(
    "rule_set",
    [
        Transition("edit", sources=[RuleSetStatus.OPEN], target=None, label=_("Edit the rules")),
        Transition("close", sources=[RuleSetStatus.OPEN], target=RuleSetStatus.CLOSED, label=_("Close the year")),
        Transition("reopen", sources=[RuleSetStatus.CLOSED], target=RuleSetStatus.OPEN, label=_("Reopen the year")),
    ],
    states=RuleSetStatus,
)
