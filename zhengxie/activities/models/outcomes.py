"""Outcome reports (调研报告、视察报告、建议案) of an activity, their recipients and the feedback they give."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import InstructionLevel, ReportKind, ReportStatus


class OutcomeReport(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    suggestion_count = models.PositiveSmallIntegerField(
        _("number of suggestions"), default=1, help_text=_("How many distinct suggestions the report makes.")
    )
    authors = models.ManyToManyField("core.Member", verbose_name=_("members credited"), blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="report_org_status")]

    def __str__(self):
        return self.title


class ReportRecipient(models.Model):
    """Where a report was sent (the Party committee, the government, a department) and what came back."""

    report = models.ForeignKey(OutcomeReport, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(_("recipient"), max_length=100)
    handling_unit = models.ForeignKey("core.HandlingUnit", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    adopted = models.BooleanField(_("suggestions adopted"), default=False)
    instruction_leader = models.CharField(_("instructing leader"), max_length=60, blank=True)
    instruction_level = models.CharField(_("leader's level"), max_length=10, choices=InstructionLevel.choices, blank=True)
    instruction_text = models.TextField(_("leader's instruction"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("recipient of a report")
        verbose_name_plural = _("recipients of reports")
        ordering = ["report", "id"]

    def __str__(self):
        return self.name
