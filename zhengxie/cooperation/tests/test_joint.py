"""Alliances and joint activities: membership (platform and outside committees), the rota and the plan; a joint
activity organised by several committees, each with its own activity, one outcome report that every organiser sees
and counts; a committee that does not co-organise sees nothing of it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.models import Activity
from zhengxie.cooperation import selectors, services
from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.stats.registry import Scope, figures

from .factories import alliance, joint, research

pytestmark = pytest.mark.django_db


def test_alliance_members_rota_and_plan(world):
    created = alliance(world)
    names = [m.name for m in created.members.all()]
    assert names == ["酒泉市政协", "天水市政协", "嘉峪关市政协"]
    outside = created.members.get(outside__isnull=False)
    with pytest.raises(DomainError):
        services.alliance_add_member(actor=world.city2_office, alliance=created, committee=world.city)
    with pytest.raises(NotAllowed):  # a member committee's office does not manage the alliance
        services.alliance_set_host(actor=world.city_office, alliance=created, year=2026, host=outside)
    services.alliance_set_host(actor=world.city2_office, alliance=created, year=2026, host=outside, theme="新能源")
    services.alliance_set_host(actor=world.city2_office, alliance=created, year=2026, host=created.members.first())
    assert created.rota.get().host.name == "酒泉市政协"
    item = services.plan_item_add(actor=world.city2_office, alliance=created, year=2026, title="联合调研新能源装备",
                                  lead=outside, due_on=dt.date(2026, 6, 30))
    with pytest.raises(DomainError):
        services.plan_item_add(actor=world.city2_office, alliance=created, year=2026, title="跨年", due_on=dt.date(2027, 1, 1))
    with pytest.raises(NotAllowed):  # a member committee's office does not tick the keeper's plan
        services.plan_item_set_status(actor=world.city_office, item=item, status="done")
    services.plan_item_set_status(actor=world.city2_office, item=item, status="done")
    item.refresh_from_db()
    assert item.status == "done" and [(h.action, h.from_state, h.to_state) for h in item.history.all()] == [
        ("complete", "planned", "done")]
    with pytest.raises(InvalidTransition):  # done already
        services.plan_item_set_status(actor=world.city2_office, item=item, status="done")
    # the member committee sees it; a committee outside it does not
    assert list(selectors.alliances_visible_to(world.city_office, world.city)) == [created]
    assert not selectors.alliances_visible_to(world.county_office, world.county).exists()
    assert not selectors.alliances_visible_to(world.city_member, world.city).exists()


def test_joint_activity_across_committees(world, client_as):
    item = joint(world)
    assert {o.organisation_id for o in item.organisers.all()} == {world.city.pk, world.city2.pk}
    # the co-organiser sees it and is told; a third committee sees nothing
    assert selectors.joints_visible_to(world.city2_office, world.city2).get() == item
    assert not selectors.joints_visible_to(world.county_office, world.county).exists()
    assert not selectors.joints_visible_to(world.city_member, world.city).exists()
    assert client_as(world.county_office).get(reverse("cooperation:joint_detail", args=[item.pk])).status_code == 404
    assert selectors.joints_without_my_activity(world.city2_office, world.city2).count() == 1
    # each organiser sets up its own part; nobody sets up another's
    theirs = item.organisers.get(organisation=world.city2)
    with pytest.raises(NotAllowed):
        services.joint_create_own_activity(actor=world.city_office, organiser=theirs)
    with pytest.raises(DomainError):  # an activity of another committee
        services.joint_link_activity(actor=world.city2_office, organiser=theirs, activity=research(world, "city"))
    own = services.joint_create_own_activity(actor=world.city2_office, organiser=theirs)
    assert own.organisation == world.city2 and own.type == "research" and own.status == "draft"
    services.joint_link_activity(actor=world.city_office, organiser=item.organisers.get(organisation=world.city),
                                 activity=research(world, "city"))
    assert selectors.joints_without_my_activity(world.city2_office, world.city2).count() == 0
    # only the lead files the one report; every organiser then sees it
    with pytest.raises(NotAllowed):
        services.joint_report(actor=world.city2_office, joint=item, title="报告", text="内容")
    item.refresh_from_db()
    services.joint_report(actor=world.city_office, joint=item, title="河西走廊新能源装备制造业发展调研报告",
                          text="一、基本情况……\n二、对策建议……", version=item.version)
    seen = client_as(world.city2_office).get(reverse("cooperation:joint_detail", args=[item.pk])).content.decode()
    assert "河西走廊新能源装备制造业发展调研报告" in seen
    year = timezone.localdate().year
    for org in (world.city, world.city2):
        scope = Scope(org_ids=(org.pk,), start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        values = {f.key: f.compute(scope) for f in figures() if f.key.startswith("cooperation.joint")}
        assert values == {"cooperation.joint_activities": 1, "cooperation.joint_reported": 1}
    scope = Scope(org_ids=(world.county.pk,), start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    assert all(f.compute(scope) == 0 for f in figures() if f.key.startswith("cooperation."))
    assert Activity.objects.filter(joint_organiser__joint=item).count() == 2


def test_joint_input_is_checked(world):
    today = timezone.localdate()
    with pytest.raises(DomainError):
        joint(world, starts_on=today, ends_on=today - dt.timedelta(days=1))
    with pytest.raises(DomainError):
        joint(world, co=("city2", "city2"))
    with pytest.raises(NotAllowed):
        services.joint_create(actor=world.city_member, organisation=world.city, kind="research", title="x",
                              starts_on=today, ends_on=today)
    other = alliance(world, "city2", members=(), outside=())
    with pytest.raises(DomainError):  # an alliance the committee does not belong to
        joint(world, alliance=other)
    item = joint(world)
    services.joint_cancel(actor=world.city_office, joint=item, reason="时间冲突")
    with pytest.raises(DomainError):
        services.joint_report(actor=world.city_office, joint=item, title="报告", text="内容")
