"""Activities held at places: talks (宣讲), consultations (议事), receptions (接待) and visits (走访)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengxie.core.models import TransitionRecord

from ..choices import ActivityKind, ActivityStatus
from .places import Place


class OutreachActivity(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    place = models.ForeignKey(Place, verbose_name=pgettext_lazy("outreach", "place"), on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("type"), max_length=16, choices=ActivityKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    topic = models.CharField(pgettext_lazy("outreach", "topic"), max_length=200)
    held_on = models.DateField(_("date"))
    participants = models.ManyToManyField("core.Member", through="ActivityParticipant", related_name="+",
                                          verbose_name=_("members"))
    constituents_count = models.PositiveIntegerField(_("number of constituents"), default=0)
    outcome = models.TextField(pgettext_lazy("outreach", "outcome"), max_length=4000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("activity at a place")
        verbose_name_plural = _("activities at places")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "held_on"], name="outreach_activity_when"),
            models.Index(fields=["place", "held_on"], name="outreach_activity_place"),
        ]

    def __str__(self):
        return self.topic

    @property
    def occurred_at(self) -> dt.datetime:
        """The moment the duty ledger files the activity under (the day, at nine)."""
        return dt.datetime.combine(self.held_on, dt.time(9), tzinfo=timezone.get_current_timezone())


class ActivityParticipant(models.Model):
    activity = models.ForeignKey(OutreachActivity, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="outreach_participations")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="outreach_participant_once")]
        indexes = [models.Index(fields=["member", "activity"], name="outreach_participant_member")]

    def __str__(self):
        return f"{self.activity} · {self.member}"


class ActivityEvent(TransitionRecord):
    activity = models.ForeignKey(OutreachActivity, on_delete=models.CASCADE, related_name="events")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("activity history entry")
        verbose_name_plural = _("activity history")
