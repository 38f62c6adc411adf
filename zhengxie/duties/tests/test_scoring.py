"""Scores from the ledger and the rules: both presets on a hand-computed member (the worked examples of the
user guide), and, with hypothesis, incremental scores that always equal a full recomputation, whatever the
order in which events arrive, with retracted events losing their points."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengxie.duties import scoring, services
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent, Score
from zhengxie.duties.record import build_record

from .helpers import make_rule_set, record, source, this_year, when

pytestmark = pytest.mark.django_db


def worked_example(member, manual_entry=None):
    """The member of the user guide's worked example: one year of duties."""
    record(member, K.MEETING_ATTENDED, {"meeting_type": "plenary"}, on=when(1, 10))
    record(member, K.MEETING_ABSENT, {"meeting_type": "standing"}, on=when(2, 20))
    record(member, K.MEETING_LATE, {"meeting_type": "committee"}, on=when(3, 5))
    record(member, K.MEETING_LATE, {"meeting_type": "committee"}, on=when(4, 5))
    record(member, K.MEETING_LEAVE, {"meeting_type": "committee"}, on=when(5, 5))
    joint, own = source("关于加强乡村养老服务的提案"), source("关于建设智慧停车系统的提案")
    cosigned = source("关于加快老旧小区改造的提案")
    record(member, K.PROPOSAL_SUBMITTED, {"role": "first", "signers": 3}, src=joint, on=when(1, 8))
    record(member, K.PROPOSAL_REGISTERED, {"role": "first", "signers": 3}, src=joint, on=when(2, 1))
    record(member, K.PROPOSAL_REGISTERED, {"role": "cosigner", "signers": 3}, src=cosigned, on=when(2, 1))
    record(member, K.PROPOSAL_REGISTERED, {"role": "first", "signers": 1}, src=own, on=when(2, 2))
    record(member, K.PROPOSAL_KEY, {"role": "first", "signers": 3}, src=joint, on=when(3, 1))
    record(member, K.PROPOSAL_EXCELLENT, {"role": "first", "signers": 1}, src=own, on=when(11, 1))
    for month in range(1, 7):
        record(member, K.OPINION_SUBMITTED, {}, on=when(month, 15))
    record(member, K.OPINION_ADOPTED_CITY, {"by": "local"}, on=when(6, 20))
    record(member, K.OPINION_INSTRUCTED_PROVINCE, {"by": "local"}, on=when(7, 1))
    record(member, K.INSPECTION_ATTENDED, {"activity_type": "inspection"}, on=when(5, 10))
    record(member, K.RESEARCH_ATTENDED, {"activity_type": "research"}, on=when(6, 10))
    record(member, K.RESEARCH_ATTENDED, {"activity_type": "research"}, on=when(8, 10))
    record(member, K.SPEECH_DELIVERED, {}, on=when(1, 11))
    for month in (4, 7, 9):
        record(member, K.STUDY_ATTENDED, {"activity_type": "study"}, on=when(month, 2))
    record(member, K.MANUAL, {"points": "2", "reason": "外地培训补录"}, on=when(9, 9))


def _points(score, category):
    return Decimal(score.sections.get(category, 0)) / 100


def test_hundred_point_preset_reproduces_the_worked_example(world, django_capture_on_commit_callbacks):
    make_rule_set(world, preset="hundred")
    member = world.members["city_member"]
    with django_capture_on_commit_callbacks(execute=True):
        worked_example(member)
    score = Score.objects.get(member=member, year=this_year())
    # meetings 50 − 5 (standing absence) − 1 − 1 (late twice) − 1 (excused, committee) = 42
    assert _points(score, "meeting") == Decimal("42")
    # proposals 2.5 (joint, first of 3) + 1.25 (co-signer of 3) + 5 (alone) + 2.5 (key, first of 3) + 10 = 21.25
    assert _points(score, "proposal") == Decimal("21.25")
    # reports 6 × 1 capped at 5, + 3 (city adoption) + 8 (provincial instruction) = 16, capped at 15
    assert _points(score, "opinion") == Decimal("15")
    # activities 2 + 2 × 2 + 3 (speech) + 3 × 1 (study) = 12, capped at 10
    assert _points(score, "activity") == Decimal("10")
    assert _points(score, "other") == Decimal("2")
    assert score.total == Decimal("90.25")
    assert score.band.label in ("Excellent", "优秀")
    assert score.requirements_met and score.missing_count == 0
    assert score.event_count == 27


