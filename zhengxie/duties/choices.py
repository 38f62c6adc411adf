"""Kinds of duty events (履职事件). Every app records its members' acts with one of these kinds.

The attributes a kind carries (``DutyEvent.attributes``) let the rules of an organisation score it:

- proposal_*: ``role`` = "first" | "cosigner" | "collective"; ``signers`` = number of confirmed signers
- opinion_adopted_* / opinion_instructed_*: the level is in the kind; ``by`` = "local" | "upper" | "media"
- meeting_*: ``meeting_type`` = "plenary" | "standing" | "chair" | "committee" | "other"
- activity kinds: ``activity_type`` as in the activities app; ``minutes`` when partial
- outreach_activity: ``activity_type`` = "talk" | "consultation" | "reception" | "visit"
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


class DutyCategory(models.TextChoices):
    PROPOSAL = "proposal", _("Proposals")
    OPINION = "opinion", _("Public-opinion reports")
    MEETING = "meeting", _("Meetings")
    ACTIVITY = "activity", _("Inspections, research and consultations")
    STUDY = "study", _("Study and training")
    SPEECH = "speech", _("Speeches")
    DELIBERATION = "deliberation", _("Online deliberation")
    OUTREACH = "outreach", _("Contact with the public")
    OTHER = "other", _("Other duties")


class DutyEventKind(models.TextChoices):
    # 提案
    PROPOSAL_SUBMITTED = "proposal_submitted", _("Submitted a proposal")
    PROPOSAL_REGISTERED = "proposal_registered", _("Proposal registered")
    PROPOSAL_KEY = "proposal_key", _("Proposal chosen as a key proposal")
    PROPOSAL_EXCELLENT = "proposal_excellent", _("Proposal rated excellent")
    PROPOSAL_RATED = "proposal_rated", _("Rated the reply to a proposal")
    # 社情民意
    OPINION_SUBMITTED = "opinion_submitted", _("Submitted a public-opinion report")
    OPINION_ADOPTED_COUNTY = "opinion_adopted_county", _("Report adopted at county level")
    OPINION_ADOPTED_CITY = "opinion_adopted_city", _("Report adopted at city level")
    OPINION_ADOPTED_PROVINCE = "opinion_adopted_province", _("Report adopted at provincial level")
    OPINION_ADOPTED_NATIONAL = "opinion_adopted_national", _("Report adopted by the national committee")
    OPINION_ADOPTED_MEDIA = "opinion_adopted_media", _("Report used by the media")
    OPINION_INSTRUCTED_COUNTY = "opinion_instructed_county", _("Report instructed by a county leader")
    OPINION_INSTRUCTED_CITY = "opinion_instructed_city", _("Report instructed by a city leader")
    OPINION_INSTRUCTED_PROVINCE = "opinion_instructed_province", _("Report instructed by a provincial leader")
    OPINION_INSTRUCTED_CENTRAL = "opinion_instructed_central", _("Report instructed by a central leader")
    # 会议
    MEETING_ATTENDED = "meeting_attended", _("Attended a meeting")
    MEETING_LEAVE = "meeting_leave", _("Excused from a meeting")
    MEETING_ABSENT = "meeting_absent", _("Absent from a meeting without leave")
    MEETING_LATE = "meeting_late", _("Arrived late")
    MEETING_LEFT_EARLY = "meeting_left_early", _("Left early")
    SPEECH_DELIVERED = "speech_delivered", _("Delivered a speech")
    SPEECH_SUBMITTED = "speech_submitted", _("Submitted a written speech")
    # 协商、视察、调研、学习
    CONSULTATION_ATTENDED = "consultation_attended", _("Took part in a consultation")
    INSPECTION_ATTENDED = "inspection_attended", _("Took part in an inspection")
    RESEARCH_ATTENDED = "research_attended", _("Took part in research")
    STUDY_ATTENDED = "study_attended", _("Attended a study session")
    TRAINING_ATTENDED = "training_attended", _("Attended training")
    SUGGESTION_ADOPTED = "suggestion_adopted", _("Suggestion in an adopted outcome report")
    DELIBERATION_POSTED = "deliberation_posted", _("Posted in an online deliberation")
    CONTEST_TAKEN = "contest_taken", _("Took part in a knowledge contest")
    # 联系群众
    OUTREACH_ACTIVITY = "outreach_activity", _("Activity at a studio or workstation")
    CONCERN_HANDLED = "concern_handled", _("Handled a constituent's concern")
    CONTACT_VISIT = "contact_visit", _("Visited or talked with a contact under a contact duty")
    # 招商引资
    INVESTMENT_SIGNED = "investment_signed", _("Brought an investment project that was signed")
    # 其他
    SELF_REPORTED = "self_reported", _("Self-reported duty (confirmed)")
    MANUAL = "manual", _("Added by staff")


KIND_CATEGORY = {
    **{k: DutyCategory.PROPOSAL for k in DutyEventKind if k.startswith("proposal_")},
    **{k: DutyCategory.OPINION for k in DutyEventKind if k.startswith("opinion_")},
    **{k: DutyCategory.MEETING for k in DutyEventKind if k.startswith("meeting_")},
    DutyEventKind.SPEECH_DELIVERED: DutyCategory.SPEECH,
    DutyEventKind.SPEECH_SUBMITTED: DutyCategory.SPEECH,
    DutyEventKind.CONSULTATION_ATTENDED: DutyCategory.ACTIVITY,
    DutyEventKind.INSPECTION_ATTENDED: DutyCategory.ACTIVITY,
    DutyEventKind.RESEARCH_ATTENDED: DutyCategory.ACTIVITY,
    DutyEventKind.SUGGESTION_ADOPTED: DutyCategory.ACTIVITY,
    DutyEventKind.STUDY_ATTENDED: DutyCategory.STUDY,
    DutyEventKind.TRAINING_ATTENDED: DutyCategory.STUDY,
    DutyEventKind.CONTEST_TAKEN: DutyCategory.STUDY,
    DutyEventKind.DELIBERATION_POSTED: DutyCategory.DELIBERATION,
    DutyEventKind.OUTREACH_ACTIVITY: DutyCategory.OUTREACH,
    DutyEventKind.CONCERN_HANDLED: DutyCategory.OUTREACH,
    DutyEventKind.CONTACT_VISIT: DutyCategory.OUTREACH,
    DutyEventKind.INVESTMENT_SIGNED: DutyCategory.ACTIVITY,
    DutyEventKind.SELF_REPORTED: DutyCategory.OTHER,
    DutyEventKind.MANUAL: DutyCategory.OTHER,
}


class MeetingType(models.TextChoices):
    """The ``meeting_type`` attribute of meeting_* events."""

    PLENARY = "plenary", _("Plenary session")
    STANDING = "standing", _("Standing committee meeting")
    CHAIR = "chair", _("Chair's council")
    COMMITTEE = "committee", _("Special committee meeting")
    OTHER = "other", _("Other meeting")


class ProposerRole(models.TextChoices):
    """The ``role`` attribute of proposal_* events."""

    FIRST = "first", _("First proposer")
    COSIGNER = "cosigner", _("Co-signer")
    COLLECTIVE = "collective", _("Collective proposal")


class AdoptedBy(models.TextChoices):
    """The ``by`` attribute of opinion_adopted_* and opinion_instructed_* events."""

    LOCAL = "local", _("Local Party committee or government")
    UPPER = "upper", _("Higher-level CPPCC")
    MEDIA = "media", _("Media")


class RuleMode(models.TextChoices):
    FIXED = "fixed", _("The same points for every event")
    JOINT = "joint", _("Shared among the signers of a joint proposal")
    RECORDED = "recorded", _("The points staff recorded with the event")


@toned(open="success", closed="secondary")
class RuleSetStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("evaluation year", "Open")
    CLOSED = "closed", _("Closed (scores frozen)")


class BandTone(models.TextChoices):
    SUCCESS = "success", _("Green")
    PRIMARY = "primary", _("Blue")
    WARNING = "warning", _("Amber")
    DANGER = "danger", _("Red")


class SelfReportType(models.TextChoices):
    """What a member reports doing on their own (the ``report_type`` attribute of self_reported events)."""

    RESEARCH = "research", _("Research or field visit")
    TALK = "talk", _("Policy talk")
    RECEPTION = "reception", _("Receiving constituents")
    CONSULTATION = "consultation", _("Grassroots consultation")
    SERVICE = "service", _("Public service or charity")
    OTHER = "other", _("Other duty")


@toned(submitted="warning", confirmed="success", rejected="danger", withdrawn="secondary")
class SelfReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReminderKind(models.TextChoices):
    REQUIREMENTS = "requirements", _("The “three ones” minimum")
    ATTENDANCE = "attendance", _("Attendance warning")


#: What each rule-set history entry records.
RULE_SET_CHANGES = {
    "create": _("Rules created"),
    "updated": _("Totals, categories or bands changed"),
    "rule_saved": _("Rule saved"),
    "rule_deleted": _("Rule deleted"),
    "rule_moved": _("Rule moved"),
    "requirement_saved": _("Requirement saved"),
    "requirement_deleted": _("Requirement deleted"),
    "close": _("Year closed"),
    "reopen": _("Year reopened"),
}
