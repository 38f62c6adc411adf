"""Browser journey of the issue: a person sends a concern from a phone on a place's public page; a member on duty
takes it up and passes it to a handling unit; the unit answers; the member closes it; the person reads the result
with the tracking code and says whether it satisfies. Then the office's view of places and figures."""

import re

import pytest
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login, logout
from zhengxie.outreach import services
from zhengxie.outreach.choices import ConcernStatus
from zhengxie.outreach.models import Concern

from .factories import make_place

pytestmark = pytest.mark.e2e
APP = "outreach"


def _answer(page) -> str:
    """What a person reads in the picture (the test reads it where the server keeps it)."""
    from zhengxie.outreach import guard

    nonce = re.search(r"/challenge/([^/]+)\.png", page.locator("#challenge-image").get_attribute("src")).group(1)
    return guard._answer_of(nonce)


def test_a_concern_from_a_phone_to_its_result(live_world, phone, new_page, shot):
    w = live_world
    station = make_place(w.city, lead=w.members["city_member"], team=[w.members["city_member2"]],
                         contact_phone="0938-7012345", opening_hours="每周一至周五 9:00—17:00", street_address="党群服务中心")

    # 1. The person scans the poster and writes on a phone.
    phone.goto(station.public_path)
    expect(phone.locator("h1")).to_have_text(station.name)
    phone.fill("input[name=name]", "王秀兰")
    phone.fill("input[name=phone]", "13912345678")
    phone.select_option("select[name=category]", "道路交通")
    phone.fill("textarea[name=description]", "村里通往镇上的道路坑洼严重，雨天孩子上学无法通行，希望尽快修补。")
    phone.fill("input[name=answer]", _answer(phone))
    shot(phone, APP, "01-person-writes-on-the-public-page-phone")
    phone.wait_for_timeout(3200)  # a person takes longer than the minimum fill time
    phone.click("main form button[type=submit]")
    expect(phone.locator("#tracking-code")).to_be_visible()
    code = phone.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    shot(phone, APP, "02-person-gets-the-tracking-code-phone")

    # 2. A member on duty takes it up on his phone and passes it to a handling unit.
    member = new_page(phone=True)
    login(member, "city_member2")
    expect(member.locator(".zx-todo").first).to_contain_text("待受理")
    shot(member, APP, "03-member-workbench-phone")
    member.goto("/outreach/concerns/?status=submitted")
    member.locator("table tbody tr a").first.click()
    expect(member.locator("#concern-phone")).to_contain_text("139****5678")  # not his yet: masked
    member.click("button[value=take_up]")
    expect(member.locator(".alert-success")).to_be_visible()
    expect(member.locator("#concern-phone")).to_contain_text("13912345678")  # handling it now
    member.click("#action-pass_to_unit summary")
    member.select_option("#action-pass_to_unit select[name=unit]", label=w.city_unit0.name)
    member.fill("#action-pass_to_unit textarea[name=comment]", "请组织人员现场查看并维修。")
    shot(member, APP, "04-member-passes-it-to-a-unit-phone")
    member.click("#action-pass_to_unit button[type=submit]")
    expect(member.locator(".badge", has_text="承办单位办理中")).to_be_visible()
    concern = Concern.objects.get()
    assert concern.status == ConcernStatus.AT_UNIT and concern.handling_unit == w.city_unit0

    # 3. The unit answers from its desk.
    unit = new_page()
    login(unit, "city_unit")
    unit.goto(f"/outreach/concerns/{concern.pk}/")
    unit.click("#action-unit_reply summary")
    unit.fill("#action-unit_reply textarea[name=text]", "我局已安排养护队，三日内完成坑槽修补。")
    shot(unit, APP, "05-unit-answers-desktop")
    unit.click("#action-unit_reply button[type=submit]")
    expect(unit.locator(".alert-success")).to_be_visible()

    # 4. The member closes it with the result for the person.
    member.reload()
    member.click("#action-close summary")
    member.fill("#action-close textarea[name=result]", "经协调交通运输局，道路坑槽已修补完毕，雨天可正常通行。")
    member.click("#action-close button[type=submit]")
    expect(member.locator(".badge", has_text="已办结").first).to_be_visible()
    shot(member, APP, "06-member-closed-it-phone")

    # 5. The person checks with the code and gives feedback.
    phone.goto("/outreach/public/track/")
    phone.fill("input[name=code]", code.lower().replace("-", " "))
    phone.click("main form button[type=submit]")
    expect(phone.locator("#concern-status")).to_have_text("已办结")
    expect(phone.locator("#concern-result")).to_contain_text("坑槽已修补完毕")
    assert "13912345678" not in phone.content()
    phone.check("input[name=satisfied][value=yes]")
    phone.fill("textarea[name=comment]", "谢谢委员！")
    shot(phone, APP, "07-person-reads-the-result-phone")
    phone.click("main form[action$='/feedback/'] button[type=submit]")
    expect(phone.locator("#public-message")).to_be_visible()
    shot(phone, APP, "08-person-gave-feedback-phone")
    concern.refresh_from_db()
    assert concern.satisfied is True and concern.feedback_comment == "谢谢委员！"
    logout(member)


