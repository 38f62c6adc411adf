from .accounts import ApiToken, LoginAttempt, PasswordHistory, RoleAssignment, User
from .organisations import Body, HandlingUnit, Organisation, Sector, Session, SpecialCommittee, Term
from .outbox import OutboxTask
from .people import Member, Person
from .records import AppendOnlyError, Attachment, AuditEntry, Notification, TransitionRecord

__all__ = [
    "ApiToken",
    "AppendOnlyError",
    "Attachment",
    "AuditEntry",
    "Body",
    "HandlingUnit",
    "LoginAttempt",
    "Member",
    "Notification",
    "Organisation",
    "OutboxTask",
    "PasswordHistory",
    "Person",
    "RoleAssignment",
    "Session",
    "Sector",
    "SpecialCommittee",
    "Term",
    "TransitionRecord",
    "User",
]