def test_base_bonus_preset_reproduces_the_worked_example(world, django_capture_on_commit_callbacks):
    make_rule_set(world, preset="base_bonus")
    member = world.members["city_member"]
    with django_capture_on_commit_callbacks(execute=True):
        worked_example(member)
    score = Score.objects.get(member=member, year=this_year())
    # meetings −5 − 1 − 1 (the excused absence is not scored) = −7
    assert _points(score, "meeting") == Decimal("-7")
    # proposals 5 + 1 + 5 + 5 (key) + 10 (excellent) = 26, capped at 20
    assert _points(score, "proposal") == Decimal("20")
    # reports 6 × 0.5 + 3 + 15 = 21, capped at 20
    assert _points(score, "opinion") == Decimal("20")
    assert _points(score, "speech") == Decimal("5")
    assert _points(score, "activity") == Decimal("6")
    assert _points(score, "study") == Decimal("3")
    # gains 20 + 20 + 5 + 6 + 3 + 2 = 56, capped at 50; 70 + 50 − 7 = 113
    assert score.gains == Decimal("50") and score.losses == Decimal("-7")
    assert score.total == Decimal("113")
    assert score.band.label in ("Excellent", "优秀")


def test_a_member_without_events_gets_the_starting_points_and_misses_the_minimum(world):
    make_rule_set(world, preset="hundred")
    scoring.recompute_year(this_year(), [world.city.pk])
    score = Score.objects.get(member=world.members["city_member2"], year=this_year())
    assert score.total == Decimal("50") and score.missing_count == 3 and not score.requirements_met
    assert score.band.needs_talk


def test_explanation_traces_every_point_to_an_event_and_a_rule(world, django_capture_on_commit_callbacks):
    make_rule_set(world, preset="hundred")
    with django_capture_on_commit_callbacks(execute=True):
        worked_example(world.members["city_member"])
    rec = build_record(world.members["city_member"], this_year())
    stored = Score.objects.get(member=world.members["city_member"], year=this_year())
    assert rec.total == stored.total
    lines = [line for section in rec.sections for line in section.lines]
    assert all(line.event is not None and line.rule is not None for line in lines)
    assert rec.unscored == DutyEvent.objects.filter(member=world.members["city_member"]).count() - len(lines)
    capped = [line for line in lines if line.awarded != line.raw]
    assert capped and all(line.rule.cap is not None for line in capped)


