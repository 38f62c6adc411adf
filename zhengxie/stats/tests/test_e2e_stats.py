"""A leader reads the statistics on a desktop; office staff search on a phone."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login

pytestmark = pytest.mark.e2e


def test_leader_reads_the_statistics(live_world, desktop, shot):
    login(desktop, "city_leader")
    desktop.click("header >> text=统计分析")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("h1")).to_contain_text("统计分析")
    assert desktop.locator("#stats-chart canvas").count() == 1  # ECharts drew the chart
    desktop.select_option("#chart-figure", "core.standing_members")
    shot(desktop, "stats", "01-dashboard-desktop")
    with desktop.expect_download() as download:
        desktop.click("text=导出 Excel")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_office_searches_on_a_phone(live_world, phone, shot):
    from zhengxie.search.services import reindex

    reindex()
    login(phone, "city_office")
    phone.click("a[aria-label=搜索]")
    phone.fill("#q", live_world.members["city_member2"].person.name)
    phone.click("main button[type=submit]")
    expect(phone.locator("#search-results .list-group-item")).to_have_count(1)
    shot(phone, "stats", "02-search-phone")
