"""The duty ledger (履职台账): one row per act of a member that counts for their duty record.

Other apps write it only through ``services.record_duty_event``; scores are derived from it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import KIND_CATEGORY, DutyCategory, DutyEventKind


class DutyEventQuerySet(models.QuerySet):
    def live(self):
        return self.filter(retracted_at__isnull=True)


class DutyEvent(models.Model):
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="duty_events")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=DutyEventKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=DutyCategory.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(max_length=64)
    source = GenericForeignKey("source_type", "source_id")
    title = models.CharField(_("title"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("time"))
    attributes = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retracted_at = models.DateTimeField(null=True, blank=True)
    retraction_reason = models.CharField(max_length=200, blank=True)

    objects = DutyEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("duty event")
        verbose_name_plural = _("duty events")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            # One event per act: recording twice (a retried task, a double click) changes nothing.
            models.UniqueConstraint(fields=["member", "kind", "source_type", "source_id"], name="duty_event_once"),
        ]
        indexes = [
            models.Index(fields=["organisation", "year", "kind"], name="duty_org_year_kind"),
            models.Index(fields=["member", "year"], name="duty_member_year"),
            models.Index(fields=["source_type", "source_id"], name="duty_source"),
        ]

    def __str__(self):
        return f"{self.member} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.category = KIND_CATEGORY.get(self.kind, DutyCategory.OTHER)
        super().save(*args, **kwargs)
