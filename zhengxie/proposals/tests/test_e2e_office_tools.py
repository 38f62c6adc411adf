"""The office's paperwork in a real browser: the unit's assignment paper and receipt, the batch review of replies,
a manual reminder from an overdue row, the Party/government office's batch confirmation, the yearly assessment of
units and the compilations; a member deletes a draft on a phone. Screenshots go to docs/screenshots/proposals/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.proposals import services
from zhengxie.proposals.models import HandlingTask, Proposal

from .helpers import draft, evaluating, handling, registered, reply

pytestmark = pytest.mark.e2e
APP = "proposals"


def _go(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_the_office_paperwork(live_world, desktop, phone, new_page, shot):
    w = live_world
    w.city.settings["proposals.assignment_confirmation"] = False
    desktop.on("dialog", lambda dialog: dialog.accept())
    phone.on("dialog", lambda dialog: dialog.accept())
    evaluated, rated_task = evaluating(w)
    services.reply_rate_quality(actor=w.city_proposal, task=rated_task, quality="good")
    _proposal, (replied,) = handling(w, title="关于推进城乡供水一体化的建议")
    reply(w, replied)
    _late, (overdue,) = handling(w, title="关于加强老旧小区加装电梯工作的建议")
    HandlingTask.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - dt.timedelta(days=5))

    # the unit: its assignment paper and the receipt confirmed online
    login(desktop, "city_unit")
    _go(desktop, "/proposals/unit/")
    expect(desktop.locator("form[action$='/unit/receipt/']")).to_be_visible()
    shot(desktop, APP, "20-unit-receipt-and-assignment-paper")
    desktop.click("form[action$='/unit/receipt/'] button")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator(".alert-success")).to_contain_text("回执")

    # the office: replies accepted in a batch, a reminder from an overdue row, the assessment, the compilations
    office = new_page()
    office.on("dialog", lambda dialog: dialog.accept())
    login(office, "city_proposal")
    _go(office, "/proposals/handling/?tab=replies")
    office.check(f"input[name=ids][value='{replied.pk}']")
    shot(office, APP, "21-office-accepts-replies-in-a-batch")
    office.click("#replies-accept button[type=submit]")
    office.wait_for_load_state("networkidle")
    expect(office.locator(".alert-success")).to_contain_text("审核通过")
    _go(office, "/proposals/supervision/?overdue=1#overdue")
    office.fill(f"#remind-{overdue.pk}", "答复期限已过，请于本周五前报送答复。")
    shot(office, APP, "22-office-reminds-an-overdue-unit")
    office.locator(f"form[action$='/tasks/{overdue.pk}/remind/'] button").click()
    office.wait_for_load_state("networkidle")
    expect(office.locator(".alert-success")).to_contain_text("催办")
    year = evaluated.session.year
    _go(office, f"/proposals/assessment/?year={year}")
    expect(office.locator("table")).to_contain_text(w.city_unit0.name)
    shot(office, APP, "23-assessment-of-handling-units")
    office.locator("form[action$='/assessment/award/'] button").first.click()
    office.wait_for_load_state("networkidle")
    expect(office.locator(".alert-success")).to_contain_text("先进承办单位")
    _go(office, "/proposals/compilations/")
    shot(office, APP, "24-compilations")

    # the Party/government office confirms assignments in a batch
    w.city.settings["proposals.assignment_confirmation"] = True
    w.city.save()
    for title in ("关于发展设施农业的建议", "关于加强乡村医生队伍建设的建议"):
        services.proposal_assign(actor=w.city_proposal, proposal=registered(w, title=title), mode="sole",
                                 lead_units=[w.city_unit0])
    partygov = new_page()
    partygov.on("dialog", lambda dialog: dialog.accept())
    login(partygov, "city_partygov")
    _go(partygov, "/proposals/confirmations/")
    for box in partygov.locator("input[name=ids]").all():
        box.check()
    shot(partygov, APP, "25-party-government-office-confirms-in-a-batch")
    partygov.click("#confirm-batch button[type=submit]")
    partygov.wait_for_load_state("networkidle")
    expect(partygov.locator(".alert-success")).to_contain_text("确认")

    # a member deletes a draft on a phone
    mine = draft(w, title="关于（草稿）试写的提案")
    login(phone, "city_member")
    _go(phone, f"/proposals/{mine.pk}/edit/")
    expect(phone.locator("form[action$='/delete/'] button")).to_be_visible()
    shot(phone, APP, "26-member-deletes-a-draft-phone")
    phone.click("form[action$='/delete/'] button")
    phone.wait_for_load_state("networkidle")
    assert not Proposal.objects.filter(pk=mine.pk).exists()
