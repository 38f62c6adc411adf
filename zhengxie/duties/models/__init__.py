"""Tables of the duties app: the ledger, the rules that score it, the scores, and what members and staff add."""

from .ledger import DutyEvent, DutyEventQuerySet
from .records import DutyStatement, ManualEntry, Reminder, SelfReport, SelfReportHistory
from .rules import Requirement, Rule, RuleSection, RuleSet, RuleSetHistory, ScoreBand
from .scores import Score

__all__ = [
    "DutyEvent",
    "DutyEventQuerySet",
    "DutyStatement",
    "ManualEntry",
    "Reminder",
    "Requirement",
    "Rule",
    "RuleSection",
    "RuleSet",
    "RuleSetHistory",
    "Score",
    "ScoreBand",
    "SelfReport",
    "SelfReportHistory",
]
