"""Alliances and cooperation mechanisms (智库联盟, 协作机制): their member committees (of the deployment or named
outside it), the rota of the host committee by year, and the yearly plan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import TransitionRecord

from ..choices import AllianceKind, AllianceStatus, CommitteeLevel, PlanItemStatus


class OutsideCommittee(models.Model):
    """A committee outside the deployment (另一省的市政协, 全国政协), named by the organisation that records it."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=CommitteeLevel.choices, default=CommitteeLevel.CITY)
    region = models.CharField(_("province or region"), max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outside committee")
        verbose_name_plural = _("outside committees")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="outside_committee_once")]

    def __str__(self):
        return self.name


class Alliance(models.Model):
    """An alliance or a cooperation mechanism of several committees, kept by the organisation that founded it."""

    organisation = models.ForeignKey("core.Organisation", verbose_name=_("kept by"), on_delete=models.CASCADE,
                                     related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=AllianceKind.choices, default=AllianceKind.THINK_TANK)
    name = models.CharField(_("name"), max_length=120)
    purpose = models.TextField(_("purpose"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AllianceStatus.choices, default=AllianceStatus.ACTIVE)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering = ["-founded_on", "name"]

    def __str__(self):
        return self.name


class AllianceMember(models.Model):
    """A member committee: one of the deployment (``committee``) or one named outside it (``outside``)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="members")
    committee = models.ForeignKey("core.Organisation", verbose_name=_("committee of the platform"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="alliance_seats")
    outside = models.ForeignKey(OutsideCommittee, verbose_name=_("outside committee"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="alliance_seats")
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member committee")
        verbose_name_plural = _("member committees")
        ordering = ["alliance", "id"]
        constraints = [
            models.CheckConstraint(condition=(models.Q(committee__isnull=False, outside__isnull=True)
                                              | models.Q(committee__isnull=True, outside__isnull=False)),
                                   name="alliance_member_one_kind"),
            models.UniqueConstraint(fields=["alliance", "committee"], name="alliance_committee_once"),
            models.UniqueConstraint(fields=["alliance", "outside"], name="alliance_outside_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.committee.short_name if self.committee_id else self.outside.name

    @property
    def organisation(self):
        """The member committee of the platform (what the statistics' lists show), None for an outside one."""
        return self.committee

    @property
    def is_outside(self) -> bool:
        return self.outside_id is not None


class HostTurn(models.Model):
    """轮值: the member committee that hosts the alliance in one year."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="rota")
    year = models.PositiveSmallIntegerField(_("year"))
    host = models.ForeignKey(AllianceMember, verbose_name=_("host committee"), on_delete=models.CASCADE,
                             related_name="+")
    theme = models.CharField(_("theme of the year"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("host of a year")
        verbose_name_plural = _("rota of hosts")
        ordering = ["alliance", "year"]
        constraints = [models.UniqueConstraint(fields=["alliance", "year"], name="host_turn_once_a_year")]

    def __str__(self):
        return f"{self.year} · {self.host}"


class PlanItem(models.Model):
    """An item of the alliance's yearly plan (年度工作计划)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="plan_items")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(AllianceMember, verbose_name=pgettext_lazy("plan item", "led by"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["alliance", "year", "due_on", "id"]

    def __str__(self):
        return self.title


class PlanItemEvent(TransitionRecord):
    """The history of a plan item: done, dropped, planned again."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("plan item history entry")
        verbose_name_plural = _("plan item history")
