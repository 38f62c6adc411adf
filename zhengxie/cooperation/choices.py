"""Choices of the cooperation app: kinds of alliance, of outside committee, of joint activity and of an expert's
contribution, and the states of a joint activity, of a plan item and of an expert's invitation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.tones import toned


class AllianceKind(models.TextChoices):
    THINK_TANK = "think_tank", _("Think-tank alliance")
    MECHANISM = "mechanism", _("Cooperation mechanism")


@toned(active="success", dissolved="light")
class AllianceStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("alliance", "Active")
    DISSOLVED = "dissolved", _("Dissolved")


class CommitteeLevel(models.TextChoices):
    """The level of a committee outside the deployment (the national committee, another province's city …)."""

    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County/district")


class JointKind(models.TextChoices):
    RESEARCH = "research", pgettext_lazy("joint activity", "Joint research")
    CONSULTATION = "consultation", pgettext_lazy("joint activity", "Joint consultation")
    DELIBERATION = "deliberation", pgettext_lazy("joint activity", "Joint deliberation")


@toned(planned="primary", reported="success", cancelled="light")
class JointStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("joint activity", "Under way")
    REPORTED = "reported", pgettext_lazy("joint activity", "Outcome reported")
    CANCELLED = "cancelled", pgettext_lazy("joint activity", "Cancelled")


@toned(planned="secondary", done="success", dropped="light")
class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan item", "Planned")
    DONE = "done", pgettext_lazy("plan item", "Done")
    DROPPED = "dropped", pgettext_lazy("plan item", "Dropped")


@toned(invited="warning", accepted="success", declined="light")
class InvitationResponse(models.TextChoices):
    INVITED = "invited", pgettext_lazy("expert invitation", "Awaiting the answer")
    ACCEPTED = "accepted", pgettext_lazy("expert invitation", "Accepted")
    DECLINED = "declined", pgettext_lazy("expert invitation", "Declined")


class ContributionKind(models.TextChoices):
    REPORT = "report", _("Research report")
    SPEECH = "speech", _("Speech")
    SUGGESTION = "suggestion", _("Suggestion")
