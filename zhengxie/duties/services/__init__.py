"""Every write of the duties app. Other apps use the ledger:

    record_duty_event(member=seat, kind=DutyEventKind.PROPOSAL_REGISTERED, source=proposal,
                      occurred_at=proposal.registered_at, attributes={"role": "first", "signers": 3})
    retract_duty_events(source=proposal, reason="withdrawn")

The rest (rule sets, self-reported duties, manual entries, the yearly self-report, reminders) are this app's
own workflow steps, each ``<entity>_<verb>(*, actor, …)``.
"""

from .ledger import duty_events_changed, record_duty_event, record_duty_events_bulk, retract_duty_events
from .records import (
    manual_entry_add,
    manual_entry_retract,
    self_report_confirm,
    self_report_reject,
    self_report_revoke,
    self_report_submit,
    self_report_update,
    self_report_withdraw,
    statement_save,
)
from .reminders import attendance_warnings_send, requirement_reminders_send
from .rules import (
    requirement_delete,
    requirement_save,
    rule_delete,
    rule_move,
    rule_save,
    rule_set_close,
    rule_set_create,
    rule_set_delete,
    rule_set_recompute,
    rule_set_reopen,
    rule_set_update,
)

__all__ = [
    "attendance_warnings_send",
    "duty_events_changed",
    "manual_entry_add",
    "manual_entry_retract",
    "record_duty_event",
    "record_duty_events_bulk",
    "requirement_delete",
    "requirement_reminders_send",
    "requirement_save",
    "retract_duty_events",
    "rule_delete",
    "rule_move",
    "rule_save",
    "rule_set_close",
    "rule_set_create",
    "rule_set_delete",
    "rule_set_recompute",
    "rule_set_reopen",
    "rule_set_update",
    "self_report_confirm",
    "self_report_reject",
    "self_report_revoke",
    "self_report_submit",
    "self_report_update",
    "self_report_withdraw",
    "statement_save",
]
