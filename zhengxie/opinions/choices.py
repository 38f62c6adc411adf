"""Choices of the opinions app: the states of a report and of a bulletin issue, who wrote a report, and the
kinds and levels of the feedback that comes back down (采用, 批示)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.choices import OrganisationLevel
from zhengxie.core.tones import toned
from zhengxie.duties.choices import DutyEventKind


@toned(received="primary", accepted="info", not_used="secondary", edited="info", in_bulletin="warning",
       published="success", withdrawn="light")
class ReportStatus(models.TextChoices):
    """The state of a report at one level (each level holds its own record)."""

    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted for editing")
    NOT_USED = "not_used", _("Not used")
    EDITED = "edited", _("Edited")
    IN_BULLETIN = "in_bulletin", _("In a bulletin issue")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The states in which the information office still has work to do on a report.
OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.EDITED, ReportStatus.IN_BULLETIN)


class AuthorKind(models.TextChoices):
    """Who wrote the report at the level where it was first submitted."""

    MEMBER = "member", _("Member")
    BODY = "body", _("Party, organisation or sector")
    INFORMANT = "informant", _("Invited informant")
    ORGANISATION = "organisation", pgettext_lazy("author", "The committee itself")


@toned(draft="secondary", pending="warning", signed_off="primary", sent="success")
class BulletinStatus(models.TextChoices):
    """The state of an issue of the 《社情民意》 bulletin."""

    DRAFT = "draft", _("Being compiled")
    PENDING = "pending", _("Awaiting sign-off")
    SIGNED_OFF = "signed_off", _("Signed off")
    SENT = "sent", _("Sent")


class AdoptionKind(models.TextChoices):
    LOCAL = "local", _("Adopted at this level")
    UPPER = "upper", _("Adopted at a higher level")
    MEDIA = "media", _("Used by the media")


class InstructionLevel(models.TextChoices):
    """The level of the leader who gave a written instruction (批示)."""

    COUNTY = "county", _("County leader")
    CITY = "city", _("City leader")
    PROVINCE = "province", _("Provincial leader")
    CENTRAL = "central", _("Central leader")


#: An organisation level and the level of its leaders' instructions.
INSTRUCTION_LEVEL_OF = {
    OrganisationLevel.COUNTY: InstructionLevel.COUNTY,
    OrganisationLevel.CITY: InstructionLevel.CITY,
    OrganisationLevel.PROVINCE: InstructionLevel.PROVINCE,
    OrganisationLevel.NATIONAL: InstructionLevel.CENTRAL,
}
#: Rank of an instruction level, as OrganisationLevel.rank: 0 is the highest.
INSTRUCTION_RANK = {InstructionLevel.CENTRAL: 0, InstructionLevel.PROVINCE: 1, InstructionLevel.CITY: 2,
                    InstructionLevel.COUNTY: 3}

ADOPTION_DUTY_KIND = {
    OrganisationLevel.COUNTY: DutyEventKind.OPINION_ADOPTED_COUNTY,
    OrganisationLevel.CITY: DutyEventKind.OPINION_ADOPTED_CITY,
    OrganisationLevel.PROVINCE: DutyEventKind.OPINION_ADOPTED_PROVINCE,
    OrganisationLevel.NATIONAL: DutyEventKind.OPINION_ADOPTED_NATIONAL,
}
INSTRUCTION_DUTY_KIND = {
    InstructionLevel.COUNTY: DutyEventKind.OPINION_INSTRUCTED_COUNTY,
    InstructionLevel.CITY: DutyEventKind.OPINION_INSTRUCTED_CITY,
    InstructionLevel.PROVINCE: DutyEventKind.OPINION_INSTRUCTED_PROVINCE,
    InstructionLevel.CENTRAL: DutyEventKind.OPINION_INSTRUCTED_CENTRAL,
}
