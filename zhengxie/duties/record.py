"""A member's duty record for one year, explained: every point traced to its event and its rule.

An open year is computed from the ledger now (the same engine as the stored scores, so they agree); a closed
year is read from its frozen score and the explanation kept when it was closed."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext, pgettext

from .choices import DutyCategory, RuleMode
from .engine import CompiledSection, Line, Result, to_cents, to_points
from .models import DutyEvent, DutyStatement, ManualEntry, RuleSet, Score, SelfReport
from .scoring import compile_rule_set, member_result, with_parts


def join_labels(labels) -> str:
    return pgettext("list separator", ", ").join(str(label) for label in labels)


@dataclass
class LineView:
    event: DutyEvent | None
    rule: object
    raw: Decimal
    awarded: Decimal
    notes: list = field(default_factory=list)


@dataclass
class SectionView:
    category: str
    label: str
    start: Decimal
    floor: Decimal | None
    cap: Decimal | None
    raw: Decimal
    total: Decimal
    lines: list

    @property
    def clamped(self) -> bool:
        return self.raw != self.total

    @property
    def percent(self) -> int:
        """How full the section is, for a bar (of its cap, when it has one)."""
        if not self.cap:
            return 0
        return max(0, min(100, int(self.total * 100 / self.cap)))


@dataclass
class RequirementView:
    label: str
    min_count: int
    count: int

    @property
    def met(self) -> bool:
        return self.count >= self.min_count


@dataclass
class Record:
    member: object
    year: int
    rule_set: RuleSet | None
    frozen: bool = False
    total: Decimal = Decimal(0)
    band: object = None
    base: Decimal = Decimal(0)
    gains: Decimal = Decimal(0)
    gains_counted: Decimal = Decimal(0)
    losses: Decimal = Decimal(0)
    sections: list = field(default_factory=list)
    requirements: list = field(default_factory=list)
    timeline: list = field(default_factory=list)  # [(event, points or None, rule or None)]
    unscored: int = 0
    rank: int | None = None
    ranked_of: int = 0

    @property
    def missing(self) -> list[str]:
        return [r.label for r in self.requirements if not r.met]

    @property
    def explained_sections(self) -> list:
        """The sections with something to explain (events, or starting points)."""
        return [s for s in self.sections if s.lines or s.start]

    @property
    def idle_sections(self) -> list[str]:
        return [s.label for s in self.sections if not (s.lines or s.start)]

    @property
    def bonus_capped(self) -> Decimal:
        return self.gains - self.gains_counted


def _frozen_result(rule_set: RuleSet, score: Score, compiled) -> Result:
    rule_sections = {r.id: r.section for r in compiled.rules}
    lines = [Line(event_id, rule_id, rule_sections.get(rule_id, DutyCategory.OTHER), raw, awarded)
             for event_id, rule_id, raw, awarded in score.lines]
    section_raw = {category: section.start for category, section in compiled.sections.items()}
    for line in lines:
        section_raw[line.section] = section_raw.get(line.section, 0) + line.awarded
    sections = {k: int(v) for k, v in score.sections.items()}
    gains = sum(v for v in sections.values() if v > 0)
    return Result(
        total=to_cents(score.total), base=compiled.base, gains=gains, gains_counted=to_cents(score.gains),
        losses=to_cents(score.losses), sections=sections, section_raw=section_raw,
        requirement_counts={int(k): v for k, v in score.requirement_counts.items()},
        requirements_met=score.requirements_met, missing_count=score.missing_count, band_id=score.band_id,
        event_count=score.event_count, lines=lines,
    )


def _notes(rule, line: Line, attributes: dict) -> list[str]:
    notes = []
    if rule.mode == RuleMode.JOINT and line.raw != to_cents(rule.points):
        notes.append(gettext("joint proposal with %(n)s signers") % {"n": attributes.get("signers", "?")})
    if line.awarded != line.raw:
        notes.append(gettext("yearly cap of this rule reached"))
    if rule.mode == RuleMode.RECORDED and attributes.get("reason"):
        notes.append(attributes["reason"])
    return notes


def build_record(member, year: int, *, rule_set: RuleSet | None = None) -> Record:
    rule_set = rule_set or RuleSet.objects.filter(organisation_id=member.organisation_id, year=year).first()
    record = Record(member=member, year=year, rule_set=rule_set)
    live = list(DutyEvent.objects.live().filter(member=member, year=year).order_by("-occurred_at", "-id"))
    if rule_set is None:
        record.timeline = [(e, None, None) for e in live]
        record.unscored = len(live)
        return record
    with_parts(rule_set)  # the rules, sections, bands and requirements read once for the engine and the page
    compiled = compile_rule_set(rule_set)
    score = Score.objects.filter(member=member, year=year, rule_set=rule_set).select_related("band").first()
    if not rule_set.is_open and score is not None:
        record.frozen = True
        result = _frozen_result(rule_set, score, compiled)
        events = {e.pk: e for e in DutyEvent.objects.filter(pk__in=[li.event_id for li in result.lines])}
    else:
        result, events = member_result(member, rule_set, compiled=compiled)
    rules = {r.pk: r for r in rule_set.rules.all()}
    bands = {b.pk: b for b in rule_set.bands.all()}
    record.total = to_points(result.total)
    record.band = bands.get(result.band_id)
    record.base = to_points(result.base)
    record.gains = to_points(result.gains)
    record.gains_counted = to_points(result.gains_counted)
    record.losses = to_points(result.losses)
    by_event = {}
    grouped: dict[str, list] = {}
    for line in result.lines:
        rule = rules.get(line.rule_id)
        event = events.get(line.event_id)
        view = LineView(event, rule, to_points(line.raw), to_points(line.awarded),
                        _notes(rule, line, event.attributes if event else {}) if rule else [])
        grouped.setdefault(line.section, []).append(view)
        by_event[line.event_id] = view
    labels = dict(DutyCategory.choices)
    order = list(DutyCategory.values)
    for category in sorted(result.section_raw, key=order.index):
        section = compiled.sections.get(category, CompiledSection())
        record.sections.append(SectionView(
            category=category, label=str(labels[category]), start=to_points(section.start),
            floor=None if section.floor is None else to_points(section.floor),
            cap=None if section.cap is None else to_points(section.cap),
            raw=to_points(result.section_raw[category]), total=to_points(result.sections[category]),
            lines=grouped.get(category, []),
        ))
    for requirement in rule_set.requirements.all():
        record.requirements.append(RequirementView(requirement.label, requirement.min_count,
                                                   result.requirement_counts.get(requirement.pk, 0)))
    record.timeline = [(e, by_event[e.pk].awarded if e.pk in by_event else None,
                        by_event[e.pk].rule if e.pk in by_event else None) for e in live]
    record.unscored = sum(1 for e in live if e.pk not in by_event)
    if score is not None:
        counts = Score.objects.filter(organisation_id=member.organisation_id, year=year).aggregate(
            scored=Count("id"), above=Count("id", filter=Q(total__gt=score.total)))
        record.ranked_of, record.rank = counts["scored"], counts["above"] + 1
    return record


def record_extras(member, year: int) -> dict:
    """What the member added to the year: self-reports, manual entries by staff, the yearly self-report."""
    return {
        "self_reports": list(SelfReport.objects.filter(member=member, occurred_on__year=year)
                             .select_related("decided_by").order_by("-occurred_on", "-id")),
        "manual_entries": list(ManualEntry.objects.filter(member=member, occurred_on__year=year)
                               .select_related("created_by").order_by("-occurred_on", "-id")),
        "statement": DutyStatement.objects.filter(member=member, year=year).first(),
    }
