"""Outcome reports (调研报告、视察报告、建议案) of an activity, their recipients and the feedback they give, and the
matters (困难和问题) raised at an activity and helped to a solution."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import InstructionLevel, MatterStatus, ReportKind, ReportStatus


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
    # 主席会议成员牵头课题调研: the member of the chair's council who led the research the report comes from.
    lead = models.ForeignKey("core.Member", verbose_name=_("led by (chair's council)"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text=_("The chair, a vice-chair or the secretary-general who led the research."))
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
        indexes = [models.Index(fields=["organisation", "status"], name="report_org_status"),
                   models.Index(fields=["organisation", "sent_at"], name="report_org_sent")]

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
    #: The measures the recipient promised on adopting the suggestions, each ``{"measure", "due_on"}``
    #: (core.promises): each becomes a tracked item of the work lists.
    promises = models.JSONField(_("promised measures"), default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("recipient of a report")
        verbose_name_plural = _("recipients of reports")
        ordering = ["report", "id"]

    def __str__(self):
        return self.name


class Matter(models.Model):
    """A difficulty or problem (困难和问题) a constituent raised at an activity (a talk, a reception of petitioners, an
    on-site office, a research trip), the member who helped, and how it was solved."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="matters")
    description = models.CharField(_("matter"), max_length=300)
    raised_by = models.CharField(_("raised by"), max_length=60, blank=True,
                                 help_text=_("The person or village who raised it (optional)."))
    member = models.ForeignKey("core.Member", verbose_name=_("member who helped"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    result = models.TextField(_("how it was solved"), blank=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matter helped")
        verbose_name_plural = _("matters helped")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "solved_at"], name="matter_org_status_solved")]

    def __str__(self):
        return self.description
