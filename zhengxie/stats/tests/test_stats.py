import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from zhengxie.core.tests.factories import MemberFactory
from zhengxie.stats import selectors
from zhengxie.stats.registry import Figure, register_figure

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def test_member_figures_count_the_organisation_and_below(world):
    start, end = selectors.year_period(YEAR)
    alone = selectors.compute(selectors.scope_for(world.city, start, end, descendants=False))
    with_below = selectors.compute(selectors.scope_for(world.city, start, end, descendants=True))
    assert alone["core.members"] == 4  # three members and the provincial member who also sits here
    assert with_below["core.members"] == 4 + 3 + 3  # and the two counties
    assert alone["core.committees"] == 2


def test_a_member_who_left_before_the_period_end_is_not_counted(world):
    seat = MemberFactory(organisation=world.county)
    seat.status, seat.left_on = "resigned", dt.date(YEAR - 1, 6, 1)
    seat.save()
    start, end = selectors.year_period(YEAR)
    assert selectors.compute(selectors.scope_for(world.county, start, end, descendants=False))["core.members"] == 3


def test_previous_period():
    assert selectors.previous_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert selectors.previous_period(dt.date(2026, 3, 11), dt.date(2026, 3, 20)) == (dt.date(2026, 3, 1), dt.date(2026, 3, 10))


@pytest.mark.parametrize("who,status", [("city_leader", 200), ("city_proposal", 200), ("city_partygov", 200),
                                        ("city_member", 403), ("city_unit", 403), ("city_body", 403)])
def test_dashboard_permissions(world, client_as, who, status):
    assert client_as(world.users[who]).get("/stats/").status_code == status


def test_dashboard_breaks_down_by_lower_organisations(world, client_as):
    response = client_as(world.city_leader).get("/stats/")
    assert [o.short_name for o in response.context["breakdown_orgs"]] == ["天水市政协", "秦州区政协", "麦积区政协"]
    # a county has nothing below it
    assert client_as(world.county_admin).get("/stats/").context["breakdown"] == []


def test_bad_period_is_refused_with_a_message(world, client_as):
    response = client_as(world.city_leader).get("/stats/", {"start": "2026-05-01"})
    assert "请同时填写" in response.content.decode()


def test_excel_export_and_annual_report(world, client_as):
    client = client_as(world.city_leader)
    sheet = load_workbook(io.BytesIO(client.get("/stats/export/").content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["指标", "单位", "合计"] and "秦州区政协" in header
    member_row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "委员人数")
    assert member_row[2] == 10
    doc = Document(io.BytesIO(client.get("/stats/report.docx").content))
    assert "统计报告" in doc.paragraphs[0].text
    pdf = client.get("/stats/report.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_api_figures(world, client_as):
    data = client_as(world.city_leader).get("/api/v1/stats/figures", {"descendants": "false"}).json()
    members = next(f for f in data["figures"] if f["key"] == "core.members")
    assert members["value"] == 4
    assert client_as(world.city_member).get("/api/v1/stats/figures").status_code == 403


def test_registered_figures_of_other_apps_appear(world, client_as):
    register_figure(Figure("test.answer", "答案", "测试", lambda scope: len(scope.org_ids), order=999))
    try:
        values = selectors.compute(selectors.scope_for(world.city, dt.date(2001, 1, 1), dt.date(2001, 12, 31), descendants=True))
        assert values["test.answer"] == 3
    finally:
        from zhengxie.stats import registry

        registry._figures.pop("test.answer")


def test_dashboard_summary_reads_like_a_report(world, client_as):
    seat = world.members["county_member"]
    seat.committee = world.county.committees.first()
    seat.save()
    text = client_as(world.city_leader).get("/stats/").context["summary"]
    assert text.endswith("天水市政协（含下级政协）有委员 10 名，其中 1 名编入专委会。")


def test_each_group_is_one_section(world, client_as):
    groups = [name for name, _rows in client_as(world.city_leader).get("/stats/").context["groups"]]
    assert len(groups) == len(set(groups))


def test_a_rate_shows_its_percent_sign_once_and_nothing_to_divide_shows_a_dash(world, client_as):
    import re

    from django.core.cache import cache
    from django.utils import timezone

    from zhengxie.proposals.models import Proposal

    cache.clear()
    client = client_as(world.city_leader)
    page = client.get("/stats/").content.decode()
    assert "0.0%" not in page and "—" in page and "本期没有立案的提案。" in page  # no proposal: no rate, and why
    Proposal.objects.create(organisation=world.city, term=world.city.current_term(), title="甲", status="closed",
                            first_proposer=world.members["city_member"], submitted_at=timezone.now(),
                            registered_at=timezone.now())
    cache.clear()
    page = client.get("/stats/").content.decode()
    assert "100.0%" in page
    assert not re.search(r"%\s*<small[^>]*>\s*%", page)
    word = client.get("/stats/report.docx")
    from docx import Document as Docx

    cells = [c.text for t in Docx(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells]
    assert "100.0%" in cells and not any(c.endswith("% %") for c in cells)


def test_the_word_and_pdf_reports_come_from_one_description(world):
    from types import SimpleNamespace

    from reportlab.platypus import Table

    from zhengxie.stats import documents

    figure = SimpleNamespace(label="立案提案", unit="件")
    groups = [("提案", [{"figure": figure, "with_unit": "12 件", "previous": "9", "change": "+3"}])]
    report = documents.annual_report(world.city, "2026-01-01", "2026-12-31", False, groups, "")
    word = documents.report_docx(report).tables[0]
    assert [c.text for c in word.rows[0].cells] == report.columns
    assert [c.text for c in word.rows[1].cells] == ["立案提案", "12 件", "9", "+3"]
    [pdf] = [f for f in documents.report_pdf_flow(report) if isinstance(f, Table)]
    assert (pdf._nrows, pdf._ncols) == (len(word.rows), len(report.columns)) == (2, 4)


def test_no_card_carries_the_seed_report_s_figure_of_another_committee(world, client_as):
    # The seed's figures (another city's, another year's) are for the reader of the code, never shown as a note on
    # Tianshui's or Gansu's cards.
    from django.utils import translation

    from zhengxie.stats.registry import figures

    client = client_as(world.city_leader)
    pages = [client.get(address).content.decode() for address in ("/stats/", "/stats/summary/", "/stats/screen/data.json")]
    seeds = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            seeds |= {str(f.seed) for f in figures() if f.seed}
    assert len(seeds) > 10
    for page in pages:
        assert not [seed for seed in seeds if seed in page]
        assert "Jiuquan)" not in page and "酒泉）" not in page
