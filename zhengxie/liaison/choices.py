"""Choices of the liaison app: what kind of information is published (知情明政), who published it, who may read it,
and the states of an item and of a member's question to a department (知情问询)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


class InfoKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    BRIEFING = "briefing", _("Briefing")
    DATA = "data", _("Data release")


class PublisherKind(models.TextChoices):
    """Who publishes an item: a handling unit (a government department …), the Party and government offices, or the
    committee's own offices."""

    UNIT = "unit", _("Department")
    PARTY_GOV = "party_gov", _("Party/government office")
    COMMITTEE = "committee", _("The committee's offices")


class AccessLevel(models.TextChoices):
    """Who among the members may read an item (the office, its publisher and the leaders always may)."""

    ALL_MEMBERS = "all", _("All members")
    COMMITTEE = "committee", _("Members of one special committee")
    SECTOR = "sector", _("Members of one sector")
    LEADERS = "leaders", _("Leaders only")


@toned(draft="secondary", published="success", withdrawn="light")
class InfoStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("information", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("information", "Withdrawn")


@toned(asked="warning", answered="success", withdrawn="light")
class InquiryStatus(models.TextChoices):
    ASKED = "asked", _("Awaiting the answer")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", pgettext_lazy("inquiry", "Withdrawn")


# --- proposal topics (提案选题) ------------------------------------------------------------------------------------------


class TopicSource(models.TextChoices):
    """Where a suggested topic came from."""

    PRIORITIES = "priorities", _("Party and government priorities")
    DEPARTMENT = "department", pgettext_lazy("topic source", "A department")
    CONSTITUENTS = "constituents", _("Constituents' concerns")
    DELIBERATION = "deliberation", _("Online deliberation")
    OFFICE = "office", pgettext_lazy("topic source", "The committee's research")


@toned(suggested="warning", listed="success", declined="light", closed="secondary")
class TopicStatus(models.TextChoices):
    SUGGESTED = "suggested", pgettext_lazy("topic", "Suggested, to decide")
    LISTED = "listed", pgettext_lazy("topic", "On the list")
    DECLINED = "declined", pgettext_lazy("topic", "Declined")
    CLOSED = "closed", pgettext_lazy("topic", "Taken off the list")


# --- contact duties (联系制度) -------------------------------------------------------------------------------------------


class ContactKind(models.TextChoices):
    PARTY_GROUP_SECTOR = "party_group_sector", _("A Party-group member contacts a sector")
    PARTY_NON_PARTY = "party_non_party", _("A Party member contacts non-Party members")
    COMMITTEE_SECTOR = "committee_sector", _("A special committee contacts sectors")
    MEMBER_CONSTITUENTS = "member_constituents", _("A member visits the constituents of their sector")


@toned(active="success", ended="secondary")
class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("contact assignment", "In force")
    ENDED = "ended", pgettext_lazy("contact assignment", "Ended")


class VisitWay(models.TextChoices):
    VISIT = "visit", _("Visit in person")
    TALK = "talk", _("Talk (谈心谈话)")
    PHONE = "phone", _("Telephone")
    ONLINE = "online", _("Online")
    MEETING = "meeting", _("Symposium")


@toned(open="warning", done="success")
class VisitStatus(models.TextChoices):
    OPEN = "open", _("Matters being followed up")
    DONE = "done", _("Followed up")
