"""The journey of joint work, in a real browser: Tianshui's office (desktop) creates a joint research with Jiuquan
as co-organiser (a bad date is refused with nothing lost), links its own research activity and invites a think-tank
expert → Jiuquan's office sees the joint activity it co-organises → the expert, on a phone (390×844), sees the one
invitation and nothing else, and accepts. Screenshots: docs/screenshots/cooperation/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login

from .factories import expert, expert_account, research

pytestmark = pytest.mark.e2e
APP = "cooperation"
TITLE = "河西走廊与陇东南新能源装备产业协作联合调研"


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_joint_research_with_a_co_organiser_and_an_expert(live_world, new_page, shot):
    record = expert(live_world, name="李建华", field="新能源")
    expert(live_world, name="王志强", field="装备制造", phone="13993712346")
    expert_account(live_world, record)
    own = research(live_world, title="新能源装备产业协作调研（天水）", members=[live_world.members["city_member"]])
    research(live_world, title="不相干的调研", members=[live_world.members["city_member"]])
    today = timezone.localdate()

    office = new_page()
    login(office, "city_office")
    office.goto("/cooperation/joint/new/")
    office.select_option("select[name=kind]", "research")
    office.fill("input[name=title]", TITLE)
    office.get_by_label("酒泉市政协").check()
    office.fill("input[name=outside_partners]", "嘉峪关市政协、张掖市政协")
    office.fill("input[name=starts_on]", (today + dt.timedelta(days=3)).isoformat())
    office.fill("input[name=ends_on]", today.isoformat())
    office.fill("input[name=place]", "天水市、酒泉市")
    shot(office, APP, "01-office-new-joint-activity-desktop")
    office.get_by_role("button", name="创建").click()
    expect(office.locator(".alert-danger").first).to_contain_text("结束日期不能早于开始日期")
    assert office.locator("input[name=title]").input_value() == TITLE  # nothing typed is lost
    office.fill("input[name=ends_on]", (today + dt.timedelta(days=5)).isoformat())
    office.get_by_role("button", name="创建").click()
    expect(office.locator(".alert-success")).to_contain_text("已通知联合组织方")
    expect(office.locator("h1")).to_have_text(TITLE)
    office.locator("summary", has_text="或关联已有活动").click()
    office.select_option("select[name=activity]", label=own.title)
    office.get_by_role("button", name="关联", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("本会活动已关联")
    shot(office, APP, "02-office-joint-activity-desktop")
    office.get_by_role("link", name=own.title).click()
    office.get_by_role("link", name="邀请专家").click()
    office.get_by_label("李建华").check()
    office.get_by_role("button", name="邀请", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("已邀请1名专家")
    expect(office.locator("#invited-title + table")).to_contain_text("李建华")
    shot(office, APP, "03-office-invites-expert-desktop")

    partner = new_page()
    login(partner, "city2_office")
    partner.goto("/cooperation/joint/")
    partner.locator(".zx-coop-card", has_text=TITLE).click()
    expect(partner.locator("#organisers-title + table")).to_contain_text("天水市政协")
    expect(partner.get_by_role("button", name="据此创建本会活动")).to_be_visible()
    shot(partner, APP, "04-co-organiser-sees-joint-activity-desktop")

    phone = new_page(phone=True)
    login(phone, "city_expert")
    phone.goto("/")
    phone.locator("a.zx-todo", has_text="邀请待答复").click()
    expect(phone.locator(".zx-coop-card")).to_have_count(1)
    expect(phone.locator(".zx-coop-card")).to_contain_text(own.title)
    _no_horizontal_scroll(phone)
    shot(phone, APP, "05-expert-invitations-phone")
    phone.locator(".zx-coop-card", has_text=own.title).click()
    phone.get_by_role("button", name="我将参加").click()
    expect(phone.locator(".alert-success")).to_contain_text("您已接受邀请")
    _no_horizontal_scroll(phone)
    shot(phone, APP, "06-expert-accepted-phone")
    response = phone.goto("/proposals/new/")  # an expert drafts no proposal
    assert response.status == 403
