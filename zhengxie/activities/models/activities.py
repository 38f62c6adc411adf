"""Activities (会议、协商、视察、调研、学习、培训), their participants and speeches, and calendar feeds."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import TransitionRecord

from ..choices import (
    ActivityStatus,
    ActivityType,
    ConsultationType,
    MeetingType,
    Outcome,
    ParticipantRole,
    Response,
    SignInMethod,
    SpeechKind,
)


class Activity(models.Model):
    """One meeting, consultation, inspection, research trip, study session or training class."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="activities")
    type = models.CharField(_("type"), max_length=16, choices=ActivityType.choices)
    meeting_type = models.CharField(_("kind of meeting"), max_length=16, choices=MeetingType.choices, blank=True)
    consultation_type = models.CharField(_("kind of consultation"), max_length=16, choices=ConsultationType.choices,
                                         blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    signin_opens_at = models.DateTimeField(_("sign-in opens at"))
    signin_closes_at = models.DateTimeField(_("sign-in closes at"))
    attendance_required = models.BooleanField(
        _("attendance is mandatory"), default=True,
        help_text=_("Mandatory: members who neither attend nor have leave approved count as absent."),
    )
    is_open = models.BooleanField(
        _("open to every member"), default=False,
        help_text=_("Open: every member of the organisation sees it and may sign in. Otherwise only invited members see it."),
    )
    committee = models.ForeignKey("core.SpecialCommittee", verbose_name=_("organised by committee"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    session = models.ForeignKey("core.Session", verbose_name=_("session"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    plan_item = models.ForeignKey("activities.PlanItem", verbose_name=_("plan item"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="activities")
    lead_name = models.CharField(_("led by"), max_length=100, blank=True)
    itinerary = models.TextField(_("itinerary"), blank=True)
    video_url = models.URLField(_("video meeting link"), blank=True,
                                help_text=_("For a video consultation: members join by this link and are counted as present remotely."))
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "starts_at"], name="activity_org_start"),
            models.Index(fields=["organisation", "type", "status"], name="activity_org_type_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def duty_meeting_type(self) -> str:
        return self.meeting_type or MeetingType.OTHER

    @property
    def is_video(self) -> bool:
        return bool(self.video_url)

    @property
    def duration_minutes(self) -> int:
        return max(1, int((self.ends_at - self.starts_at).total_seconds() // 60))

    def signin_open(self, when: dt.datetime | None = None) -> bool:
        when = when or timezone.now()
        return self.status == ActivityStatus.PUBLISHED and self.signin_opens_at <= when <= self.signin_closes_at

    @property
    def subtype_label(self) -> str:
        if self.type == ActivityType.MEETING and self.meeting_type:
            return self.get_meeting_type_display()
        if self.type == ActivityType.CONSULTATION and self.consultation_type:
            return self.get_consultation_type_display()
        return self.get_type_display()


class ActivityEvent(TransitionRecord):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("activity history entry")
        verbose_name_plural = _("activity history")


class Participant(models.Model):
    """A member invited to (or signed in at) an activity: the answer to the notice, sign-in and the outcome."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="activity_seats")
    role = models.CharField(_("role"), max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT)
    response = models.CharField(_("answer"), max_length=16, choices=Response.choices, default=Response.INVITED)
    responded_at = models.DateTimeField(null=True, blank=True)
    leave_reason = models.CharField(_("reason for leave"), max_length=300, blank=True)
    leave_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    leave_decided_at = models.DateTimeField(null=True, blank=True)
    leave_comment = models.CharField(_("comment on the leave request"), max_length=300, blank=True)
    signed_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    signin_method = models.CharField(_("signed in by"), max_length=8, choices=SignInMethod.choices, blank=True)
    signed_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    left_at = models.DateTimeField(_("left early at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    left_early = models.BooleanField(_("left early"), default=False)
    minutes_present = models.PositiveIntegerField(_("minutes present"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["activity", "member__sector__sort_order", "member__person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="participant_once")]
        indexes = [models.Index(fields=["member", "response"], name="participant_member_response")]

    def __str__(self):
        return f"{self.member} · {self.activity}"


class ParticipantEvent(TransitionRecord):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("participant history entry")
        verbose_name_plural = _("participant history")


class Speech(models.Model):
    """大会发言 / 交流发言: a speech given (or submitted in writing) at an activity, with its text and files."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speeches")
    member = models.ForeignKey("core.Member", verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=SpeechKind.choices, default=SpeechKind.DELIVERED)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["activity", "created_at", "id"]

    def __str__(self):
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's secret iCalendar feed URL (for the phone's calendar); regenerating it revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user} · {self.token[:6]}…"
