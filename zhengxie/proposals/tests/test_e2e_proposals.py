"""The whole cycle in a real browser, as the people who do it: a member drafts on a phone with a co-signer, the
co-signer confirms, the office registers and assigns it jointly (会办), the lead unit and the co-handler reply, the
office accepts, the proposer is not satisfied, the unit handles it again, the proposer is satisfied, the office
closes it. Screenshots go to docs/screenshots/proposals/."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.proposals.models import Proposal

pytestmark = pytest.mark.e2e
APP = "proposals"
TITLE = "关于加快农村公路提质改造的建议"


def open_action(page, label):
    """Open the action whose button reads ``label`` (a <details> form) and return it."""
    action = page.locator("details.zx-action").filter(has=page.locator(f"summary:text-is('{label}')"))
    action.locator("summary").click()
    return action


def send(action):
    action.locator("button[type=submit]").click()
    action.page.wait_for_load_state("networkidle")


def accept_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())


def goto_proposal(page, proposal):
    page.goto(f"/proposals/{proposal.pk}/")
    page.wait_for_load_state("networkidle")


def test_the_whole_cycle(live_world, phone, new_page, shot):
    w = live_world
    accept_dialogs(phone)

    # 提: the member writes on a phone; the draft saves itself while typing.
    login(phone, "city_member")
    phone.goto("/proposals/new/")
    phone.fill("input[name=title]", TITLE)
    phone.select_option("select[name=category]", "经济建设")
    phone.fill("textarea[name=background]", "我市部分农村公路技术等级低、路面破损严重，安全防护设施不完善，群众出行不便。")
    phone.fill("textarea[name=suggestions]", "一是加大农村公路提质改造投入；\n二是建立农村公路养护长效机制；\n三是完善安全防护设施。")
    expect(phone.locator("#autosave-status")).to_contain_text("保存", timeout=15000)
    expect(phone.locator("#member-search")).to_be_visible()
    co_signer = w.members["city_member2"].person.name
    phone.fill("#member-search", co_signer)
    phone.locator("#member-results button", has_text="添加").first.click()
    expect(phone.locator("#signers-panel ul")).to_contain_text(co_signer)
    shot(phone, APP, "01-member-drafts-with-a-cosigner-phone")
    phone.click("button[name=submit]")
    phone.wait_for_load_state("networkidle")
    expect(phone.locator(".alert-success")).to_contain_text("联名")
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.status == "cosigning"

    # The co-signer confirms on their phone, from the to-do item on the workbench.
    cosigner = new_page(phone=True)
    accept_dialogs(cosigner)
    login(cosigner, "city_member2")
    cosigner.click("text=份提案邀请您联名")
    cosigner.click(f"text={TITLE}")
    cosigner.wait_for_load_state("networkidle")
    action = open_action(cosigner, "答复联名邀请")
    action.locator("label", has_text="同意联名").click()
    action.scroll_into_view_if_needed()
    shot(cosigner, APP, "02-cosigner-confirms-phone", full_page=False)
    send(action)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"

    # 立: the office passes pre-review and registers it, then assigns it: 会办, a lead unit and a co-handler.
    office = new_page()
    accept_dialogs(office)
    login(office, "city_proposal")
    office.goto("/proposals/review/")
    expect(office.locator("table")).to_contain_text(TITLE)
    shot(office, APP, "03-office-review-queue-desktop")
    office.click(f"text={TITLE}")
    send(open_action(office, "初审通过"))
    send(open_action(office, "立案"))
    expect(office.locator("main header")).to_contain_text("第0001号")
    action = open_action(office, "交办")
    action.locator("label", has_text="会办").first.click()
    action.locator("select[name$=lead_units]").select_option(label=w.city_unit0.name)
    action.locator("select[name$=co_units]").select_option(label=w.city_unit1.name)
    shot(office, APP, "04-office-assigns-jointly-desktop")
    send(action)
    proposal.refresh_from_db()
    assert proposal.status == "handling" and proposal.mode == "joint"

    # 办: the lead unit contacts the proposer and drafts the reply; the co-handler sends its input and countersigns;
    # the lead unit's leader signs it off.
    unit = new_page()
    accept_dialogs(unit)
    login(unit, "city_unit")
    unit.goto("/proposals/unit/")
    expect(unit.locator("table")).to_contain_text(TITLE)
    shot(unit, APP, "05-unit-workbench-desktop")
    unit.click(f"text={TITLE}")
    unit.wait_for_load_state("networkidle")
    action = open_action(unit, "登记面商")
    action.locator("textarea").fill("到提案人单位当面沟通，介绍今年农村公路建设计划，听取意见。")
    send(action)

    def draft_reply(text):
        action = open_action(unit, "起草答复")
        action.locator("textarea[name$=text]").fill(text)
        action.locator("select[name$=category]").select_option("A")
        send(action)
        unit.locator("button", has_text="报送答复").click()
        unit.wait_for_load_state("networkidle")

    draft_reply("经研究，今年已安排农村公路提质改造资金，将分批实施改造。")
    shot(unit, APP, "06-lead-unit-drafts-the-reply-desktop")

    co_unit = new_page()
    accept_dialogs(co_unit)
    login(co_unit, "city_unit2")
    goto_proposal(co_unit, proposal)
    action = open_action(co_unit, "向主办单位提交会办意见")
    action.locator("textarea").fill("我局将配合做好农村公路安全防护设施建设。")
    send(action)

    def countersign():
        goto_proposal(co_unit, proposal)
        action = open_action(co_unit, "会签主办单位答复")
        action.locator("label", has_text="同意会签").click()
        send(action)

    countersign()
    shot(co_unit, APP, "07-co-handler-countersigned-desktop")

    leader = new_page()
    accept_dialogs(leader)
    login(leader, "city_unitlead")

    def sign_off():
        goto_proposal(leader, proposal)
        action = open_action(leader, "签发答复")
        action.locator("label", has_text="签发并报送提案委").click()
        send(action)

    sign_off()

    # 评: the office accepts the reply; the proposer is not satisfied; the office orders a redo.
    def office_accepts():
        goto_proposal(office, proposal)
        send(open_action(office, "审核通过"))

    office_accepts()
    shot(office, APP, "08-office-accepted-the-reply-desktop")
    proposal.refresh_from_db()
    assert proposal.status == "evaluating"

    def rate(label, comment=""):
        goto_proposal(phone, proposal)
        action = open_action(phone, "评价答复")
        action.get_by_label(label, exact=True).check()
        if comment:
            action.locator("textarea").fill(comment)
        return action

    action = rate("不满意", "答复未明确资金安排和实施时间。")
    phone.locator(".zx-task").first.scroll_into_view_if_needed()
    shot(phone, APP, "09-member-rates-dissatisfied-phone", full_page=False)
    send(action)
    goto_proposal(office, proposal)
    action = open_action(office, "要求重新办理")
    action.locator("textarea").fill("请明确资金安排和实施时间，补充答复。")
    send(action)
    shot(office, APP, "10-office-orders-a-redo-desktop")
    proposal.refresh_from_db()
    assert proposal.status == "handling"

    # The unit handles it again: a supplementary reply, countersigned and signed off, accepted by the office.
    goto_proposal(unit, proposal)
    draft_reply("补充答复：已安排专项资金1200万元，明年6月底前完成30公里改造。")
    countersign()
    sign_off()
    office_accepts()
    shot(unit, APP, "11-supplementary-reply-desktop")

    # The proposer is satisfied now; the office closes the proposal.
    send(rate("满意"))
    phone.locator(".zx-task").first.scroll_into_view_if_needed()
    shot(phone, APP, "12-member-rates-satisfied-phone", full_page=False)
    goto_proposal(office, proposal)
    send(open_action(office, "办结"))
    expect(office.locator(".zx-confirm .alert")).to_contain_text("确定办结")  # an irreversible action asks again
    shot(office, APP, "13a-close-asks-again-desktop")
    office.click(".zx-confirm-form button[type=submit]")
    office.wait_for_load_state("networkidle")
    expect(office.locator("main header")).to_contain_text("已办结")
    shot(office, APP, "13-closed-with-its-history-desktop")
    proposal.refresh_from_db()
    assert proposal.status == "closed"
    assert list(proposal.tasks.get(role="lead").ratings.order_by("round").values_list("value", flat=True)) == [
        "dissatisfied", "satisfied"]

    # 督: the supervision page counts the reply.
    office.goto("/proposals/supervision/")
    expect(office.locator("table").first).to_contain_text(w.city_unit0.name)
    shot(office, APP, "14-supervision-by-unit-desktop")
