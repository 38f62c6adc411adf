"""What members and staff add to a duty record: self-reported activities with evidence, manual entries,
the yearly self-report (述职), and the reminders sent about a record."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import TransitionRecord

from ..choices import ReminderKind, SelfReportStatus, SelfReportType


class SelfReport(models.Model):
    """委员自报履职: an activity the ledger does not know of, with photos or files; staff confirm or return it.
    A confirmed report becomes a ``self_reported`` duty event."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="self_reports")
    report_type = models.CharField(_("kind of duty"), max_length=16, choices=SelfReportType.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what was done"), max_length=2000)
    occurred_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=SelfReportStatus.choices,
                              default=SelfReportStatus.SUBMITTED)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("self-reported duty")
        verbose_name_plural = _("self-reported duties")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="duty_self_report_queue")]

    def __str__(self):
        return self.title


class SelfReportHistory(TransitionRecord):
    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("self-reported duty history")
        verbose_name_plural = _("self-reported duty history")


class ManualEntry(models.Model):
    """人工补录: points staff add (or deduct) by hand, with a reason; the source of a ``manual`` duty event."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="manual_duty_entries")
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("what"), max_length=120)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    retraction_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("manual duty entry")
        verbose_name_plural = _("manual duty entries")
        ordering = ["-occurred_on", "-id"]

    def __str__(self):
        return self.title


class DutyStatement(models.Model):
    """年度述职: the member's own account of their year."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="duty_statements")
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("self-report"), max_length=6000)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("yearly self-report")
        verbose_name_plural = _("yearly self-reports")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="duty_statement_once_a_year")]

    def __str__(self):
        return f"{self.member} {self.year}"


class Reminder(models.Model):
    """A reminder sent to a member about their record (what was missing, or how often they were absent)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="duty_reminders")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    details = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(_("reminded at"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["member", "kind", "sent_at"], name="duty_reminder_last")]

    def __str__(self):
        return f"{self.member} {self.get_kind_display()}"
