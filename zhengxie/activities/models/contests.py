"""Knowledge contests (知识竞赛): a question bank, contests with a time window, members' attempts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ContestStatus, QuestionKind


class Question(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    options = models.JSONField(_("options"), default=list, blank=True)  # ["…", "…"]; true/false has none
    answer = models.JSONField(_("answer"), default=list)  # sorted option indices; true/false: [0] true, [1] false
    explanation = models.TextField(_("explanation"), blank=True)
    category = models.CharField(_("category"), max_length=60, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["organisation", "category", "id"]
        indexes = [models.Index(fields=["organisation", "is_active", "category"], name="question_org_active")]

    def __str__(self):
        return self.text[:60]

    @property
    def choices(self) -> list[str]:
        if self.kind == QuestionKind.TRUE_FALSE:
            return [str(_("True")), str(_("False"))]
        return list(self.options)


class Contest(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit per attempt (minutes)"), default=20)
    question_count = models.PositiveSmallIntegerField(_("questions per attempt"), default=20)
    category = models.CharField(_("only questions of the category"), max_length=60, blank=True)
    include_lower_levels = models.BooleanField(
        _("open to the members of lower-level committees"), default=True,
        help_text=_("A contest of the whole system (全市政协系统): members of the committees below take part too."),
    )
    status = models.CharField(_("status"), max_length=10, choices=ContestStatus.choices, default=ContestStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("knowledge contest")
        verbose_name_plural = _("knowledge contests")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="contest_closes_after_open"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, when=None) -> bool:
        when = when or timezone.now()
        return self.status == ContestStatus.PUBLISHED and self.opens_at <= when < self.closes_at


class Attempt(models.Model):
    """One member's go at a contest: the questions drawn for them, their answers and the score."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="attempts")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    questions = models.JSONField(default=list)  # question ids in the order shown
    answers = models.JSONField(default=dict, blank=True)  # {"question id": [option indices]}
    correct_count = models.PositiveSmallIntegerField(default=0)
    score = models.PositiveSmallIntegerField(_("score"), default=0)  # 0–100
    seconds_used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-score", "seconds_used", "id"]
        constraints = [models.UniqueConstraint(fields=["contest", "member"], name="attempt_once")]

    def __str__(self):
        return f"{self.member} · {self.contest}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
