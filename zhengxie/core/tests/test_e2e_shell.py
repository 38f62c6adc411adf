"""Browser journeys through the shell: a member on a phone, office staff on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from .browser import login, logout

pytestmark = pytest.mark.e2e


def test_member_on_a_phone_switches_language_and_organisation(live_world, phone, shot):
    login(phone, "multi")
    assert phone.locator("h1").inner_text().startswith("两地委员")
    shot(phone, "core", "01-member-workbench-phone")

    # The menu is collapsed on a phone: open it, then switch to the city committee.
    phone.wait_for_load_state("load")
    phone.click("button.navbar-toggler")
    expect(phone.locator("#zx-nav")).to_have_class(re.compile(r"\bshow\b"))
    phone.click("#org-switcher")
    phone.click("text=天水市政协")
    phone.wait_for_load_state("networkidle")
    expect(phone.locator("#org-switcher")).to_contain_text("天水市政协")
    phone.click("button.navbar-toggler")
    shot(phone, "core", "02-member-switched-organisation-phone")

    # The language form posts and redirects: wait for the new page's heading (a wait for the network to be idle
    # can come back before the navigation has begun).
    phone.click("button[name=language][value=en]")
    expect(phone.locator("h1")).to_contain_text("Hello")
    shot(phone, "core", "03-member-workbench-english-phone")
    # The menu opens with a transition once the page's scripts have run: click the button when it is fully open.
    phone.wait_for_load_state("load")
    phone.click("button.navbar-toggler")
    expect(phone.locator("#zx-nav")).to_have_class(re.compile(r"\bshow\b"))
    with phone.expect_navigation():
        phone.click("#zx-nav button[name=language][value=zh-hans]")
    expect(phone.locator("h1")).to_contain_text("您好")


def test_office_staff_on_a_desktop(live_world, desktop, shot):
    login(desktop, "city_office")
    assert "办公室" in desktop.content()
    shot(desktop, "core", "04-office-workbench-desktop")
    desktop.click("header >> text=委员管理")
    desktop.wait_for_load_state("networkidle")
    assert desktop.locator("table tbody tr").count() >= 3
    desktop.fill("input[name=q]", live_world.members["city_member2"].person.name)
    desktop.keyboard.press("Enter")
    expect(desktop.locator("table tbody tr")).to_have_count(1)
    shot(desktop, "core", "05-member-list-desktop")


def test_audit_administrator_sees_the_log_and_the_chain_state(live_world, desktop, shot):
    from django.core.cache import cache
    from django.db import connection

    from zhengxie.core.models import AuditEntry

    login(desktop, "city_admin")
    desktop.goto("/manage/units/new/")
    desktop.fill("input[name=name]", "天水市数据局")
    desktop.click("main button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    logout(desktop)
    login(desktop, "city_auditadmin")
    desktop.goto("/manage/")  # the administration menu leads the audit administrator to the log
    assert "core.handling_unit.saved" in desktop.content()
    expect(desktop.locator("#audit-chain-state")).to_contain_text("审计链完整")
    shot(desktop, "core", "06-audit-log-desktop")
    # someone edits an entry straight in the database: the page says where the chain breaks
    entry = AuditEntry.objects.get(action="core.handling_unit.saved")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["天水市大数据局", entry.pk])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")
    cache.delete("zhengxie:audit:chain-state")
    desktop.reload()
    expect(desktop.locator("#audit-chain-state")).to_contain_text(f"审计链在第 {entry.seq} 条断开")
    shot(desktop, "core", "07-audit-chain-broken-desktop")


def test_wrong_password_message_on_a_phone(live_world, phone, shot):
    phone.goto("/accounts/login/")
    phone.fill("input[name=username]", "city_member")
    phone.fill("input[name=password]", "wrong-password")
    phone.click("main button[type=submit]")
    expect(phone.locator("main")).to_contain_text("不匹配", timeout=30_000)
    shot(phone, "core", "00-login-error-phone")


def test_the_header_fits_every_desktop_width_in_both_languages(live_world, desktop):
    """A leader sees every app's entry: from the smallest desktop to a wide screen, in Chinese and in English, the
    page never scrolls sideways and the inbox stays on the screen (long labels wrap instead)."""
    login(desktop, "city_leader")
    for language in ("zh-hans", "en"):
        if language == "en":
            desktop.click("button[name=language][value=en]")
            desktop.wait_for_load_state("networkidle")
        for width in (992, 1200, 1366, 1440, 1920):
            desktop.set_viewport_size({"width": width, "height": 900})
            desktop.goto("/")
            assert desktop.locator("header .navbar-nav.me-auto .nav-link").count() >= 7
            assert desktop.evaluate("document.documentElement.scrollWidth") <= width, (language, width)
            inbox = desktop.locator("header a[href$='/inbox/']").bounding_box()
            assert inbox and inbox["x"] + inbox["width"] <= width, (language, width)
