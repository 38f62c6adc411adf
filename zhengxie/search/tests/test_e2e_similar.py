"""Similar proposals in a real browser: a member writing a title on a phone sees the committee's similar proposals
with how they were handled; the office sees possible duplicates side by side and suggested units on the
assignment form. Screenshots go to docs/screenshots/search/."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.proposals.tests.helpers import handling, reviewing

pytestmark = pytest.mark.e2e
APP = "search"


def test_member_sees_similar_proposals_while_typing_and_office_sees_duplicates(live_world, phone, desktop, shot):
    w = live_world
    past, _tasks = handling(w, title="关于加快公共厕所建设的建议")
    login(phone, "city_member2")
    phone.goto("/proposals/new/")
    phone.locator("#id_title").press_sequentially("关于推进城区公厕改造的提案", delay=20)
    listed = phone.locator("#similar-list")
    expect(listed).to_contain_text(past.title)
    expect(listed).to_contain_text(w.city_unit0.name)
    shot(phone, APP, "01-member-drafting-similar")

    new = reviewing(w, author="city_member3", title="关于推进城区公厕改造的提案")
    login(desktop, "city_proposal")
    desktop.goto(f"/proposals/{new.pk}/")
    duplicates = desktop.locator("#duplicates")
    expect(duplicates).to_contain_text(past.title)
    duplicates.get_by_role("button").first.click()
    expect(desktop.locator(".zx-compare")).to_contain_text(past.background[:10])
    shot(desktop, APP, "02-office-duplicates-compared")


def test_office_sees_suggested_units_on_the_assignment_form(live_world, desktop, shot):
    from zhengxie.proposals.tests.helpers import registered

    w = live_world
    past, _tasks = handling(w, title="关于解决农民工欠薪问题的建议")
    new = registered(w, author="city_member3", title="关于根治拖欠农民工工资的提案")
    login(desktop, "city_proposal")
    desktop.goto(f"/proposals/{new.pk}/")
    action = desktop.locator("details.zx-action").filter(has=desktop.locator("summary:text-is('交办')"))
    action.locator("summary").click()
    suggestions = action.locator(".zx-unit-suggestions")
    expect(suggestions).to_contain_text(w.city_unit0.name)
    expect(suggestions).to_contain_text(past.number_label)
    shot(desktop, APP, "03-office-assignment-suggested-units")
