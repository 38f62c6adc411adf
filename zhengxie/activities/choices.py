"""Choices of the activities app, with translated labels (and a badge colour where the UI shows one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


@toned(meeting="danger", consultation="primary", inspection="success", research="info", study="warning",
       training="secondary", talk="primary", petition="danger", onsite_office="success", symposium="info",
       reading_class="warning", party_lecture="warning", three_meetings="warning")
class ActivityType(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CONSULTATION = "consultation", _("Consultation")
    INSPECTION = "inspection", _("Inspection")
    RESEARCH = "research", _("Research")
    STUDY = "study", _("Study session")
    TRAINING = "training", _("Training class")
    # Work among the people (the seed's 宣讲, 信访接待, 现场办公) and symposia (座谈会).
    TALK = "talk", _("Talk at the grassroots (宣讲)")
    PETITION = "petition", _("Receiving petitioners (信访接待)")
    ONSITE_OFFICE = "onsite_office", _("On-site office (现场办公)")
    SYMPOSIUM = "symposium", _("Symposium (座谈会)")
    # Party study of the committee's own organs (机关党建): 读书班 (one sitting a day), 党课, 三会一课.
    READING_CLASS = "reading_class", _("Reading class (读书班)")
    PARTY_LECTURE = "party_lecture", _("Party lecture (党课)")
    THREE_MEETINGS = "three_meetings", _("“Three meetings and one lecture” (三会一课)")


#: The kinds of Party study: their speakers are recorded as speeches, a reading class as one sitting a day.
PARTY_STUDY_TYPES = (ActivityType.READING_CLASS, ActivityType.PARTY_LECTURE, ActivityType.THREE_MEETINGS)
#: Activities where constituents' matters are received and helped (帮助解决困难和问题).
MATTER_TYPES = (ActivityType.TALK, ActivityType.PETITION, ActivityType.ONSITE_OFFICE, ActivityType.RESEARCH,
                ActivityType.INSPECTION, ActivityType.SYMPOSIUM)


@toned(open="warning", solved="success")
class MatterStatus(models.TextChoices):
    """A matter (困难和问题) raised at an activity: open until helped and solved."""

    OPEN = "open", pgettext_lazy("matter", "Open")
    SOLVED = "solved", pgettext_lazy("matter", "Helped and solved")


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


@toned(draft="secondary", published="primary", closed="success", cancelled="dark")
class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Notice sent")
    CLOSED = "closed", _("Attendance closed")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    LEAD = "lead", _("Leads the group")
    SPEAKER = "speaker", _("Speaker")


@toned(invited="secondary", attending="primary", declined="light", leave_requested="warning", leave_approved="info",
       leave_refused="danger")
class Response(models.TextChoices):
    """A participant's answer to the notice."""

    INVITED = "invited", _("No answer yet")
    ATTENDING = "attending", _("Will attend")
    DECLINED = "declined", _("Will not attend")
    LEAVE_REQUESTED = "leave_requested", _("Leave requested")
    LEAVE_APPROVED = "leave_approved", _("Leave approved")
    LEAVE_REFUSED = "leave_refused", _("Leave refused")


class SignInMethod(models.TextChoices):
    QR = "qr", _("QR code")
    MANUAL = "manual", _("By staff")
    REMOTE = "remote", _("Video (remote)")
    APP = "app", _("Mobile app")


@toned(attended="success", leave="info", absent="danger", none="light")
class Outcome(models.TextChoices):
    """What the attendance comes to once staff close it."""

    ATTENDED = "attended", _("Attended")
    LEAVE = "leave", _("Excused")
    ABSENT = "absent", _("Absent")
    NONE = "none", _("Not counted")


class SpeechKind(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    WRITTEN = "written", _("Written (submitted)")


class ReportKind(models.TextChoices):
    RESEARCH = "research", _("Research report")
    INSPECTION = "inspection", _("Inspection report")
    SUGGESTION = "suggestion", _("Recommendation (建议案)")
    CONSULTATION = "consultation", _("Consultation report")


@toned()
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
    JOINT = "joint", _("Members of several committees")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class ContestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("contest", "Published")
