"""The journey of information for members, in a real browser: the office (desktop) publishes a briefing of the
education bureau as required reading → a member on a phone (390×844) finds it, previews nothing wider than the
screen, confirms reading and asks the bureau a question → the bureau (desktop) sees it on its workbench and
answers → the member reads the answer. Screenshots: docs/screenshots/liaison/."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login

pytestmark = pytest.mark.e2e
APP = "liaison"
TITLE = "城区义务教育学校布局调整情况通报"


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_publish_read_ask_answer(live_world, new_page, shot):
    office = new_page()
    office.on("dialog", lambda dialog: dialog.accept())
    login(office, "city_office")
    office.goto("/liaison/info/new/")
    office.select_option("select[name=kind]", "briefing")
    office.select_option("select[name=topic]", "教育")
    office.select_option("select[name=unit]", label=live_world.city_unit0.name)
    office.get_by_role("button", name="保存草稿").click()
    expect(office.locator("#id_title_error")).to_be_visible()  # no title: refused, nothing typed is lost
    assert office.locator("select[name=topic]").input_value() == "教育"
    office.fill("input[name=title]", TITLE)
    office.fill("textarea[name=summary]", "城区新建扩建学校18所，新增学位2.1万个。")
    office.fill("textarea[name=body]", "规划到2030年，城区新建、改扩建义务教育学校18所，新增学位2.1万个，基本消除大班额。\n"
                                       "农村保留必要的小规模学校和教学点，推进城乡教育共同体建设。")
    office.check("input[name=required]")
    shot(office, APP, "01-office-new-item-desktop")
    office.get_by_role("button", name="保存草稿").click()
    expect(office.locator(".alert-success")).to_contain_text("草稿已保存")
    office.get_by_role("button", name="发布", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("信息已发布")
    shot(office, APP, "02-office-published-desktop")

    member = new_page(phone=True)
    login(member, "city_member")
    member.goto("/")
    member.locator("a.zx-todo", has_text="必读信息待阅读").click()
    expect(member.locator(".zx-info-card", has_text=TITLE)).to_be_visible()
    _no_horizontal_scroll(member)
    shot(member, APP, "03-member-required-reading-phone")
    member.locator(".zx-info-card", has_text=TITLE).click()
    expect(member.locator("h1")).to_have_text(TITLE)
    _no_horizontal_scroll(member)
    shot(member, APP, "04-member-briefing-phone")
    member.get_by_role("button", name="我已阅读").click()
    expect(member.locator(".alert-success").first).to_contain_text("已记录您已阅")
    member.get_by_role("link", name="向部门问询").click()
    member.fill("input[name=title]", "新建学校的开工时间")
    member.get_by_role("button", name="提交问询").click()
    expect(member.locator("#id_question_error")).to_be_visible()  # the question is missing
    assert member.locator("input[name=title]").input_value() == "新建学校的开工时间"
    member.fill("textarea[name=question]", "通报中的城区新建学校何时开工？能否满足明年秋季入学需求？")
    _no_horizontal_scroll(member)
    shot(member, APP, "05-member-asks-phone")
    member.get_by_role("button", name="提交问询").click()
    expect(member.locator(".alert-success")).to_contain_text("问询已送达部门")
    shot(member, APP, "06-member-question-sent-phone")

    unit = new_page()
    login(unit, "city_unit")
    unit.goto("/")
    unit.locator("a.zx-todo", has_text="委员问询待答复").click()
    unit.locator(".zx-info-card", has_text="新建学校的开工时间").click()
    unit.fill("textarea[name=answer]", "城区新建的3所学校已于今年4月开工，计划明年8月前投入使用，可新增学位5400个。")
    shot(unit, APP, "07-unit-answers-desktop")
    unit.get_by_role("button", name="提交答复").click()
    expect(unit.locator(".alert-success")).to_contain_text("答复已送达委员")

    member.reload()
    expect(member.locator(".zx-answer")).to_contain_text("已于今年4月开工")
    _no_horizontal_scroll(member)
    shot(member, APP, "08-member-reads-the-answer-phone")
