"""The scoring engine on its own, with hypothesis: whatever the rules and the events, the total never exceeds
the caps, the order of the events does not change a score, and an event's removal removes its points."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengxie.duties.choices import DutyCategory, RuleMode
from zhengxie.duties.engine import (
    CompiledRequirement,
    CompiledRule,
    CompiledRuleSet,
    CompiledSection,
    EventRow,
    score,
    to_cents,
)

KINDS = ["meeting_absent", "meeting_attended", "proposal_registered", "proposal_key", "opinion_submitted",
         "inspection_attended", "manual"]
CATEGORIES = [DutyCategory.MEETING, DutyCategory.PROPOSAL, DutyCategory.OPINION, DutyCategory.ACTIVITY,
              DutyCategory.OTHER]
ATTRIBUTES = {"role": ["first", "cosigner", "collective"], "meeting_type": ["plenary", "standing", "other"]}
cents = st.integers(min_value=-2000, max_value=2000)
caps = st.none() | st.integers(min_value=0, max_value=3000)


@st.composite
def sections(draw):
    result = {}
    for category in draw(st.lists(st.sampled_from(CATEGORIES), unique=True)):
        start = draw(st.integers(0, 5000))
        floor = draw(st.none() | st.integers(-5000, start))
        cap = draw(st.none() | st.integers(start, 10000))
        result[category] = CompiledSection(start, floor, cap)
    return result


@st.composite
def rules(draw):
    made = []
    for index in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(KINDS))
        conditions = tuple(sorted(
            (key, frozenset(draw(st.lists(st.sampled_from(values), min_size=1, unique=True))))
            for key, values in ATTRIBUTES.items() if draw(st.booleans())
        ))
        mode = RuleMode.FIXED
        if kind.startswith("proposal_") and draw(st.booleans()):
            mode = RuleMode.JOINT
        if kind == "manual":
            mode = RuleMode.RECORDED
        made.append(CompiledRule(id=index + 1, kind=kind, conditions=conditions, mode=mode, points=draw(cents),
                                 first_share=Fraction(draw(st.integers(0, 100)), 100), cap=draw(caps),
                                 section=draw(st.sampled_from(CATEGORIES))))
    return made


@st.composite
def rule_sets(draw):
    chosen = draw(rules())
    base = draw(st.integers(0, 10000))
    rule_ids = [r.id for r in chosen]
    requirements = [CompiledRequirement(i + 1, frozenset(draw(st.lists(st.sampled_from(rule_ids), min_size=1))),
                                        draw(st.integers(1, 3))) for i in range(draw(st.integers(0, 3)))]
    return CompiledRuleSet(
        id=1, base=base, bonus_cap=draw(caps), max_total=draw(st.none() | st.integers(base, 20000)),
        sections=draw(sections()), rules=chosen, requirements=requirements,
        bands=[(1, 0), (2, draw(st.integers(1, 12000)))],
    )


@st.composite
def events(draw, max_size=40):
    made = []
    for index in range(draw(st.integers(0, max_size))):
        attributes = {key: draw(st.sampled_from(values)) for key, values in ATTRIBUTES.items() if draw(st.booleans())}
        attributes["signers"] = draw(st.integers(1, 6))
        attributes["points"] = str(draw(st.integers(-500, 500)) / 100)
        made.append(EventRow(index + 1, draw(st.sampled_from(KINDS)), attributes))
    return made


def _key(result):
    return (result.total, result.sections, result.gains, result.losses, result.requirement_counts, result.band_id,
            result.requirements_met)


@settings(max_examples=300)
@given(rule_sets(), events())
def test_the_total_never_exceeds_any_cap(rule_set, rows):
    result = score(rule_set, rows)
    assert result.total >= 0
    if rule_set.max_total is not None:
        assert result.total <= rule_set.max_total
    if rule_set.bonus_cap is not None:
        assert result.gains_counted <= rule_set.bonus_cap
    for category, value in result.sections.items():
        section = rule_set.sections.get(category)
        if section is not None:
            assert section.cap is None or value <= section.cap
            assert section.floor is None or value >= section.floor
    for rule in rule_set.rules:
        if rule.cap is not None:
            given_points = sum(li.awarded for li in result.lines if li.rule_id == rule.id and li.awarded > 0)
            taken_points = -sum(li.awarded for li in result.lines if li.rule_id == rule.id and li.awarded < 0)
            assert given_points <= rule.cap and taken_points <= rule.cap


@settings(max_examples=300)
@given(rule_sets(), events(), st.randoms(use_true_random=False))
def test_the_order_of_the_events_does_not_change_the_score(rule_set, rows, random):
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert _key(score(rule_set, rows)) == _key(score(rule_set, shuffled))


@settings(max_examples=200)
@given(rule_sets(), events(), st.data())
def test_a_removed_event_takes_its_points_with_it(rule_set, rows, data):
    """Without caps or clamps in the way, removing an event changes the raw sums by exactly its points."""
    uncapped = CompiledRuleSet(id=1, base=rule_set.base, rules=[
        CompiledRule(r.id, r.kind, r.conditions, r.mode, r.points, r.first_share, None, r.section)
        for r in rule_set.rules])
    if not rows:
        return
    removed = data.draw(st.sampled_from(rows))
    before = score(uncapped, rows)
    after = score(uncapped, [row for row in rows if row is not removed])
    line = next((li for li in before.lines if li.event_id == removed.id), None)
    points = line.awarded if line else 0
    assert sum(before.section_raw.values()) - sum(after.section_raw.values()) == points
    assert all(li.event_id != removed.id for li in after.lines)


def test_joint_proposal_shares_the_points():
    rule = CompiledRule(1, "proposal_registered", (), RuleMode.JOINT, 500, Fraction(1, 2), None, "proposal")
    rule_set = CompiledRuleSet(id=1, rules=[rule])
    first = score(rule_set, [EventRow(1, "proposal_registered", {"role": "first", "signers": 3})])
    cosigner = score(rule_set, [EventRow(1, "proposal_registered", {"role": "cosigner", "signers": 3})])
    alone = score(rule_set, [EventRow(1, "proposal_registered", {"role": "first", "signers": 1})])
    assert (first.total, cosigner.total, alone.total) == (250, 125, 500)


def test_first_matching_rule_wins_and_unmatched_events_earn_nothing():
    plenary = CompiledRule(1, "meeting_absent", (("meeting_type", frozenset({"plenary"})),), RuleMode.FIXED, -1000,
                           Fraction(1, 2), None, "meeting")
    other = CompiledRule(2, "meeting_absent", (), RuleMode.FIXED, -300, Fraction(1, 2), None, "meeting")
    rule_set = CompiledRuleSet(id=1, base=5000, rules=[plenary, other])
    result = score(rule_set, [EventRow(1, "meeting_absent", {"meeting_type": "plenary"}),
                              EventRow(2, "meeting_absent", {"meeting_type": "committee"}),
                              EventRow(3, "meeting_attended", {"meeting_type": "plenary"})])
    assert [li.rule_id for li in result.lines] == [1, 2]
    assert result.total == 5000 - 1000 - 300
    assert result.event_count == 3


def test_rule_cap_limits_points_given_and_taken_separately():
    manual = CompiledRule(1, "manual", (), RuleMode.RECORDED, 0, Fraction(1, 2), 500, "other")
    rule_set = CompiledRuleSet(id=1, base=10000, rules=[manual])
    rows = [EventRow(i, "manual", {"points": p}) for i, p in enumerate(["3", "4", "-2", "-4"], start=1)]
    result = score(rule_set, rows)
    assert [li.awarded for li in result.lines] == [300, 200, -200, -300]
    assert to_cents("1.005") == 101
