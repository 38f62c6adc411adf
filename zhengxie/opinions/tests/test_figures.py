"""The figures of an organisation for a period, from its own records and what came back from above."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengxie.opinions import feedback, figures, services
from zhengxie.opinions.choices import AdoptionKind
from zhengxie.opinions.models import Report

from .factories import climb, publish, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        a = submit(world, "city_member", title="甲", category="教育")
        province = publish(world, climb(world, a))
        feedback.adoption_record(actor=world.province_info, report=province, kind=AdoptionKind.UPPER,
                                 level="national", adopted_by="全国政协办公厅", adopted_on=today)
        for level in ("province", "central"):
            feedback.instruction_record(actor=world.province_info, report=province, leader_name="某", level=level,
                                        text="阅", instructed_on=today)
        b = climb(world, submit(world, title="乙", category="社会保障"))
        services.report_not_use(actor=world.city_info, report=b, reason="重复")
        c = submit(world, "city_member2", title="丙", category="教育")
        services.report_not_use(actor=world.city_info, report=c, reason="重复")
        submit(world, "city_body", title="丁", category="生态环境")
        old = submit(world, "city_member", title="戊", category="教育")
        Report.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=800))
    return figures.Period.year(today.year)


def test_the_city_figures(world, scenario):
    f = figures.report_figures(world.city, scenario)
    assert (f["submitted"], f["from_below"], f["adopted"], f["not_used"], f["forwarded"]) == (4, 1, 1, 2, 1)
    assert f["adopted_by_level"] == {"national": 1, "province": 1}
    assert (f["adopted_higher"], f["adopted_media"]) == (1, 0)
    assert f["instructions_by_level"] == {"central": 1, "province": 1, "city": 0}
    assert f["instructions"] == 2


def test_the_county_and_province_figures(world, scenario):
    county = figures.report_figures(world.county, scenario)
    assert (county["submitted"], county["adopted"], county["forwarded"], county["adopted_higher"]) == (1, 1, 1, 0)
    assert county["adopted_by_level"]["city"] == 0  # the city did not use it
    province = figures.report_figures(world.province, scenario)
    assert (province["submitted"], province["from_below"], province["adopted"]) == (1, 1, 1)
    assert province["adopted_by_level"] == {"national": 1}
    assert province["instructions_by_level"] == {"central": 1, "province": 1}


def test_another_period_counts_nothing_of_this_year(world, scenario):
    last_year = figures.Period.year(scenario.start.year - 1)
    f = figures.report_figures(world.city, last_year)
    assert f["submitted"] == f["adopted"] == f["instructions"] == 0


def test_breakdowns(world, scenario):
    by_author = {(r["author_name"], r["origin_organisation__short_name"]): r
                 for r in figures.report_figures_by(world.city, scenario, figures.BY_AUTHOR)}
    first = by_author[(world.members["city_member"].person.name, "天水市政协")]
    assert (first["submitted"], first["adopted"], first["forwarded"], first["adopted_higher"], first["instructions"]) == (
        1, 1, 1, 1, 2)
    assert by_author[(world.members["county_member"].person.name, "秦州区政协")]["not_used"] == 1
    by_submitter = {(r["submitter_kind"], r["submitter"]): r["submitted"]
                    for r in figures.report_figures_by(world.city, scenario, figures.BY_SUBMITTER)}
    assert by_submitter == {("member", ""): 2, ("below", "秦州区政协"): 1, ("body", world.city_party.name): 1}
    by_category = {r["category"]: r["submitted"]
                   for r in figures.report_figures_by(world.city, scenario, figures.BY_CATEGORY)}
    assert by_category == {"教育": 2, "社会保障": 1, "生态环境": 1}


def test_one_query_per_table_whatever_the_rows(world, scenario, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures.report_figures(world.city, scenario)
    with django_assert_num_queries(1):
        figures.report_figures_by(world.city, scenario, figures.BY_SUBMITTER)
    for i in range(5):
        submit(world, "city_member3", title=f"新{i}")
    with django_assert_num_queries(1):
        figures.report_figures_by(world.city, scenario, figures.BY_AUTHOR)


def test_figures_page_and_excel(world, scenario, client_as):
    client = client_as(world.city_info)
    page = client.get(reverse("opinions:figures"), {"by": "submitter"})
    assert page.context["summary"]["submitted"] == 4
    assert "秦州区政协" in page.content.decode()
    workbook = load_workbook(io.BytesIO(client.get(reverse("opinions:figures_export")).content))
    rows = {r[0]: r[1] for r in workbook.active.iter_rows(min_row=2, values_only=True)}
    assert rows["报送"] == 4 and rows["批示：省级领导"] == 1 and rows["采用：全国"] == 1
    table = load_workbook(io.BytesIO(client.get(reverse("opinions:figures_export"), {"table": "category"}).content))
    assert {r[0] for r in table.active.iter_rows(min_row=2, values_only=True)} == {"教育", "社会保障", "生态环境"}
    assert client_as(world.city_member).get(reverse("opinions:figures")).status_code == 403


def test_the_registered_statistics_count_a_report_once_in_a_scope(world, scenario):
    from zhengxie.stats.registry import Scope, figure

    def value(key, *orgs):
        return figure(key).compute(Scope(org_ids=tuple(o.pk for o in orgs), start=scenario.start, end=scenario.end))

    # the county's report climbed to the city: one report for the city and its counties, counted at each alone
    assert value("opinions.submitted", world.city) == 4
    assert value("opinions.submitted", world.county) == 1
    assert value("opinions.submitted", world.city, world.county, world.county2) == 4
    # forwarded up: what left the scope
    assert value("opinions.forwarded_up", world.county) == 1
    assert value("opinions.forwarded_up", world.city, world.county, world.county2) == 1  # 甲 to the province
    assert value("opinions.forwarded_up", world.province, world.city, world.county) == 0
    assert value("opinions.adopted", world.city) == 1 and value("opinions.adopted", world.province) == 1
    assert value("opinions.adopted_above", world.city) == 1  # 甲, by the province (and the national committee)
    assert value("opinions.adopted_above", world.province) == 1  # by the national committee, recorded by hand
    assert value("opinions.instructions", world.city) == 2
    assert value("opinions.instructions", world.county) == 0
    assert value("opinions.instructions_provincial", world.province) == 2
    assert value("opinions.bulletin_issues", world.city, world.county, world.province) == 3  # 甲 twice, 乙 once
    assert value("opinions.adoption_rate", world.city) == 25.0  # 甲 of 甲乙丙丁
    assert value("opinions.adoption_rate", world.city, world.county) == 40.0  # 甲 and 乙 (at the county) of five records
