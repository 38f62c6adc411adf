"""Rule sets (考评办法): how one organisation turns one year of its members' duty events into scores.

A rule set has a base, optional caps on the bonus and on the total, one section per category (starting points,
floor, cap), ordered rules (an event is scored by the first rule whose kind and conditions it matches), bands
(优秀 / 称职 / 不称职 …) and minimum requirements ("三个一") expressed on its rules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import TransitionRecord

from ..choices import BandTone, DutyCategory, DutyEventKind, RuleMode, RuleSetStatus
from ..conditions import describe

POINTS = dict(max_digits=7, decimal_places=2)


class RuleSet(models.Model):
    """考评办法: the scoring rules of one organisation for one year."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="duty_rule_sets")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=100)
    basis = models.CharField(_("basis"), max_length=200, blank=True,
                             help_text=_("The document the rules implement, e.g. the committee's evaluation measures."))
    preset = models.CharField(_("preset"), max_length=20, blank=True)
    base_points = models.DecimalField(_("base points"), default=0, **POINTS,
                                      help_text=_("Points every member starts the year with."))
    bonus_cap = models.DecimalField(_("bonus cap"), null=True, blank=True, **POINTS,
                                    help_text=_("The most points all gains together may add to the base; empty: no cap."))
    max_total = models.DecimalField(_("maximum total"), null=True, blank=True, **POINTS,
                                    help_text=_("The highest possible total; empty: no cap."))
    status = models.CharField(_("status"), max_length=10, choices=RuleSetStatus.choices, default=RuleSetStatus.OPEN)
    version = models.PositiveIntegerField(default=1)
    closed_at = models.DateTimeField(_("year closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["organisation", "-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="duty_rule_set_once_a_year")]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == RuleSetStatus.OPEN


class RuleSection(models.Model):
    """One category of the score (会议, 提案 …): its starting points, floor and cap."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="sections")
    category = models.CharField(_("category"), max_length=16, choices=DutyCategory.choices)
    start_points = models.DecimalField(_("starting points"), default=0, **POINTS)
    floor_points = models.DecimalField(_("floor"), null=True, blank=True, **POINTS)
    cap_points = models.DecimalField(_("cap"), null=True, blank=True, **POINTS)

    class Meta:
        verbose_name = _("score section")
        verbose_name_plural = _("score sections")
        ordering = ["rule_set", "id"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "category"], name="duty_section_once")]

    def __str__(self):
        return self.get_category_display()


class Rule(models.Model):
    """计分规则: the points one kind of duty event earns (or loses), under conditions on its attributes."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    order = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(_("duty event"), max_length=40, choices=DutyEventKind.choices)
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    mode = models.CharField(_("scoring"), max_length=10, choices=RuleMode.choices, default=RuleMode.FIXED)
    points = models.DecimalField(_("points"), default=0, **POINTS)
    first_share = models.DecimalField(_("first proposer's share"), max_digits=4, decimal_places=3, default="0.5",
                                      help_text=_("For joint proposals: the share of the points that goes to the "
                                                  "first proposer; the co-signers share the rest equally."))
    cap = models.DecimalField(_("cap per year"), null=True, blank=True, **POINTS,
                              help_text=_("The most points (or, for a deduction, the most points taken) this rule "
                                          "can give in a year; empty: no cap."))
    section = models.CharField(_("counts in"), max_length=16, choices=DutyCategory.choices)

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        ordering = ["rule_set", "order", "id"]

    def __str__(self):
        return self.label or self.get_kind_display()

    @property
    def conditions_text(self) -> str:
        return describe(self.conditions or {})

    @property
    def is_penalty(self) -> bool:
        return self.points < 0


class ScoreBand(models.Model):
    """考评等次: a total from ``min_points`` up (to the next band) earns this band."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(_("band"), max_length=20)
    min_points = models.DecimalField(_("from (points)"), **POINTS)
    tone = models.CharField(_("colour"), max_length=10, choices=BandTone.choices, default=BandTone.PRIMARY)
    needs_talk = models.BooleanField(_("talk with the member"), default=False,
                                     help_text=_("Members in this band are listed for a talk (约谈)."))

    class Meta:
        verbose_name = _("score band")
        verbose_name_plural = _("score bands")
        ordering = ["rule_set", "-min_points"]

    def __str__(self):
        return self.label


class Requirement(models.Model):
    """A minimum the member must meet in the year ("三个一"): at least ``min_count`` events scored by any of
    ``rules`` (whatever points those earned)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="requirements")
    order = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("requirement"), max_length=100)
    rules = models.ManyToManyField(Rule, verbose_name=_("met by events of"), related_name="requirements")
    min_count = models.PositiveSmallIntegerField(_("at least"), default=1)

    class Meta:
        verbose_name = _("minimum requirement")
        verbose_name_plural = _("minimum requirements")
        ordering = ["rule_set", "order", "id"]

    def __str__(self):
        return self.label


class RuleSetHistory(TransitionRecord):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="history")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("rule set history")
        verbose_name_plural = _("rule set history")
