"""Yearly scores (年度履职得分): derived from the ledger and the year's rule set, never edited by hand."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import POINTS


class Score(models.Model):
    """A member's score for one year. ``sections`` and ``requirement_counts`` hold the breakdown (points in
    hundredths per category; events counted per requirement id); ``lines`` the per-event explanation, kept once
    the year is closed (an open year explains itself from the ledger)."""

    member = models.ForeignKey("core.Member", on_delete=models.CASCADE, related_name="duty_scores")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    rule_set = models.ForeignKey("duties.RuleSet", on_delete=models.CASCADE, related_name="scores")
    total = models.DecimalField(_("score"), **POINTS)
    gains = models.DecimalField(_("points gained"), **POINTS)
    losses = models.DecimalField(_("points deducted"), **POINTS)
    band = models.ForeignKey("duties.ScoreBand", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sections = models.JSONField(default=dict)
    requirement_counts = models.JSONField(default=dict)
    requirements_met = models.BooleanField(_("minimum met"), default=False)
    missing_count = models.PositiveSmallIntegerField(default=0)
    event_count = models.PositiveIntegerField(_("events"), default=0)
    lines = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["-total", "member_id"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="duty_score_once_a_year")]
        indexes = [
            models.Index(fields=["organisation", "year", "total"], name="duty_score_rank"),
            models.Index(fields=["organisation", "year", "requirements_met"], name="duty_score_minimum"),
        ]

    def __str__(self):
        return f"{self.member} {self.year}: {self.total}"

    def section_points(self, category: str) -> Decimal:
        return Decimal(self.sections.get(category, 0)) / 100
