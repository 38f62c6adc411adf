"""Electronic voting (电子表决): the matters a meeting votes on, their history and each member's vote.

A secret vote keeps no link from a ballot to its voter: the member's row (``VoteCast``) says only *that* they voted
(for the once-only rule and the turnout) and has neither the choice nor the time; the choice only adds one to the
matter's counters, under the matter's row lock, in the same transaction. No history row or audit entry of a
secret vote names the choice, and the running tally is not shown while a secret vote is open."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import TransitionRecord

from ..voting_rules import MajorityRule, MotionKind, MotionResult, MotionStatus, QuorumRule, VoteChoice


class Motion(models.Model):
    """A matter put to the vote at a meeting (表决事项): a draft resolution, a recommendation, a personnel matter."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("meeting"), on_delete=models.CASCADE,
                                 related_name="motions")
    kind = models.CharField(_("kind of matter"), max_length=16, choices=MotionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text put to the vote"), blank=True)
    secret = models.BooleanField(_("secret ballot"), default=False,
                                 help_text=_("A secret ballot records who voted, never how."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=MotionStatus.choices, default=MotionStatus.DRAFT)
    quorum_rule = models.CharField(_("quorum"), max_length=20, choices=QuorumRule.choices, blank=True)
    majority_rule = models.CharField(_("majority"), max_length=20, choices=MajorityRule.choices, blank=True)
    electorate = models.PositiveIntegerField(_("all members"), default=0)
    present = models.PositiveIntegerField(_("signed in"), default=0)
    yes_count = models.PositiveIntegerField(_("for"), default=0)
    no_count = models.PositiveIntegerField(_("against"), default=0)
    abstain_count = models.PositiveIntegerField(_("abstentions"), default=0)
    result = models.CharField(_("result of the vote"), max_length=12, choices=MotionResult.choices, blank=True)
    opened_at = models.DateTimeField(_("vote opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("vote closed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("matter put to the vote")
        verbose_name_plural = _("matters put to the vote")
        ordering = ["activity", "sort_order", "id"]
        indexes = [models.Index(fields=["activity", "status"], name="motion_activity_status")]

    def __str__(self):
        return self.title

    @property
    def cast_count(self) -> int:
        return self.yes_count + self.no_count + self.abstain_count


class MotionEvent(TransitionRecord):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("voting history entry")
        verbose_name_plural = _("voting history")


class VoteCast(models.Model):
    """One member's vote on one matter, counted once (the unique constraint holds under concurrent taps).

    ``choice`` and ``cast_at`` are kept for an open vote only; for a secret one both stay empty."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices, blank=True)
    cast_at = models.DateTimeField(_("voted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["motion", "member"], name="vote_once_per_member")]

    def __str__(self):
        return f"{self.member_id} · {self.motion_id}"