def test_the_office_keeps_places_and_reads_the_figures(live_world, desktop, shot):
    w = live_world
    station = make_place(w.city, lead=w.members["city_member"], team=[w.members["city_member2"]],
                         is_three_in_one=True, council_size=15, opening_hours="每周一至周五 9:00—17:00",
                         has_site=True, has_people=True, has_mechanism=True, has_rules=True)
    make_place(w.city, name="白驼镇上磨村协商议事室", kind="room", lead=w.members["city_member3"])
    services.activity_create(actor=w.city_office, place=station, held=True,
                             participants=[w.members["city_member"], w.members["city_member2"]],
                             data={"kind": "talk", "topic": "宣讲乡村振兴政策", "held_on": station.created_at.date(),
                                   "constituents_count": 46, "outcome": "现场解答政策咨询 12 人次"})
    login(desktop, "city_office")
    desktop.goto("/outreach/places/")
    expect(desktop.locator("table tbody tr")).to_have_count(2)
    desktop.select_option("select[name=kind]", "room")
    expect(desktop.locator("table tbody tr")).to_have_count(1)
    shot(desktop, APP, "09-office-place-list-desktop")
    desktop.goto(f"/outreach/places/{station.pk}/")
    desktop.check("input[name=stars][value='4']")
    desktop.click("form[action$='/rate/'] button[type=submit]")
    expect(desktop.locator(".zx-stars").first).to_have_text("★★★★☆")
    shot(desktop, APP, "10-office-place-page-desktop")
    desktop.goto("/outreach/figures/")
    expect(desktop.locator(".zx-stat").nth(2)).to_have_text("2")  # members who went down
    desktop.wait_for_timeout(500)  # the charts draw
    shot(desktop, APP, "11-office-figures-desktop")


def test_the_public_form_shows_a_picture_to_read(live_world, phone, shot):
    """Large digits to read, another picture, the digits read aloud, and the place's phone for those who can do
    neither; the picture changes without losing what was typed."""
    station = make_place(live_world.city, lead=live_world.members["city_member"], contact_phone="0938-7012345")
    phone.goto(station.public_path)
    image = phone.locator("#challenge-image")
    expect(image).to_be_visible()
    assert phone.evaluate("document.getElementById('challenge-image').naturalWidth") == 360
    phone.fill("input[name=name]", "王秀兰")
    first = image.get_attribute("src")
    phone.click("#challenge-refresh")
    expect(image).not_to_have_attribute("src", first)
    assert phone.input_value("input[name=name]") == "王秀兰"
    expect(phone.locator(".zx-challenge")).to_contain_text("0938-7012345")
    phone.locator(".zx-challenge").scroll_into_view_if_needed()
    shot(phone, APP, "00-public-form-picture-challenge-phone")
