"""Choices of the activities app, with translated labels (and a badge colour where the UI shows one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivityType(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CONSULTATION = "consultation", _("Consultation")
    INSPECTION = "inspection", _("Inspection")
    RESEARCH = "research", _("Research")
    STUDY = "study", _("Study session")
    TRAINING = "training", _("Training class")


TYPE_COLOURS = {
    ActivityType.MEETING: "danger",
    ActivityType.CONSULTATION: "primary",
    ActivityType.INSPECTION: "success",
    ActivityType.RESEARCH: "info",
    ActivityType.STUDY: "warning",
    ActivityType.TRAINING: "secondary",
}


class MeetingType(models.TextChoices):
    """The values are the duty ledger's ``meeting_type`` attribute."""

    PLENARY = "plenary", _("Plenary session")
    STANDING = "standing", _("Standing committee meeting")
    CHAIR = "chair", _("Chair's council")
    COMMITTEE = "committee", _("Special committee meeting")
    OTHER = "other", _("Other meeting")


class ConsultationType(models.TextChoices):
    TOPIC = "topic", _("Thematic consultation")
    COUNTERPART = "counterpart", _("Counterpart consultation")
    SECTOR = "sector", _("Sector consultation")
    PROPOSAL = "proposal", _("Consultation on proposal handling")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Notice sent")
    CLOSED = "closed", _("Attendance closed")
    CANCELLED = "cancelled", _("Cancelled")


STATUS_COLOURS = {
    ActivityStatus.DRAFT: "secondary",
    ActivityStatus.PUBLISHED: "primary",
    ActivityStatus.CLOSED: "success",
    ActivityStatus.CANCELLED: "dark",
}


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    LEAD = "lead", _("Leads the group")
    SPEAKER = "speaker", _("Speaker")


class Response(models.TextChoices):
    """A participant's answer to the notice."""

    INVITED = "invited", _("No answer yet")
    ATTENDING = "attending", _("Will attend")
    DECLINED = "declined", _("Will not attend")
    LEAVE_REQUESTED = "leave_requested", _("Leave requested")
    LEAVE_APPROVED = "leave_approved", _("Leave approved")
    LEAVE_REFUSED = "leave_refused", _("Leave refused")


RESPONSE_COLOURS = {
    Response.INVITED: "secondary",
    Response.ATTENDING: "primary",
    Response.DECLINED: "light",
    Response.LEAVE_REQUESTED: "warning",
    Response.LEAVE_APPROVED: "info",
    Response.LEAVE_REFUSED: "danger",
}


class SignInMethod(models.TextChoices):
    QR = "qr", _("QR code")
    MANUAL = "manual", _("By staff")
    REMOTE = "remote", _("Video (remote)")
    APP = "app", _("Mobile app")


class Outcome(models.TextChoices):
    """What the attendance comes to once staff close it."""

    ATTENDED = "attended", _("Attended")
    LEAVE = "leave", _("Excused")
    ABSENT = "absent", _("Absent")
    NONE = "none", _("Not counted")


OUTCOME_COLOURS = {Outcome.ATTENDED: "success", Outcome.LEAVE: "info", Outcome.ABSENT: "danger", Outcome.NONE: "light"}


class SpeechKind(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    WRITTEN = "written", _("Written (submitted)")


class ReportKind(models.TextChoices):
    RESEARCH = "research", _("Research report")
    INSPECTION = "inspection", _("Inspection report")
    SUGGESTION = "suggestion", _("Recommendation (建议案)")
    CONSULTATION = "consultation", _("Consultation report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ADOPTED = "adopted", _("Adopted")


class InstructionLevel(models.TextChoices):
    COUNTY = "county", _("County leader")
    CITY = "city", _("City leader")
    PROVINCE = "province", _("Provincial leader")
    CENTRAL = "central", _("Central leader")


class PlanKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation plan")
    INSPECTION_RESEARCH = "inspection_research", _("Inspection and research plan")


class TopicStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("topic", "Published")
    CLOSED = "closed", pgettext_lazy("topic", "Closed")


class TopicScope(models.TextChoices):
    ALL = "all", _("All members")
    SECTOR = "sector", _("One sector")
    COMMITTEE = "committee", _("One special committee")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class ContestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("contest", "Published")
