"""A leader reads the statistics on a desktop and on a phone, opens a figure's records, the big screen (at
1920×1080, by login and by a display token) and the annual work summary; office staff search on a phone."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login

pytestmark = pytest.mark.e2e


def _data(world):
    from django.core.cache import cache

    from .generated import generate

    generate(world, dt.date.today().year)
    cache.clear()


def test_leader_reads_the_statistics(live_world, desktop, new_page, shot):
    _data(live_world)
    login(desktop, "city_leader")
    desktop.click("header >> text=统计分析")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("h1")).to_contain_text("统计分析")
    assert desktop.locator("#stats-chart canvas").count() == 1  # ECharts drew the breakdown
    assert desktop.locator(".zx-spark canvas").count() >= 1  # and the key figures' months
    desktop.select_option("#chart-figure", "proposals.received")
    shot(desktop, "stats", "01-dashboard-desktop")
    with desktop.expect_download() as download:
        desktop.click("text=导出 Excel")
    assert download.value.suggested_filename.endswith(".xlsx")
    desktop.click(".zx-key-card >> nth=0")
    expect(desktop.locator("#definition")).to_contain_text("统计口径")
    shot(desktop, "stats", "03-figure-records")
    desktop.goto("/stats/summary/")
    expect(desktop.locator("#summary-form")).to_contain_text("建言资政")
    shot(desktop, "stats", "04-work-summary")
    screen = new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    login(screen, "city_leader")
    screen.goto("/stats/screen/")
    expect(screen.locator(".zx-screen-figure")).to_have_count(12)
    screen.wait_for_timeout(800)
    shot(screen, "stats", "05-big-screen-1920", full_page=False)


def test_the_big_screen_by_display_token(live_world, new_page, shot):
    from zhengxie.stats import services

    _data(live_world)
    _token, raw = services.display_token_create(actor=live_world.city_leader, organisation=live_world.city,
                                                name="三楼常委会议室")
    screen = new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(f"/stats/display/{raw}/")
    expect(screen.locator(".zx-screen-figure")).to_have_count(12)
    screen.goto("/stats/")
    assert "/login" in screen.url or "登录" in screen.content()  # the token opens nothing else


def test_leader_reads_the_key_figures_on_a_phone(live_world, phone, shot):
    _data(live_world)
    login(phone, "city_leader")
    phone.goto("/stats/")
    first = phone.locator(".zx-key-card").first
    expect(first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
    shot(phone, "stats", "06-dashboard-phone", full_page=False)


def test_office_searches_on_a_phone(live_world, phone, shot):
    from zhengxie.search.services import reindex

    reindex()
    login(phone, "city_office")
    phone.click("a[aria-label=搜索]")
    phone.fill("#q", live_world.members["city_member2"].person.name)
    phone.click("main button[type=submit]")
    expect(phone.locator("#search-results .list-group-item")).to_have_count(1)
    shot(phone, "stats", "02-search-phone")
