"""提案选题: the yearly list of suggested proposal topics the office publishes (from the Party and government's
priorities, departments, constituents' concerns and online deliberation), the suggestions of constituents and
departments that the office accepts into the list or declines, members following and claiming topics, and the
proposals that answer a topic."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import HandlingUnit, Member, Organisation, TransitionRecord

from ..choices import TopicSource, TopicStatus


class Topic(models.Model):
    """One suggested proposal topic (选题/线索) of a year's list, or a suggestion waiting for the office's decision."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposal_topics")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True,
                                         help_text=_("Its number in the year's list, given when it is listed."))
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("what to look into"), blank=True)
    subject = models.CharField(_("subject"), max_length=40)
    source = models.CharField(_("source"), max_length=16, choices=TopicSource.choices, default=TopicSource.OFFICE)
    source_note = models.CharField(_("source in words"), max_length=200, blank=True,
                                   help_text=_("E.g. the Party committee's plenary report, a department's plan."))
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source_record = GenericForeignKey("source_type", "source_id")
    unit = models.ForeignKey(HandlingUnit, verbose_name=_("suggested by the department"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="suggested_topics")
    suggester_name = models.CharField(_("suggested by"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TopicStatus.choices, default=TopicStatus.SUGGESTED)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    listed_at = models.DateTimeField(_("listed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal topic")
        verbose_name_plural = _("proposal topics")
        ordering = ["-year", "number", "-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "year", "status"], name="topic_org_year_status")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="topic_number_once",
                                    condition=models.Q(number__isnull=False)),
            models.CheckConstraint(condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                                   name="topic_declined_has_reason"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("liaison:topic_detail", args=[self.pk])


class TopicTransition(TransitionRecord):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("topic history entry")
        verbose_name_plural = _("topic history")


class TopicFollow(models.Model):
    """A member follows a topic (关注), and may claim it (认领): they mean to write a proposal on it."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    claimed = models.BooleanField(_("claimed"), default=False)
    created_at = models.DateTimeField(_("followed at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("member following a topic")
        verbose_name_plural = _("members following topics")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["topic", "member"], name="topic_follow_once")]

    def __str__(self):
        return f"{self.topic_id}:{self.member_id}"


class TopicAnswer(models.Model):
    """A proposal that answers a topic (one topic per proposal), chosen on the drafting page."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="answers")
    proposal = models.OneToOneField("proposals.Proposal", on_delete=models.CASCADE, related_name="topic_answer")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("proposal answering a topic")
        verbose_name_plural = _("proposals answering topics")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.topic_id} ← {self.proposal_id}"
