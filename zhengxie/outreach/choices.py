"""Choices of the outreach app (委员联系界别群众): kinds of places, activities and the states of concerns."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


@toned(workstation="danger", studio="primary", room="success")
class PlaceKind(models.TextChoices):
    WORKSTATION = "workstation", _("Member workstation")  # 委员工作站 (township/street, three-in-one)
    STUDIO = "studio", _("Member studio")  # 委员工作室
    ROOM = "room", _("Grassroots consultation room")  # 基层协商议事室 (village/community)


class PlaceLevel(models.TextChoices):
    """The administrative level a place sits at, from its address."""

    PROVINCE = "province", _("Provincial level")
    CITY = "city", _("City level")
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township/street level")
    VILLAGE = "village", _("Village/community level")


class StudioBasis(models.TextChoices):
    """What a member studio is organised around."""

    SECTOR = "sector", _("By sector")
    THEME = "theme", _("By theme")
    MEMBER = "member", _("By member")


#: The "five haves" (五有) a place is checked against: (field name, label).
FIVE_HAVES = [
    ("has_site", pgettext_lazy("five haves", "Site")),
    ("has_people", pgettext_lazy("five haves", "People")),
    ("has_mechanism", pgettext_lazy("five haves", "Mechanism")),
    ("has_rules", pgettext_lazy("five haves", "Rules")),
    ("has_equipment", pgettext_lazy("five haves", "Equipment")),
]


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class Period(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    ALL_DAY = "all_day", _("All day")


class ActivityKind(models.TextChoices):
    """Matches the ``activity_type`` attribute of DutyEventKind.OUTREACH_ACTIVITY."""

    TALK = "talk", pgettext_lazy("outreach", "Talk")  # 宣讲
    CONSULTATION = "consultation", pgettext_lazy("outreach", "Consultation")  # 议事
    RECEPTION = "reception", pgettext_lazy("outreach", "Reception of constituents")  # 接待
    VISIT = "visit", pgettext_lazy("outreach", "Visit")  # 走访


@toned(planned="info", held="success", cancelled="secondary")
class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("outreach", "Planned")
    HELD = "held", pgettext_lazy("outreach", "Held")
    CANCELLED = "cancelled", pgettext_lazy("outreach", "Cancelled")


@toned(submitted="warning", handling="primary", at_unit="info", closed="success", declined="secondary")
class ConcernStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("outreach", "Waiting to be taken up")
    HANDLING = "handling", pgettext_lazy("outreach", "Being handled")
    AT_UNIT = "at_unit", pgettext_lazy("outreach", "With a handling unit")
    CLOSED = "closed", pgettext_lazy("outreach", "Closed")
    DECLINED = "declined", pgettext_lazy("outreach", "Not taken up")


OPEN_CONCERN_STATES = (ConcernStatus.SUBMITTED, ConcernStatus.HANDLING, ConcernStatus.AT_UNIT)


class ConcernSource(models.TextChoices):
    PUBLIC = "public", _("Sent by the person online")
    MEMBER = "member", _("Registered by a member")
    OFFICE = "office", _("Registered by the office")


class FeedbackChannel(models.TextChoices):
    ONLINE = "online", _("By the person, with the tracking code")
    ON_BEHALF = "on_behalf", _("Recorded on the person's behalf")
