from .accounts import ApiToken, LoginAttempt, PasswordHistory, RoleAssignment, User
from .organisations import Body, HandlingUnit, Organisation, Sector, Session, SpecialCommittee, Term
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
