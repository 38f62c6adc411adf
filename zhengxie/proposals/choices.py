"""Choices of the proposals app, with translated labels and the badge colour the pages show."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalStatus(models.TextChoices):
    """The life of a proposal: 提 (draft → co-signing → submitted), 立 (pre-review → review → outcome),
    办 (registered → assigned → handled), 评 (replies rated → closed)."""

    DRAFT = "draft", _("Draft")
    COSIGNING = "cosigning", _("Seeking co-signers")
    SUBMITTED = "submitted", _("Awaiting pre-review")
    REVIEWING = "reviewing", _("Awaiting review")
    RETURNED = "returned", _("Returned for revision")
    CONVERSION_PENDING = "conversion_pending", _("Awaiting the proposer's consent to convert")
    REJECTED = "rejected", _("Not registered")
    MERGED = "merged", _("Merged")
    CONVERTED = "converted", _("Converted")
    REGISTERED = "registered", _("Registered, awaiting assignment")
    CONFIRMING = "confirming", _("Assignment awaiting confirmation")
    HANDLING = "handling", _("Being handled")
    EVALUATING = "evaluating", _("Reply awaiting rating")
    CLOSED = "closed", _("Closed (handled)")


STATUS_TONE = {
    ProposalStatus.DRAFT: "secondary",
    ProposalStatus.COSIGNING: "info",
    ProposalStatus.SUBMITTED: "primary",
    ProposalStatus.REVIEWING: "primary",
    ProposalStatus.RETURNED: "warning",
    ProposalStatus.CONVERSION_PENDING: "warning",
    ProposalStatus.REJECTED: "dark",
    ProposalStatus.MERGED: "dark",
    ProposalStatus.CONVERTED: "dark",
    ProposalStatus.REGISTERED: "success",
    ProposalStatus.CONFIRMING: "info",
    ProposalStatus.HANDLING: "danger",
    ProposalStatus.EVALUATING: "warning",
    ProposalStatus.CLOSED: "success",
}

#: A proposal in one of these states has been registered (立案): it has a number and counts in 办复率.
REGISTERED_STATES = frozenset(
    {
        ProposalStatus.REGISTERED,
        ProposalStatus.CONFIRMING,
        ProposalStatus.HANDLING,
        ProposalStatus.EVALUATING,
        ProposalStatus.CLOSED,
    }
)
#: The proposer may still change the text.
EDITABLE_STATES = frozenset({ProposalStatus.DRAFT, ProposalStatus.RETURNED})


class ProposalKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary-session proposal")
    INTERIM = "interim", _("Between-session proposal")


class SubmitterKind(models.TextChoices):
    MEMBER = "member", _("Member")
    COLLECTIVE = "collective", _("Collective")


class SignerRole(models.TextChoices):
    FIRST = "first", _("First proposer")
    COSIGNER = "cosigner", _("Co-signer")
    BODY = "body", _("Submitting body")
    DRAFTER = "drafter", _("Drafting member")


class SignerStatus(models.TextChoices):
    SELECTED = "selected", _("Chosen, not yet invited")
    INVITED = "invited", _("Invited to co-sign")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Did not answer in time")


class RejectionGround(models.TextChoices):
    """不予立案 grounds: a fixed list (from the CPPCC proposal rules), not a setting."""

    STATE_SECRET = "state_secret", _("Involves Party or state secrets")
    PERSONNEL = "personnel", _("Concerns personnel arrangements or appointments")
    JUDICIAL = "judicial", _("Concerns a lawsuit or a case before the courts")
    PERSONAL = "personal", _("Concerns the personal or family affairs of the proposer")
    ADVERTISING = "advertising", _("Advertises a company, product or person")
    ACADEMIC = "academic", _("Is academic research or discussion")
    EMPTY = "empty", _("Has empty content or no concrete suggestion")
    OUT_OF_SCOPE = "out_of_scope", _("Lies outside the remit of this committee")
    OTHER = "other", _("Is otherwise unsuitable as a proposal")


class ConversionTarget(models.TextChoices):
    OPINION = "opinion", _("Public-opinion report")
    LETTER = "letter", _("Member letter")


class AssignmentMode(models.TextChoices):
    SOLE = "sole", _("Single unit")
    SPLIT = "split", _("Several units, each replies")
    JOINT = "joint", _("Lead unit with co-handlers")


class TaskRole(models.TextChoices):
    SOLE = "sole", pgettext_lazy("task role", "Sole handler")
    SPLIT = "split", pgettext_lazy("task role", "Separate handler")
    LEAD = "lead", pgettext_lazy("task role", "Lead")
    CO = "co", pgettext_lazy("task role", "Co-handler")


#: The longest 案由 and 建议 (characters): a proposal speaks to one issue (一事一案); the limits also bound the
#: size and generation time of its Word and PDF.
TEXT_LIMITS = {"background": 5000, "suggestions": 5000}

#: Roles whose unit writes a reply of its own.
REPLYING_ROLES = frozenset({TaskRole.SOLE, TaskRole.SPLIT, TaskRole.LEAD})


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    HANDLING = "handling", _("Being handled")
    OBJECTED = "objected", _("Objection raised")
    COUNTERSIGNING = "countersigning", _("Awaiting countersignatures")
    SIGNOFF = "signoff", _("Awaiting the unit leader's sign-off")
    REPLIED = "replied", _("Replied, awaiting office review")
    ACCEPTED = "accepted", _("Reply accepted")
    INPUT_SENT = "input_sent", _("Input sent to the lead unit")
    COUNTERSIGNED = "countersigned", _("Countersigned")
    CANCELLED = "cancelled", _("Withdrawn from this unit")


TASK_TONE = {
    TaskStatus.PENDING: "secondary",
    TaskStatus.HANDLING: "danger",
    TaskStatus.OBJECTED: "warning",
    TaskStatus.COUNTERSIGNING: "info",
    TaskStatus.SIGNOFF: "info",
    TaskStatus.REPLIED: "primary",
    TaskStatus.ACCEPTED: "success",
    TaskStatus.INPUT_SENT: "primary",
    TaskStatus.COUNTERSIGNED: "success",
    TaskStatus.CANCELLED: "dark",
}

#: The unit still owes work (a reply or, for a co-handler, its input and countersignature).
OPEN_TASK_STATES = frozenset(
    {
        TaskStatus.HANDLING,
        TaskStatus.OBJECTED,
        TaskStatus.COUNTERSIGNING,
        TaskStatus.SIGNOFF,
        TaskStatus.INPUT_SENT,
    }
)
#: A replying unit has sent its reply to the office (counts as 已答复 for the reply rate).
REPLIED_TASK_STATES = frozenset({TaskStatus.REPLIED, TaskStatus.ACCEPTED})


class ReplyCategory(models.TextChoices):
    A = "A", _("A — solved or adopted")
    B = "B", _("B — being solved or planned")
    C = "C", _("C — kept for reference")
    D = "D", _("D — explained, cannot be done")


class ContactWay(models.TextChoices):
    VISIT = "visit", _("Face-to-face meeting")
    PHONE = "phone", _("Telephone")
    MEETING = "meeting", _("Consultation meeting")
    SITE = "site", _("Joint site visit")
    LETTER = "letter", _("Letter or message")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


SATISFACTION_TONE = {
    Satisfaction.SATISFIED: "success",
    Satisfaction.BASICALLY: "primary",
    Satisfaction.DISSATISFIED: "danger",
}


class ReplyQuality(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class KeyState(models.TextChoices):
    NONE = "", _("Not a key proposal")
    NOMINATED = "nominated", _("Nominated as a key proposal")
    APPROVED = "approved", _("Key proposal")


class SupervisionKind(models.TextChoices):
    VISIT = "visit", _("Site visit")
    MEETING = "meeting", _("Handling consultation meeting")
    INSTRUCTION = "instruction", _("Leader's instruction")
    NOTE = "note", _("Note")


class Publication(models.TextChoices):
    DEFAULT = "", _("As the organisation's setting")
    PUBLIC = "public", _("Published on the public list")
    HIDDEN = "hidden", _("Not published")


class AwardKind(models.TextChoices):
    EXCELLENT_PROPOSAL = "excellent_proposal", _("Excellent proposal")
    ADVANCED_UNIT = "advanced_unit", _("Advanced handling unit")


class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("Letter received")
    FORWARDED = "forwarded", _("Forwarded to a unit")
    ANSWERED = "answered", _("Answered")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Reply due soon")
    OVERDUE = "overdue", _("Reply overdue")
    INPUT_DUE = "input_due", _("Co-handler input overdue")
    ESCALATED = "escalated", _("Overdue reported to the office")
