"""The journey of a public-opinion report across three levels, in a real browser: a county member writes it on a
phone → the county office edits it, puts it in a bulletin, a leader signs off, the office sends and forwards it →
the city adopts and forwards it → the province adopts it and records a provincial leader's instruction → the
member sees the instruction and its level on the report and in the inbox. Screenshots: docs/screenshots/opinions/."""

import re

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.opinions.models import Report

from .factories import TEXT

pytestmark = pytest.mark.e2e
APP = "opinions"
TITLE = "关于加强农村互助养老服务的建议"


def _accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())


def _edit_and_publish(office, leader, shot, prefix: str, level_name: str, *, replace: tuple[str, str]):
    """On the report's page: accept, edit, place in a new issue, submit; the leader signs off."""
    office.get_by_role("button", name="拟采用").click()
    expect(office.locator(".alert-success")).to_contain_text("可进行编辑")
    office.get_by_role("link", name="编辑", exact=True).click()
    text = office.locator("textarea[name=text]")
    text.fill(text.input_value().replace(*replace))
    office.get_by_role("button", name="保存编辑稿").click()
    expect(office.locator("h1")).to_have_text("原稿与编辑稿对照")
    expect(office.locator("ins.zx-ins").first).to_be_visible()
    shot(office, APP, f"{prefix}-{level_name}-compare-desktop")
    office.get_by_role("link", name="返回信息").click()
    office.get_by_role("button", name="编入").click()
    expect(office.locator("h1")).to_contain_text("《社情民意》")
    office.get_by_role("button", name="送审签发").click()
    expect(office.locator(".badge", has_text="待签发")).to_be_visible()
    issue_url = office.url
    leader.goto("/")
    leader.locator("a.zx-todo", has_text="待您签发").click()
    leader.goto(issue_url)
    leader.get_by_role("button", name="签发", exact=True).click()
    expect(leader.locator(".alert-success")).to_contain_text("已签发")
    return issue_url


def test_a_report_climbs_three_levels_and_the_instruction_comes_back(live_world, new_page, shot):
    member = new_page(phone=True)
    login(member, "county_member")
    member.goto("/opinions/")
    member.get_by_role("link", name="撰写信息").click()
    member.fill("input[name=title]", TITLE)
    member.select_option("select[name=category]", "社会保障")
    too_long = "农村留守老人养老服务问题突出。" * 110  # 1,650 characters
    member.fill("textarea[name=text]", too_long)
    expect(member.locator("#text-counter")).to_contain_text("超出")
    member.get_by_role("button", name="报送").click()
    expect(member.locator(".alert-danger")).to_contain_text("正文共1650字")
    assert member.locator("textarea[name=text]").input_value() == too_long  # nothing typed is lost
    assert member.locator("input[name=title]").input_value() == TITLE
    shot(member, APP, "01-member-text-too-long-phone")
    member.fill("textarea[name=text]", TEXT)
    expect(member.locator("#text-counter")).to_contain_text("上限1500字")
    member.get_by_role("button", name="报送").click()
    expect(member.locator(".alert-success")).to_contain_text("信息已报送")
    shot(member, APP, "02-member-submitted-phone")
    county_record = Report.objects.get(organisation=live_world.county)

    # --- the county ----------------------------------------------------------------------------------------------
    office, leader = new_page(), new_page()
    for page in (office, leader):
        _accept_dialogs(page)
    login(office, "county_info")
    office.goto("/")
    office.locator("a.zx-todo", has_text="待处理").click()
    shot(office, APP, "03-county-queue-desktop")
    office.get_by_role("link", name=TITLE).click()
    login(leader, "county_leader")
    issue_url = _edit_and_publish(office, leader, shot, "04", "county", replace=("近年来，", "据调查，近年来"))
    shot(leader, APP, "05-county-issue-signed-off-desktop")
    office.goto(issue_url)
    office.get_by_role("button", name="登记报送").click()
    expect(office.locator(".alert-success")).to_contain_text("已登记报送情况")
    office.get_by_label("报送").check()
    office.get_by_role("button", name="将所选信息报送天水市政协").click()
    expect(office.locator(".alert-success")).to_contain_text("报送天水市政协")
    shot(office, APP, "06-county-issue-sent-and-forwarded-desktop")
    with office.expect_download() as word:
        office.get_by_role("link", name="Word").click()
    assert word.value.suggested_filename.endswith(".docx")

    # --- the city ------------------------------------------------------------------------------------------------
    city, city_leader = new_page(), new_page()
    for page in (city, city_leader):
        _accept_dialogs(page)
    login(city, "city_info")
    login(city_leader, "city_leader")
    city.goto("/opinions/queue/?source=below")
    expect(city.locator("tbody tr")).to_have_count(1)
    city.get_by_role("link", name=TITLE).click()
    expect(city.locator("h1")).to_have_text(TITLE)
    expect(city.locator(".badge", has_text="由秦州区政协报送")).to_be_visible()
    shot(city, APP, "07-city-received-with-provenance-desktop")
    report_url = city.url
    _edit_and_publish(city, city_leader, shot, "08", "city", replace=("建议：", "为此建议："))
    city.goto(report_url)
    city.get_by_role("button", name="报送甘肃省政协").click()
    expect(city.locator(".alert-success")).to_contain_text("已报送甘肃省政协")

    # --- the province --------------------------------------------------------------------------------------------
    province, province_leader = new_page(), new_page()
    for page in (province, province_leader):
        _accept_dialogs(page)
    login(province, "province_info")
    login(province_leader, "province_leader")
    province.goto("/opinions/queue/")
    province.get_by_role("link", name=TITLE).click()
    report_url = province.url
    _edit_and_publish(province, province_leader, shot, "09", "province", replace=("一是", "一要"))
    province.goto(report_url)
    province.locator("summary", has_text="登记领导批示").click()
    province.fill("input[name=leader_name]", "王省长")
    province.fill("input[name=leader_title]", "副省长")
    province.select_option("select[name=level]", "province")
    province.fill("textarea[name=text]", "请省民政厅会同有关部门认真研究，提出加强农村互助养老的具体措施。")
    province.get_by_role("button", name="登记批示").click()
    expect(province.locator(".alert-success")).to_contain_text("批示已登记")
    expect(province.locator(".zx-instruction")).to_contain_text("王省长")
    shot(province, APP, "10-province-instruction-recorded-desktop")
    # the province's figures count what it adopted and the instruction
    province.goto("/opinions/figures/")
    expect(province.locator(".zx-stat").nth(2)).to_have_text("1")
    shot(province, APP, "11-province-figures-desktop")

    # --- back to the member, on the phone ------------------------------------------------------------------------
    member.goto(f"/opinions/{county_record.pk}/")
    feedback = member.locator(".zx-feedback")
    expect(feedback).to_contain_text("省级领导")
    expect(feedback).to_contain_text("王省长")
    expect(feedback).to_contain_text("请省民政厅会同有关部门认真研究")
    expect(feedback).to_contain_text("上级采用 · 省级")
    expect(member.locator(".zx-chain li")).to_have_count(3)
    shot(member, APP, "12-member-sees-the-instruction-phone")
    member.goto("/inbox/")
    expect(member.locator(".list-group-item").first).to_contain_text(re.compile("省级领导.*王省长.*作出批示"))
    shot(member, APP, "13-member-inbox-phone")
    member.goto("/opinions/")
    expect(member.locator(".zx-report-card")).to_contain_text("已报送至甘肃省政协")
    shot(member, APP, "14-member-list-phone")
