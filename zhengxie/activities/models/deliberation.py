"""Online deliberation (网络议政): topics open for a period, members' posts, replies and likes, polls."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import TopicScope, TopicStatus


class Topic(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    scope = models.CharField(_("who may take part"), max_length=12, choices=TopicScope.choices, default=TopicScope.ALL)
    sector = models.ForeignKey("core.Sector", verbose_name=_("sector"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    committee = models.ForeignKey("core.SpecialCommittee", verbose_name=_("special committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("linked activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="topics")
    status = models.CharField(_("status"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.DRAFT)
    summary = models.TextField(_("summary of suggestions"), blank=True)
    summary_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deliberation topic")
        verbose_name_plural = _("deliberation topics")
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "opens_at"], name="topic_org_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="topic_closes_after_open"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, when=None) -> bool:
        when = when or timezone.now()
        return self.status == TopicStatus.PUBLISHED and self.opens_at <= when < self.closes_at


class TopicCommittee(models.Model):
    """A committee whose members take part in a topic open to several committees (scope ``joint``: a joint
    activity's or an alliance's deliberation), the host included. The host's staff run the topic (publish, polls,
    summary) and moderate every post; each other committee's staff moderate the posts of their own members."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="committees")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("committee taking part")
        verbose_name_plural = _("committees taking part")
        ordering = ["topic", "id"]
        constraints = [models.UniqueConstraint(fields=["topic", "organisation"], name="topic_committee_once")]

    def __str__(self):
        return f"{self.topic_id} · {self.organisation_id}"


class Post(models.Model):
    """A member's view on a topic, or a reply to one. Staff may hide it, with a reason its author sees."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    like_count = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    in_summary = models.BooleanField(_("in the summary"), default=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["topic", "parent", "created_at"], name="post_topic_parent")]

    def __str__(self):
        return self.text[:40]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostLike(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="like_once")]

    def __str__(self):
        return f"{self.user_id} → {self.post_id}"


class Poll(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("question"), max_length=200)
    multiple = models.BooleanField(_("several answers allowed"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["topic", "id"]

    def __str__(self):
        return self.question


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["poll", "sort_order", "id"]

    def __str__(self):
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "member"], name="vote_once_per_option")]

    def __str__(self):
        return f"{self.member_id} → {self.option_id}"
