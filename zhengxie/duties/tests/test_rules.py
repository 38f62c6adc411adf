"""Rule sets: created from a preset or a copy by administrators only, validated as a whole, edits recompute
the open year, a closed year is frozen, a stale form is refused."""

from decimal import Decimal

import pytest

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.duties import scoring, services
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.choices import RuleMode, RuleSetStatus
from zhengxie.duties.models import Requirement, Rule, RuleSet, Score

from .helpers import make_rule_set, record, this_year

pytestmark = pytest.mark.django_db


def _rule(rule_set, kind):
    return rule_set.rules.filter(kind=kind).order_by("order").first()


@pytest.mark.parametrize("preset", ["hundred", "base_bonus"])
def test_presets_create_a_valid_rule_set_with_the_minimum_on_its_rules(world, preset):
    rule_set = make_rule_set(world, preset=preset)
    assert rule_set.rules.count() > 30 and rule_set.bands.count() == 3
    requirements = list(rule_set.requirements.prefetch_related("rules"))
    assert len(requirements) == 3
    assert {r.kind for r in requirements[0].rules.all()} == {K.MEETING_ATTENDED}
    assert AuditEntry.objects.filter(action="duties.rule_set.created", organisation=world.city).exists()


def test_only_administrators_create_and_edit_rules(world):
    for username in ("city_office", "city_leader", "city_member", "province_admin"):
        with pytest.raises(NotAllowed):
            services.rule_set_create(actor=world.users[username], organisation=world.city, year=this_year(),
                                     preset="hundred")
    rule_set = make_rule_set(world)
    with pytest.raises(NotAllowed):
        services.rule_save(actor=world.users["city_office"], rule_set=rule_set, version=rule_set.version,
                           data={"points": Decimal(9)}, rule=_rule(rule_set, K.INSPECTION_ATTENDED))


def test_a_year_has_one_rule_set_and_a_copy_keeps_every_figure(world):
    first = make_rule_set(world, preset="base_bonus", year=this_year() - 1)
    with pytest.raises(DomainError):
        make_rule_set(world, preset="hundred", year=this_year() - 1)
    copy = services.rule_set_create(actor=world.users["city_admin"], organisation=world.city, year=this_year(),
                                    copy_from=first)
    assert copy.base_points == Decimal(70) and copy.bonus_cap == Decimal(50)
    assert [(r.kind, r.points, r.conditions) for r in copy.rules.order_by("order")] == \
        [(r.kind, r.points, r.conditions) for r in first.rules.order_by("order")]
    copied = copy.requirements.prefetch_related("rules").first()
    assert all(r.rule_set_id == copy.pk for r in copied.rules.all())


def test_another_organisations_rules_cannot_be_copied(world):
    other = make_rule_set(world, org="city2", year=this_year() - 1)
    with pytest.raises(NotAllowed):
        services.rule_set_create(actor=world.users["city_admin"], organisation=world.city, year=this_year(),
                                 copy_from=other)


def test_editing_an_open_year_recomputes_its_scores(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rule_set = make_rule_set(world)
        record(world.members["city_member"], K.INSPECTION_ATTENDED)
    assert Score.objects.get(member=world.members["city_member"], year=this_year()).section_points("activity") == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                           data={"points": Decimal(7)}, rule=_rule(rule_set, K.INSPECTION_ATTENDED))
    assert Score.objects.get(member=world.members["city_member"], year=this_year()).section_points("activity") == 7
    rule_set.refresh_from_db()
    assert rule_set.version == 2 and rule_set.history.filter(action="rule_saved").exists()


@pytest.mark.parametrize("change, message", [
    ({"kind": K.MEETING_ABSENT, "conditions": {"role": ["first"]}}, "does not apply"),
    ({"mode": RuleMode.JOINT}, "joint"),
    ({"mode": RuleMode.RECORDED}, "staff"),
    ({"cap": Decimal(-1)}, "negative"),
])
def test_invalid_rules_are_refused_and_nothing_changes(world, change, message):
    rule_set = make_rule_set(world)
    rule = _rule(rule_set, K.INSPECTION_ATTENDED)
    with pytest.raises(DomainError) as error:
        services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                           data=change, rule=rule)
    assert message in str(error.value)
    rule.refresh_from_db()
    assert rule.kind == K.INSPECTION_ATTENDED and rule.mode == RuleMode.FIXED


def test_a_rule_that_can_never_apply_is_refused(world):
    rule_set = make_rule_set(world)
    with pytest.raises(DomainError, match="can never apply"):
        services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                           data={"label": "重复", "kind": K.INSPECTION_ATTENDED, "conditions": {}, "mode": RuleMode.FIXED,
                                 "points": Decimal(1), "first_share": Decimal("0.5"), "cap": None, "section": "activity"})
    assert not Rule.objects.filter(rule_set=rule_set, label="重复").exists()


