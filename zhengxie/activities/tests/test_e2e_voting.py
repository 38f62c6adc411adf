"""The meeting tools in a real browser: staff add a matter and open the vote at 1366×900; a member signed in to the
meeting finds their seat and votes on a 390×844 phone; staff close the vote and the screen shows the result."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.activities.choices import MeetingType
from zhengxie.activities.models import Motion, Participant, VoteCast
from zhengxie.activities.services import seating
from zhengxie.core.tests.browser import login

from .factories import make_activity

pytestmark = pytest.mark.e2e
APP = "activities"


def test_staff_open_a_vote_a_member_finds_the_seat_and_votes(live_world, desktop, new_page, shot):
    world = live_world
    members = [world.members[k] for k in ("city_member", "city_member2", "city_member3")]
    meeting = make_activity(world.city, meeting_type=MeetingType.STANDING, members=members,
                            title="政协天水市第八届委员会常务委员会第十二次会议", created_by=world.city_office)
    Participant.objects.filter(activity=meeting).update(signed_in_at=timezone.now())
    seating.seating_arrange(actor=world.city_office, activity=meeting, order="sector", per_row=8)
    seating.material_add(actor=world.city_office, activity=meeting, kind="agenda", title="会议议程",
                         text="一、审议关于推进县域经济高质量发展的建议案\n二、协商通过有关人事事项")

    desktop.goto("/accounts/login/", timeout=90_000)  # the first page of a session on a busy machine is slow
    login(desktop, "city_office")
    desktop.goto(f"/activities/{meeting.pk}/votes/")
    desktop.select_option("select[name=kind]", "recommendation")
    desktop.fill("input[name=title]", "关于推进县域经济高质量发展的建议案")
    desktop.click("form.zx-form button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    motion = Motion.objects.get(activity=meeting)
    desktop.goto(f"/activities/votes/{motion.pk}/")
    shot(desktop, APP, "30-staff-matter-ready-desktop")
    desktop.once("dialog", lambda dialog: dialog.accept())
    desktop.click("form[action$='/open/'] button")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("main")).to_contain_text("表决中")
    shot(desktop, APP, "31-staff-vote-open-desktop")

    member = new_page(phone=True)
    login(member, "city_member")
    member.goto(f"/activities/{meeting.pk}/")
    expect(member.locator(".zx-meeting-tools")).to_contain_text("我的座位")
    shot(member, APP, "32-member-meeting-tools-phone")
    member.click(".zx-meeting-tools a[href$='/seating/']")
    expect(member.locator(".zx-seat-mine")).to_be_visible()
    shot(member, APP, "33-member-finds-seat-phone")
    member.goto(f"/activities/{meeting.pk}/materials/")
    shot(member, APP, "34-member-materials-phone")
    member.goto(f"/activities/votes/{motion.pk}/")
    member.check("input[name=choice][value=yes]")
    shot(member, APP, "35-member-ballot-phone")
    member.once("dialog", lambda dialog: dialog.accept())
    member.click("form.zx-ballot button[type=submit]")
    member.wait_for_load_state("networkidle")
    expect(member.locator("main")).to_contain_text("您已投票")
    shot(member, APP, "36-member-voted-phone")
    assert VoteCast.objects.filter(motion=motion).count() == 1
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width

    desktop.reload()
    desktop.once("dialog", lambda dialog: dialog.accept())
    desktop.click("form[action$='/close/'] button")
    desktop.wait_for_load_state("networkidle")
    assert Motion.objects.get(pk=motion.pk).result == "rejected"  # 1 of 3 for: not more than half of all members
    desktop.goto(f"/activities/votes/{motion.pk}/screen/")
    expect(desktop.locator(".zx-screen-verdict")).to_be_visible()
    shot(desktop, APP, "37-staff-result-on-screen-desktop")