EVENT_KINDS = [
    (K.MEETING_ATTENDED, {"meeting_type": "plenary"}), (K.MEETING_ABSENT, {"meeting_type": "plenary"}),
    (K.MEETING_ABSENT, {"meeting_type": "committee"}), (K.MEETING_LATE, {}), (K.MEETING_LEAVE, {"meeting_type": "standing"}),
    (K.PROPOSAL_SUBMITTED, {"role": "first", "signers": 2}), (K.PROPOSAL_REGISTERED, {"role": "first", "signers": 3}),
    (K.PROPOSAL_REGISTERED, {"role": "cosigner", "signers": 3}), (K.PROPOSAL_REGISTERED, {"role": "collective"}),
    (K.PROPOSAL_EXCELLENT, {"role": "cosigner", "signers": 2}), (K.OPINION_SUBMITTED, {}),
    (K.OPINION_ADOPTED_NATIONAL, {"by": "upper"}), (K.INSPECTION_ATTENDED, {}), (K.RESEARCH_ATTENDED, {}),
    (K.STUDY_ATTENDED, {}), (K.SPEECH_DELIVERED, {}), (K.OUTREACH_ACTIVITY, {"activity_type": "talk"}),
    (K.SELF_REPORTED, {"report_type": "research"}), (K.MANUAL, {"points": "-3"}), (K.MANUAL, {"points": "4.5"}),
]
event_specs = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, len(EVENT_KINDS) - 1), st.integers(1, 12), st.integers(1, 28)),
    max_size=25,
)
DB_SETTINGS = settings(max_examples=25, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Rollback(Exception):
    pass


def _members(world):
    return [world.members["city_member"], world.members["city_member2"], world.members["city_member3"]]


def _record_all(world, specs, order):
    members = _members(world)
    for index in order:
        who, kind_index, month, day = specs[index]
        kind, attributes = EVENT_KINDS[kind_index]
        record(members[who], kind, attributes, on=when(month, day), src=source(pk=500 + index))


def _snapshot(world):
    """The scores, without the ids of rules and bands (another rule set has other ids)."""
    return {s.member_id: (s.total, s.gains, s.losses, s.sections,
                          [count for _id, count in sorted(s.requirement_counts.items(), key=lambda kv: int(kv[0]))],
                          s.band.label if s.band else None, s.event_count)
            for s in Score.objects.filter(member__in=_members(world), year=this_year()).select_related("band")}


def _lines(world):
    result = {}
    for member in _members(world):
        rec = build_record(member, this_year())
        result[member.pk] = [(line.event.source_id, line.rule.label, line.awarded)
                             for section in rec.sections for line in section.lines]
    return result


@pytest.mark.parametrize("preset", ["hundred", "base_bonus"])
@DB_SETTINGS
@given(specs=event_specs, data=st.data())
def test_incremental_scores_equal_a_full_recomputation(world, django_capture_on_commit_callbacks, preset, specs, data):
    try:
        with transaction.atomic():
            with django_capture_on_commit_callbacks(execute=True):
                make_rule_set(world, preset=preset)
            order = data.draw(st.permutations(range(len(specs))))
            with django_capture_on_commit_callbacks(execute=True):
                _record_all(world, specs, order)
            incremental = _snapshot(world)
            scoring.recompute_year(this_year(), [world.city.pk])
            assert incremental == _snapshot(world)
            raise Rollback
    except Rollback:
        pass


@DB_SETTINGS
@given(specs=event_specs, data=st.data())
def test_the_order_in_which_events_arrive_changes_nothing(world, django_capture_on_commit_callbacks, specs, data):
    results = []
    for order in (list(range(len(specs))), data.draw(st.permutations(range(len(specs))))):
        try:
            with transaction.atomic():
                with django_capture_on_commit_callbacks(execute=True):
                    make_rule_set(world, preset="hundred")
                    _record_all(world, specs, order)
                results.append((_snapshot(world), _lines(world)))
                raise Rollback
        except Rollback:
            pass
    assert results[0] == results[1]


@DB_SETTINGS
@given(specs=event_specs, data=st.data())
def test_a_retracted_event_loses_its_points(world, django_capture_on_commit_callbacks, specs, data):
    if not specs:
        return
    retracted = data.draw(st.sets(st.integers(0, len(specs) - 1), min_size=1))
    kept = [i for i in range(len(specs)) if i not in retracted]
    try:
        with transaction.atomic():
            with django_capture_on_commit_callbacks(execute=True):
                make_rule_set(world, preset="base_bonus")
                _record_all(world, specs, list(range(len(specs))))
                for index in retracted:
                    services.retract_duty_events(source=source(pk=500 + index), reason="withdrawn")
            after_retraction = _snapshot(world)
            lines = _lines(world)
            assert not any(src in {str(500 + i) for i in retracted} for rows in lines.values() for src, *_ in rows)
            scoring.recompute_year(this_year(), [world.city.pk])
            assert after_retraction == _snapshot(world)
            raise Rollback
    except Rollback:
        pass
    try:
        with transaction.atomic():
            with django_capture_on_commit_callbacks(execute=True):
                make_rule_set(world, preset="base_bonus")
                _record_all(world, specs, kept)
            assert after_retraction == _snapshot(world)
            raise Rollback
    except Rollback:
        pass


def test_events_of_another_organisation_never_count(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_rule_set(world, org="city")
        make_rule_set(world, org="city2")
        record(world.members["city2_member"], K.OPINION_ADOPTED_NATIONAL, {})
    assert Score.objects.get(member=world.members["city_member"], year=this_year()).total == Decimal("50")
    assert Score.objects.get(member=world.members["city2_member"], year=this_year()).total == Decimal("60")
    assert not Score.objects.filter(organisation=world.city, member=world.members["city2_member"]).exists()


def test_many_members_at_once_recompute_the_whole_organisation(world, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(scoring, "WHOLE_ORGANISATION_FROM", 1)
    make_rule_set(world)
    rows = [dict(member=m, kind=K.INSPECTION_ATTENDED, source=source(), occurred_at=when())
            for m in (world.members["city_member"], world.members["city_member2"])]
    with django_capture_on_commit_callbacks(execute=True):
        services.record_duty_events_bulk(rows)
    assert Score.objects.get(member=world.members["city_member2"], year=this_year()).section_points("activity") == 2