def test_moving_a_rule_changes_the_order_unless_it_hides_another(world):
    rule_set = make_rule_set(world)
    admin = world.users["city_admin"]
    generic = rule_set.rules.get(kind=K.MEETING_ABSENT, conditions={})
    before = list(rule_set.rules.order_by("order").values_list("pk", flat=True))
    with pytest.raises(DomainError, match="can never apply"):
        services.rule_move(actor=admin, rule=generic, version=rule_set.version, up=True)
    assert list(rule_set.rules.order_by("order").values_list("pk", flat=True)) == before
    late = rule_set.rules.get(kind=K.MEETING_LATE)
    services.rule_move(actor=admin, rule=late, version=rule_set.version, up=True)
    after = list(rule_set.rules.order_by("order").values_list("pk", flat=True))
    index = before.index(late.pk)
    assert after[index - 1] == late.pk and after[index] == before[index - 1]


def test_bands_and_sections_are_validated(world):
    rule_set = make_rule_set(world)
    base = {"values": {}, "sections": [{"category": "meeting", "start_points": Decimal(50), "floor_points": Decimal(60),
                                        "cap_points": Decimal(50)}],
            "bands": [{"label": "优秀", "min_points": Decimal(85), "tone": "success", "needs_talk": False}]}
    with pytest.raises(DomainError) as error:
        services.rule_set_update(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version, **base)
    assert "floor is above the cap" in str(error.value) and "lowest band must start at 0" in str(error.value)
    assert rule_set.bands.count() == 3


def test_a_requirement_names_rules_of_its_own_rule_set(world):
    rule_set = make_rule_set(world)
    other = make_rule_set(world, org="city2")
    with pytest.raises(DomainError):
        services.requirement_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                                  data={"label": "x", "min_count": 1, "rule_ids": [other.rules.first().pk]})
    requirement = rule_set.requirements.first()
    with pytest.raises(DomainError, match="names no rule"):
        for rule in list(requirement.rules.all()):
            rule_set.refresh_from_db()
            services.rule_delete(actor=world.users["city_admin"], rule=rule, version=rule_set.version)
    assert Requirement.objects.get(pk=requirement.pk).rules.exists()


def test_a_stale_form_is_refused(world):
    rule_set = make_rule_set(world)
    services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                       data={"points": Decimal(3)}, rule=_rule(rule_set, K.RESEARCH_ATTENDED))
    with pytest.raises(ConcurrentChange):
        services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=1,
                           data={"points": Decimal(4)}, rule=_rule(rule_set, K.RESEARCH_ATTENDED))


def test_closing_a_year_freezes_its_scores(world, django_capture_on_commit_callbacks):
    member = world.members["city_member"]
    with django_capture_on_commit_callbacks(execute=True):
        rule_set = make_rule_set(world)
        record(member, K.INSPECTION_ATTENDED)
    services.rule_set_close(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version)
    frozen = Score.objects.get(member=member, year=this_year())
    assert frozen.total == Decimal(52) and frozen.lines
    assert Notification.objects.filter(recipient=world.users["city_member"], code="duties.year_closed").exists()
    with django_capture_on_commit_callbacks(execute=True):
        record(member, K.RESEARCH_ATTENDED)
    scoring.recompute_year(this_year(), [world.city.pk])
    assert Score.objects.get(member=member, year=this_year()).total == Decimal(52)
    rule_set.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.rule_save(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                           data={"points": Decimal(9)}, rule=_rule(rule_set, K.RESEARCH_ATTENDED))
    with pytest.raises(InvalidTransition):
        services.rule_set_close(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version)
    with pytest.raises(DomainError):
        services.rule_set_reopen(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.rule_set_reopen(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version,
                                 reason="补录遗漏的调研")
    score = Score.objects.get(member=member, year=this_year())
    assert score.total == Decimal(54) and score.lines == []
    assert RuleSet.objects.get(pk=rule_set.pk).status == RuleSetStatus.OPEN


def test_only_administrators_close_a_year(world):
    rule_set = make_rule_set(world)
    with pytest.raises(NotAllowed):
        services.rule_set_close(actor=world.users["city_office"], rule_set=rule_set, version=rule_set.version)


def test_deleting_an_open_years_rules_deletes_its_scores(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rule_set = make_rule_set(world)
    assert Score.objects.filter(rule_set=rule_set).exists()
    services.rule_set_delete(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version)
    assert not Score.objects.filter(organisation=world.city).exists()


def test_a_year_that_has_not_begun_cannot_be_closed(world, client_as):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    rule_set = make_rule_set(world, year=this_year() + 1)
    with pytest.raises(DomainError):
        services.rule_set_close(actor=world.users["city_admin"], rule_set=rule_set, version=rule_set.version)
    assert RuleSet.objects.get(pk=rule_set.pk).status == RuleSetStatus.OPEN
    client = client_as(world.users["city_admin"])
    response = client.post(reverse("duties:rule_set_close", args=[rule_set.pk]), {"version": rule_set.version})
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "已通知" not in shown and "told" not in shown
    assert RuleSet.objects.get(pk=rule_set.pk).status == RuleSetStatus.OPEN
