"""The figures for an organisation and a period, computed from the records (and the page and export)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengxie.outreach import services
from zhengxie.outreach.choices import PlaceKind, StudioBasis
from zhengxie.outreach.figures import outreach_figures
from zhengxie.outreach.models import Concern

from .factories import make_place, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
START = TODAY.replace(month=1, day=1)


@pytest.fixture
def records(world, station, room, other_place):
    station.is_three_in_one = True
    station.has_site = station.has_people = station.has_mechanism = station.has_rules = station.has_equipment = True
    station.save()
    make_place(world.city, name="法律服务委员工作室", kind=PlaceKind.STUDIO, county="", township="",
               studio_basis=StudioBasis.THEME, theme="法律服务", level="city")
    m1, m2, m3 = (world.members[k] for k in ("city_member", "city_member2", "city_member3"))
    held = dict(actor=world.city_office, held=True)
    services.activity_create(place=station, participants=[m1, m2], data={
        "kind": "talk", "topic": "宣讲", "held_on": TODAY, "constituents_count": 30}, **held)
    services.activity_create(place=room, participants=[m1], data={
        "kind": "consultation", "topic": "议事", "held_on": TODAY, "constituents_count": 12}, **held)
    services.activity_create(place=room, participants=[m3], actor=world.city_office, data={
        "kind": "visit", "topic": "计划走访", "held_on": TODAY + dt.timedelta(days=5)})  # planned: not counted
    services.activity_create(place=other_place, participants=[world.members["county_member"]], data={
        "kind": "visit", "topic": "县里的走访", "held_on": TODAY, "constituents_count": 5}, actor=world.county_office,
        held=True)
    concerns = [submit(world.city, place=station)[0] for _ in range(4)]
    for concern, satisfied in zip(concerns[:2], (True, False), strict=True):
        concern = services.concern_assign(actor=world.city_office, concern=concern, member=m2)
        concern = services.concern_close(actor=world.city_member2, concern=concern, result="已解决")
        services.concern_feedback(concern=concern, satisfied=satisfied)
    services.concern_decline(actor=world.city_office, concern=concerns[2], reason="不属于受理范围")
    old = submit(world.city, place=room, category="教育")[0]
    Concern.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=800))
    submit(world.county, place=other_place)
    return concerns


def test_figures_of_the_committee_only(world, records):
    f = outreach_figures(world.city, start=START, end=TODAY, include_lower=False)
    assert f.places["total"] == 3 and f.places["three_in_one"] == 1 and f.places["five_haves"] == 1
    assert f.places["by_kind"] == {"workstation": 1, "studio": 1, "room": 1}
    assert f.places["by_kind_level"]["room"]["village"] == 1 and f.places["by_kind_level"]["studio"]["city"] == 1
    assert f.activities["total"] == 2 and f.activities["by_kind"]["talk"] == 1
    assert f.activities["constituents"] == 42
    assert f.activities["members_gone_down"] == 2 and f.activities["participations"] == 3
    c = f.concerns
    assert (c["received"], c["solved"], c["declined"], c["rated"], c["satisfied"], c["still_open"]) == (4, 2, 1, 2, 1, 1)
    assert c["satisfaction_rate"] == 50.0 and c["online"] == 4
    assert dict(c["by_category"])["道路交通"] == {"received": 4, "solved": 2}
    assert f.by_organisation == []


def test_figures_with_the_committees_below(world, records):
    f = outreach_figures(world.city, start=START, end=TODAY, include_lower=True)
    assert f.places["total"] == 4 and f.activities["total"] == 3 and f.activities["members_gone_down"] == 3
    assert f.concerns["received"] == 5
    rows = {row.organisation.pk: row for row in f.by_organisation}
    assert rows[world.county.pk].places == 1 and rows[world.county.pk].received == 1
    assert rows[world.city.pk].solved == 2 and rows[world.city.pk].satisfied == 1
    assert world.city2.pk not in rows  # a sister city is not below


def test_a_period_before_anything_happened(world, records):
    f = outreach_figures(world.city, start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    assert f.activities["total"] == 0 and f.concerns["received"] == 0 and f.concerns["satisfaction_rate"] is None


@pytest.mark.parametrize("who,status", [("city_office", 200), ("city_leader", 200), ("city_proposal", 200),
                                        ("city_member", 403), ("city_unit", 403)])
def test_figures_page_for_staff(client_as, world, records, who, status):
    assert client_as(world.users[who]).get(reverse("outreach:figures")).status_code == status


def test_figures_page_and_export(client_as, world, records):
    client = client_as(world.city_office)
    page = client.get(reverse("outreach:figures"), {"include_lower": "no"})
    assert page.context["figures"].places["total"] == 3
    assert 'id="outreach-chart-data"' in page.content.decode()
    response = client.get(reverse("outreach:figures_export"))
    rows = dict(r for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) if r[0])
    assert rows["下沉委员（人）"] == 3 and rows["协商解决问题"] == 2 and rows["受理群众急难愁盼问题"] == 5


def test_the_statistics_app_reads_the_same_figures(world, records):
    from zhengxie.stats.registry import Scope, figure

    scope = Scope(org_ids=(world.city.pk,), start=START, end=TODAY)
    direct = outreach_figures(world.city, start=START, end=TODAY, include_lower=False)
    assert figure("outreach.three_in_one").compute(scope) == direct.places["three_in_one"] == 1
    assert figure("outreach.platforms").compute(scope) == 2  # the station and the room
    assert figure("outreach.members_gone_down").compute(scope) == direct.activities["members_gone_down"]
    assert figure("outreach.concerns_solved").compute(scope) == direct.concerns["solved"] == 2
    assert figure("outreach.concerns_satisfaction").compute(scope) == 50.0
    assert figure("outreach.studios").stock and figure("outreach.concerns_satisfaction").percent


@pytest.mark.django_db(transaction=True)
def test_search_finds_what_each_user_may_see_and_never_the_phone(world, station):
    from zhengxie.search.selectors import search

    concern, _code = submit(world.city, place=station, description="灌溉渠年久失修漏水严重，影响春灌。")
    office_hits = search(world.city_office, world.city, "灌溉渠")
    assert [h.obj for h in office_hits] == [concern]
    assert search(world.city_member3, world.city, "灌溉渠") == []  # not his concern
    assert search(world.city_office, world.city, "13912345678") == []


def test_solved_counts_only_concerns_received_in_the_period(world, records, station):
    """农业农村 showed 已解决 13 > 已受理 12: concerns received before the period and solved in it were counted as
    solved but not as received. Every count is now of the concerns received in the period."""
    earlier = submit(world.city, place=station, category="农业农村")[0]
    earlier = services.concern_assign(actor=world.city_office, concern=earlier, member=world.members["city_member2"])
    services.concern_close(actor=world.city_member2, concern=earlier, result="已解决")
    Concern.objects.filter(pk=earlier.pk).update(received_at=timezone.make_aware(
        dt.datetime.combine(START - dt.timedelta(days=20), dt.time(10))))
    received_now = submit(world.city, place=station, category="农业农村")[0]
    f = outreach_figures(world.city, start=START, end=TODAY, include_lower=True)
    by_category = dict(f.concerns["by_category"])
    assert by_category["农业农村"] == {"received": 1, "solved": 0}
    assert all(c["solved"] <= c["received"] for c in by_category.values())
    assert f.concerns["solved"] <= f.concerns["received"]
    assert (f.concerns["received"], f.concerns["solved"]) == (6, 2)  # the four of the fixture, the county's, this one
    city = next(r for r in f.by_organisation if r.organisation == world.city)
    assert city.solved <= city.received and city.solved == 2
    # solved once received in the period, it counts
    services.concern_close(actor=world.city_member2, concern=services.concern_assign(
        actor=world.city_office, concern=received_now, member=world.members["city_member2"]), result="已解决")
    f = outreach_figures(world.city, start=START, end=TODAY, include_lower=True)
    assert dict(f.concerns["by_category"])["农业农村"] == {"received": 1, "solved": 1}
