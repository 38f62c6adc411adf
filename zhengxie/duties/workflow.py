"""The states and transitions of self-reported duties and of a year's rule set."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import Role
from zhengxie.core.workflow import Transition, Workflow

from .choices import RuleSetStatus, SelfReportStatus

S = SelfReportStatus
KEEPERS = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.ADMINISTRATOR)

SELF_REPORT_WORKFLOW = Workflow(
    "self_report",
    [
        Transition("update", sources=[S.SUBMITTED], target=None, label=_("Edit"), roles=[Role.MEMBER]),
        Transition("resubmit", sources=[S.REJECTED], target=S.SUBMITTED, label=_("Edit and submit again"),
                   roles=[Role.MEMBER]),
        Transition("withdraw", sources=[S.SUBMITTED, S.REJECTED], target=S.WITHDRAWN, label=_("Withdraw"),
                   roles=[Role.MEMBER]),
        Transition("confirm", sources=[S.SUBMITTED], target=S.CONFIRMED, label=_("Confirm the duty"), roles=KEEPERS),
        Transition("reject", sources=[S.SUBMITTED], target=S.REJECTED, label=_("Return"), roles=KEEPERS),
        Transition("revoke", sources=[S.CONFIRMED], target=S.REJECTED, label=_("Revoke the confirmation"),
                   roles=KEEPERS),
    ],
    states=SelfReportStatus,
)

RULE_SET_WORKFLOW = Workflow(
    "rule_set",
    [
        Transition("edit", sources=[RuleSetStatus.OPEN], target=None, label=_("Edit the rules"),
                   roles=[Role.ADMINISTRATOR]),
        Transition("close", sources=[RuleSetStatus.OPEN], target=RuleSetStatus.CLOSED, label=_("Close the year"),
                   roles=[Role.ADMINISTRATOR]),
        Transition("reopen", sources=[RuleSetStatus.CLOSED], target=RuleSetStatus.OPEN, label=_("Reopen the year"),
                   roles=[Role.ADMINISTRATOR]),
    ],
    states=RuleSetStatus,
)
