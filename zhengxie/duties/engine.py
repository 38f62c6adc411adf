"""The scoring engine: a pure function from a compiled rule set and one member's events of a year to a score.

Points are whole hundredths (``int``) inside the engine, so sums are exact and the result does not depend on
the order in which events were recorded:

1. Events are taken in the order given: callers pass them by time, kind and source (``scoring.ATTRIBUTION``),
   never by the order they were recorded, so which event reaches a cap first does not depend on arrival.
2. Each event is scored by the first rule (in the rule set's order) whose kind and conditions it matches;
   an event no rule matches is kept in the record but earns nothing.
3. A rule's points: fixed; or shared among the signers of a joint proposal (the first proposer gets
   ``first_share``, the co-signers share the rest equally); or the points staff recorded (manual entries).
   A rule's yearly cap limits the points it gives and, separately, the points it takes.
4. Each section (category) totals its start points and its events' points, clamped to its floor and cap.
5. Gains (sections above zero) are capped by the bonus cap; losses (sections below zero) are then deducted
   from the base plus gains. The total is never below zero nor above the maximum total.
6. The band is the highest whose threshold the total reaches; a requirement is met when enough events were
   scored by its rules (whatever points they earned).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .choices import RuleMode

HUNDRED = 100


def to_cents(value) -> int:
    """Points (Decimal, str, int) as whole hundredths, rounded half away from zero."""
    return int((Decimal(str(value)) * HUNDRED).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_points(cents: int) -> Decimal:
    return (Decimal(cents) / HUNDRED).quantize(Decimal("0.01"))


def _round_half_up(value: Fraction) -> int:
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    return sign * int(magnitude + Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: int
    kind: str
    conditions: tuple  # ((attribute, frozenset(values)), …)
    mode: str
    points: int
    first_share: Fraction
    cap: int | None
    section: str
    fixed: bool = field(init=False, default=False)  # the same points for every event (most rules)

    def __post_init__(self):
        object.__setattr__(self, "fixed", self.mode == RuleMode.FIXED)

    def matches(self, attributes: dict) -> bool:
        for key, values in self.conditions:
            value = attributes.get(key)
            if value is None or str(value) not in values:
                return False
        return True

    def raw_points(self, attributes: dict) -> int:
        if self.mode == RuleMode.RECORDED:
            try:
                return to_cents(attributes.get("points") or 0)
            except ArithmeticError:
                return 0
        if self.mode == RuleMode.JOINT:
            role = attributes.get("role")
            try:
                signers = max(1, int(attributes.get("signers") or 1))
            except (TypeError, ValueError):
                signers = 1
            if signers > 1 and role == "first":
                return _round_half_up(self.points * self.first_share)
            if signers > 1 and role == "cosigner":
                return _round_half_up(self.points * (1 - self.first_share) / (signers - 1))
        return self.points


@dataclass(frozen=True, slots=True)
class CompiledSection:
    start: int = 0
    floor: int | None = None
    cap: int | None = None

    def clamp(self, value: int) -> int:
        if self.floor is not None and value < self.floor:
            value = self.floor
        if self.cap is not None and value > self.cap:
            value = self.cap
        return value


NO_SECTION = CompiledSection()


@dataclass(frozen=True, slots=True)
class CompiledRequirement:
    id: int
    rule_ids: frozenset
    min_count: int


@dataclass
class CompiledRuleSet:
    id: int
    base: int = 0
    bonus_cap: int | None = None
    max_total: int | None = None
    sections: dict = field(default_factory=dict)  # category -> CompiledSection
    rules: list = field(default_factory=list)  # [CompiledRule] in order
    requirements: list = field(default_factory=list)  # [CompiledRequirement]
    bands: list = field(default_factory=list)  # [(band id, min cents)], any order
    by_kind: dict = field(init=False, default_factory=dict)

    def __post_init__(self):
        for rule in self.rules:
            self.by_kind.setdefault(rule.kind, []).append(rule)
        self.bands = sorted(self.bands, key=lambda band: -band[1])

    @property
    def attribute_needs(self) -> dict[str, frozenset]:
        """For each event attribute the rules read, the kinds of event whose rules read it: a bulk recomputation
        fetches only those (events of other kinds are scored without their attributes)."""
        needs: dict[str, set] = {}
        for rule in self.rules:
            keys = {key for key, _values in rule.conditions}
            if rule.mode == RuleMode.JOINT:
                keys |= {"role", "signers"}
            elif rule.mode == RuleMode.RECORDED:
                keys.add("points")
            for key in keys:
                needs.setdefault(key, set()).add(rule.kind)
        return {key: frozenset(kinds) for key, kinds in needs.items()}

    def match(self, kind: str, attributes: dict) -> CompiledRule | None:
        for rule in self.by_kind.get(kind, ()):
            if rule.matches(attributes):
                return rule
        return None


@dataclass(slots=True)  # not frozen: a million of these are made in a bulk recomputation, and frozen is slower
class EventRow:
    """What the engine needs of a duty event: its attributes may hold None for an attribute it lacks."""

    id: int
    kind: str
    attributes: dict


@dataclass(frozen=True, slots=True)
class Line:
    event_id: int
    rule_id: int
    section: str
    raw: int
    awarded: int


@dataclass
class Result:
    total: int
    base: int
    gains: int  # sections above zero, before the bonus cap
    gains_counted: int  # after the bonus cap
    losses: int  # sections below zero (negative)
    sections: dict  # category -> points after its floor and cap
    section_raw: dict  # category -> start + events' points, before the floor and cap
    requirement_counts: dict  # requirement id -> events counted
    requirements_met: bool
    missing_count: int
    band_id: int | None
    event_count: int
    lines: list  # [Line], in attribution order


def score(rule_set: CompiledRuleSet, events: list[EventRow], *, with_lines: bool = True) -> Result:
    """Score one member's events of one year under ``rule_set`` (``with_lines``: keep the per-event
    explanation; a bulk recomputation does not need it)."""
    by_kind = rule_set.by_kind
    lines = []
    per_rule: dict[int, list] = {}  # rule id -> [events, points, points given, points taken, rule]
    for event in events:
        attributes = event.attributes
        for rule in by_kind.get(event.kind, ()):
            if not rule.conditions or rule.matches(attributes):
                break
        else:
            continue
        raw = rule.points if rule.fixed else rule.raw_points(attributes)
        state = per_rule.get(rule.id)
        if state is None:
            state = per_rule[rule.id] = [0, 0, 0, 0, rule]
        awarded = raw
        if rule.cap is not None:  # the cap limits what the rule gives and, separately, what it takes
            if raw >= 0:
                awarded = max(0, min(raw, rule.cap - state[2]))
                state[2] += awarded
            else:
                awarded = -max(0, min(-raw, rule.cap - state[3]))
                state[3] -= awarded
        state[0] += 1
        state[1] += awarded
        if with_lines:
            lines.append(Line(event.id, rule.id, rule.section, raw, awarded))
    section_raw = {category: section.start for category, section in rule_set.sections.items()}
    matched = {}
    for rule_id, (count, points, _given, _taken, rule) in per_rule.items():
        section_raw[rule.section] = section_raw.get(rule.section, 0) + points
        matched[rule_id] = count
    sections = {
        category: rule_set.sections.get(category, NO_SECTION).clamp(value) for category, value in section_raw.items()
    }
    gains = sum(v for v in sections.values() if v > 0)
    losses = sum(v for v in sections.values() if v < 0)
    gains_counted = gains if rule_set.bonus_cap is None else min(gains, rule_set.bonus_cap)
    total = max(0, rule_set.base + gains_counted + losses)
    if rule_set.max_total is not None:
        total = min(total, rule_set.max_total)
    counts = {
        requirement.id: sum(matched.get(rule_id, 0) for rule_id in requirement.rule_ids)
        for requirement in rule_set.requirements
    }
    missing = sum(1 for r in rule_set.requirements if counts[r.id] < r.min_count)
    band_id = next((band_id for band_id, minimum in rule_set.bands if total >= minimum), None)
    return Result(
        total=total, base=rule_set.base, gains=gains, gains_counted=gains_counted, losses=losses,
        sections=sections, section_raw=section_raw, requirement_counts=counts, requirements_met=missing == 0,
        missing_count=missing, band_id=band_id, event_count=len(events), lines=lines,
    )
