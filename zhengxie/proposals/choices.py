"""Choices of the proposals app, with translated labels and the badge colour the pages show."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


@toned(
    draft="secondary",
    cosigning="info",
    submitted="primary",
    reviewing="primary",
    returned="warning",
    conversion_pending="warning",
    rejected="dark",
    merged="dark",
    converted="dark",
    registered="success",
    confirming="info",
    handling="danger",
    evaluating="warning",
    closed="success",
)
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
    COMMITTEE = "committee", _("Committees (joint proposal)")


class SignerRole(models.TextChoices):
    FIRST = "first", _("First proposer")
    COSIGNER = "cosigner", _("Co-signer")
    BODY = "body", _("Submitting body")
    DRAFTER = "drafter", _("Drafting member")
    COMMITTEE = "committee", _("Co-proposing committee")


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


@toned(
    pending="secondary",
    handling="danger",
    objected="warning",
    countersigning="info",
    signoff="info",
    replied="primary",
    accepted="success",
    input_sent="primary",
    countersigned="success",
    cancelled="dark",
)
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


@toned(satisfied="success", basically="primary", dissatisfied="danger")
class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


#: The three parts of a split rating, in the order the form asks them.
RATING_PARTS = ("attitude", "communication", "result")


def overall_satisfaction(attitude: str, communication: str, result: str) -> str:
    """The overall rating of a split one: 不满意 when the result (办理结果) is unsatisfactory, whatever the rest;
    满意 when all three parts are satisfactory; 基本满意 otherwise. Three equal parts give that same value."""
    if result == Satisfaction.DISSATISFIED:
        return Satisfaction.DISSATISFIED
    if attitude == communication == result == Satisfaction.SATISFIED:
        return Satisfaction.SATISFIED
    return Satisfaction.BASICALLY


class ReplyQuality(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


@toned(nominated="warning", approved="danger")
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


class Disclosure(models.TextChoices):
    """公开属性 of a reply letter, as the unit marks it."""

    PUBLIC = "public", _("Public")
    ON_REQUEST = "on_request", _("Disclosed on request")
    NOT_PUBLIC = "not_public", _("Not public")


class AwardKind(models.TextChoices):
    EXCELLENT_PROPOSAL = "excellent_proposal", _("Excellent proposal")
    ADVANCED_UNIT = "advanced_unit", _("Advanced handling unit")


@toned()
class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("Letter received")
    FORWARDED = "forwarded", _("Forwarded to a unit")
    ANSWERED = "answered", _("Answered")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Reply due soon")
    OVERDUE = "overdue", _("Reply overdue")
    INPUT_DUE = "input_due", _("Co-handler input overdue")
    ESCALATED = "escalated", _("Overdue reported to the office")
    MANUAL = "manual", _("Reminder sent by the office")


# --- joint proposals of committees (联合提案) --------------------------------------------------------------------


@toned(draft="secondary", cosigning="info", sent="primary", received="success", registered="success",
       not_registered="danger")
class JointStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("joint proposal", "Draft")
    COSIGNING = "cosigning", pgettext_lazy("joint proposal", "Co-signing by the committees")
    SENT = "sent", pgettext_lazy("joint proposal", "Sent to the higher committee")
    RECEIVED = "received", pgettext_lazy("joint proposal", "Received by the higher committee")
    REGISTERED = "registered", pgettext_lazy("joint proposal", "Registered (recorded)")
    NOT_REGISTERED = "not_registered", pgettext_lazy("joint proposal", "Not registered (recorded)")


@toned(selected="secondary", invited="info", confirmed="success", declined="danger", recorded="success")
class JointSignerStatus(models.TextChoices):
    SELECTED = "selected", pgettext_lazy("joint proposal", "Chosen, not yet invited")
    INVITED = "invited", pgettext_lazy("joint proposal", "Invited to co-sign")
    CONFIRMED = "confirmed", pgettext_lazy("joint proposal", "Confirmed by its office")
    DECLINED = "declined", pgettext_lazy("joint proposal", "Declined")
    RECORDED = "recorded", pgettext_lazy("joint proposal", "Signed outside the platform (recorded by the office)")


#: A joint proposal whose outcome is known: registered by a committee of the deployment or recorded as registered.
JOINT_OUTSIDE_OUTCOMES = (JointStatus.REGISTERED, JointStatus.NOT_REGISTERED)
#: Signatures that stand.
JOINT_COUNTING = (JointSignerStatus.CONFIRMED, JointSignerStatus.RECORDED)
