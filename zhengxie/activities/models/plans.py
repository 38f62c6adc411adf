"""The yearly consultation plan (协商计划) and inspection/research plan: items that become activities."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ActivityType, ConsultationType, PlanKind


class Plan(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=24, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    approved_on = models.DateField(_("approved by the Party committee on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "kind"], name="plan_once_a_year")]

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("topic"), max_length=200)
    activity_type = models.CharField(_("type"), max_length=16, choices=ActivityType.choices)
    consultation_type = models.CharField(_("kind of consultation"), max_length=16, choices=ConsultationType.choices,
                                         blank=True)
    lead_committee = models.ForeignKey("core.SpecialCommittee", verbose_name=_("lead committee"), null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="+")
    lead_name = models.CharField(_("lead leader"), max_length=100, blank=True)
    planned_month = models.PositiveSmallIntegerField(_("planned month"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self):
        return self.title
