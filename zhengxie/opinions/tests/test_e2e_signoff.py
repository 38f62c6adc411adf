"""The bulletin's review steps and red-head template in a real browser (staff at 1366×900): the office edits the
template, the reviewer approves the first step, the sign-off sheet shows who did what."""

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.core.tests.factories import Role, staff_user
from zhengxie.opinions import bulletins

from .factories import edit, submit

pytestmark = pytest.mark.e2e
APP = "opinions"


def test_template_and_review_steps(live_world, desktop, new_page, shot):
    world = live_world
    world.county.settings = {**world.county.settings,
                             "opinions.bulletin_review_steps": ["研究室审核=研究室", "秘书长审核=领导"]}
    world.county.save(update_fields=["settings"])
    staff_user(world.county, Role.INFORMATION_OFFICE, "county_info_chief")
    office = world.county_info
    issue = bulletins.bulletin_create(actor=office, organisation=world.county)
    bulletins.bulletin_place(actor=office, bulletin=issue, reports=[edit(world, submit(world), "county")])
    bulletins.bulletin_submit(actor=office, bulletin=issue)

    login(desktop, "county_info")
    desktop.goto("/opinions/bulletins/template/")
    desktop.fill("input[name=issuer]", "秦州区政协研究室")
    desktop.fill("input[name=numbering]", "{year}年第{number}期（总第{serial}期）")
    desktop.click("main form button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator(".zx-redhead-preview")).to_contain_text("秦州区政协研究室")
    shot(desktop, APP, "20-office-red-head-template-desktop")

    reviewer = new_page()
    login(reviewer, "county_info_chief")
    reviewer.goto(f"/opinions/bulletins/{issue.pk}/")
    expect(reviewer.locator("main")).to_contain_text("签批单")
    shot(reviewer, APP, "21-reviewer-step-waiting-desktop")
    reviewer.fill("textarea[name=comment]", "同意")
    reviewer.click("form.zx-review button[type=submit]")
    reviewer.wait_for_load_state("networkidle")
    expect(reviewer.locator("main")).to_contain_text("秘书长审核")
    shot(reviewer, APP, "22-sign-off-sheet-after-review-desktop")
