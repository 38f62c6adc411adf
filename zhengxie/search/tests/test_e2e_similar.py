"""Similar proposals in a real browser: a member writing a title on a phone sees the committee's similar proposals
with how they were handled; the office sees possible duplicates side by side and suggested units on the
assignment form, and merges (并案) a duplicate chosen from the list after its confirmation page. Screenshots go to
docs/screenshots/search/."""

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
    # The list follows the typing after a debounce and a request: allow a loaded machine its time.
    expect(listed).to_contain_text(past.title, timeout=20_000)
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
    # 并案 chosen from the list: the confirmation page shows the target before anything is merged.
    desktop.locator(".zx-compare + div").get_by_role("button").click()
    desktop.wait_for_url(f"**/proposals/{new.pk}/do/merge/")
    expect(desktop.locator("main")).to_contain_text(past.title)
    expect(desktop.locator("main")).to_contain_text(past.number_label)
    shot(desktop, APP, "04-office-merge-from-duplicates-confirm")
    desktop.locator("main form button[type=submit]").first.click()
    desktop.wait_for_url(f"**/proposals/{new.pk}/")
    expect(desktop.locator("body")).to_contain_text("提案已并案")


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


def test_groups_of_the_same_issue_for_a_member_on_a_phone_and_the_offices(live_world, phone, desktop, shot):
    from zhengxie.opinions.tests.factories import submit as submit_report
    from zhengxie.outreach.tests.factories import make_place
    from zhengxie.outreach.tests.factories import submit as submit_concern

    w = live_world
    station = make_place(w.city, lead=w.members["city_member"])
    first, _code = submit_concern(w.city, place=station, description="村里通往镇上的道路坑洼严重，雨天车辆无法通行，希望尽快修路。")
    second, _code = submit_concern(w.city, place=station, description="通往镇上的道路坑洼不平，雨天无法通行，请尽快修路。")
    login(phone, "city_member")
    phone.goto("/outreach/concerns/")
    phone.get_by_role("link", name="同类诉求").click()
    groups = phone.locator(".zx-cluster")
    expect(groups).to_have_count(1)
    expect(groups.first).to_contain_text(first.reference)
    expect(groups.first).to_contain_text(second.reference)
    shot(phone, APP, "05-member-same-complaint")

    submit_report(w, "county_member", title="关于加强农村互助养老服务的建议")
    submit_report(w, "county_member2", title="关于解决农村留守老人养老难的建议")
    login(desktop, "county_info")
    desktop.goto("/opinions/")
    desktop.get_by_role("link", name="相似信息").click()
    expect(desktop.locator(".zx-cluster")).to_contain_text("留守老人养老难")
    shot(desktop, APP, "06-office-similar-reports")
