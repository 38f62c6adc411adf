"""The journey of proposal topics, in a real browser: a member on a phone (390×844) opens the year's list, claims a
topic and writes a proposal answering it (the drafting page has the topic chosen) → the office (desktop) sees in its
overview that the topic got a proposal, and the proposal's page names the topic. Screenshots:
docs/screenshots/liaison/."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)  # a loaded machine answers slowly; each expectation still waits on its condition
APP = "liaison"
TOPIC = "关于推动新能源装备制造产业集群发展的建议"
TITLE = "关于提高风光电装备本地配套率的建议"


def _patient(page):
    """A loaded machine serves slowly: wait longer for each page than the default, never for a fixed time."""
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)
    return page


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_claims_a_topic_and_answers_it_with_a_proposal(live_world, new_page, shot):
    from zhengxie.liaison import services
    from zhengxie.liaison.models import TopicAnswer

    year = dt.date.today().year
    for title, subject in [(TOPIC, "经济发展"), ("关于老旧小区加装电梯的建议", "城乡建设"),
                           ("关于发展普惠托育服务的建议", "社会保障")]:
        services.topic_create(actor=live_world.city_office, organisation=live_world.city, fields={
            "year": year, "title": title, "subject": subject, "source": "priorities", "source_note": "政府工作报告",
            "description": "深入调研，提出有针对性、可操作的对策建议。"})

    member = _patient(new_page(phone=True))
    member.on("dialog", lambda dialog: dialog.accept())
    login(member, "city_member")
    member.goto("/liaison/topics/")
    card = member.locator(".zx-topic-card", has_text=TOPIC)
    expect(card).to_be_visible()
    _no_horizontal_scroll(member)
    shot(member, APP, "09-member-topic-list-phone")
    card.get_by_role("button", name="认领").click()
    expect(member.locator(".alert-success")).to_contain_text("您已认领这个选题")
    card = member.locator(".zx-topic-card", has_text=TOPIC)
    expect(card.locator(".badge", has_text="您已认领")).to_be_visible()
    shot(member, APP, "10-member-claimed-phone")
    card.get_by_role("link", name="就此撰写提案").click()
    expect(member.locator("#id_answers_topic option:checked")).to_contain_text(TOPIC)
    member.fill("input[name=title]", TITLE)
    member.select_option("select[name=category]", "经济建设")
    member.fill("textarea[name=background]", "我市风光电装机规模持续扩大，但整机和关键零部件本地配套率不足三成。")
    member.fill("textarea[name=suggestions]", "一是编制装备制造产业链招商图谱；\n二是支持本地企业进入整机企业供应链。")
    _no_horizontal_scroll(member)
    shot(member, APP, "11-member-drafts-answering-the-topic-phone")
    member.click("button[name=submit]")
    expect(member.locator(".alert-success")).to_contain_text("提案已报送提案委")
    expect(member.locator("#answered-topic-title")).to_be_visible()
    expect(member.locator("section", has=member.locator("#answered-topic-title"))).to_contain_text(TOPIC)
    answer = TopicAnswer.objects.select_related("proposal", "topic").get()
    assert (answer.topic.title, answer.proposal.title, answer.proposal.status) == (TOPIC, TITLE, "submitted")

    office = _patient(new_page())
    login(office, "city_office")
    office.goto("/liaison/topics/?tab=overview")
    row = office.locator("tr", has_text=TOPIC)
    expect(row.locator("strong")).to_have_text("1")
    expect(office.locator("tr", has_text="关于老旧小区加装电梯的建议")).to_contain_text("尚无")
    shot(office, APP, "12-office-topic-overview-desktop")
    row.get_by_role("link", name=TOPIC).click()
    expect(office.locator("#topic-answers")).to_contain_text("1")
    expect(office.get_by_role("link", name=TITLE)).to_be_visible()
    shot(office, APP, "13-office-topic-with-its-proposal-desktop")
