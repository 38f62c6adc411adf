"""Choices of the work lists app: the state of an item, how often it reports, the stages of an investment project,
the states of a standing-committee recommendation (建议案) and of a coordination issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


@toned(not_started="secondary", on_track="primary", behind="warning", done="success", cancelled="light")
class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    DONE = "done", pgettext_lazy("work item", "Done")
    CANCELLED = "cancelled", pgettext_lazy("work item", "Cancelled")


#: States in which an item is still being worked on.
OPEN_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.ON_TRACK, ItemStatus.BEHIND)


class Cadence(models.TextChoices):
    """How often the person in charge reports progress."""

    NONE = "none", _("When something changes")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


#: Months between two reports of each cadence.
CADENCE_MONTHS = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3}


class SourceKind(models.TextChoices):
    """Where an item comes from (what its source link points at)."""

    NONE = "", _("Entered by the office")
    PROPOSAL_REPLY = "proposal_reply", _("Promise in a proposal's reply")
    CONSULTATION = "consultation", _("Adopted consultation outcome")
    RECOMMENDATION = "recommendation", _("Standing-committee recommendation")
    PLAN = "plan", _("Consultation plan item")


@toned(lead="secondary", talks="info", signed="primary", site_chosen="primary", building="warning",
       in_production="success", dropped="light")
class ProjectStage(models.TextChoices):
    """招商引资: the stages of an investment project."""

    LEAD = "lead", pgettext_lazy("project", "Lead")
    TALKS = "talks", _("In talks")
    SIGNED = "signed", _("Signed")
    SITE_CHOSEN = "site_chosen", _("Choosing a site")
    BUILDING = "building", _("Being built")
    IN_PRODUCTION = "in_production", _("In production")
    DROPPED = "dropped", _("Dropped")




@toned(draft="secondary", adopted="info", sent="primary", replied="warning", tracked="success")
class RecommendationStatus(models.TextChoices):
    """建议案: drafted from a consultation, adopted by the standing committee, sent, replied to, tracked."""

    DRAFT = "draft", _("Being drafted")
    ADOPTED = "adopted", _("Adopted by the standing committee")
    SENT = "sent", _("Sent to the Party committee and government")
    REPLIED = "replied", _("Replied")
    TRACKED = "tracked", _("Being tracked")


@toned(open="warning", solved="success", dropped="light")
class IssueStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("issue", "Open")
    SOLVED = "solved", _("Solved")
    DROPPED = "dropped", pgettext_lazy("issue", "Dropped")


class GroupDuty(models.TextChoices):
    """A member's place in a coordination group (the duty is kept as text: an imported group may say anything)."""

    HEAD = "head", pgettext_lazy("group", "Head (组长)")
    DEPUTY = "deputy", pgettext_lazy("group", "Deputy head (副组长)")
    MEMBER = "member", pgettext_lazy("group", "Member (成员)")


#: The kinds of list an organisation starts with (data: the office renames, adds and hides them).
DEFAULT_KINDS = [
    ("key_tasks", _("Key work tasks")),
    ("key_proposals", _("Key proposals")),
    ("consultation_plan", _("Consultation plan")),
    ("recommendations", _("Standing-committee recommendations")),
    ("coordination", _("Coordination issues")),
    ("investment", _("Investment projects")),
    ("commitments", _("Promises in replies")),
]
