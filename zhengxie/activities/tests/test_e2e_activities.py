"""The issue's journey in a real browser: staff send a notice; a member asks for leave on a phone and staff
approve; another member signs in on a phone by the QR token; the attendance list and both members' duty records
show the outcome."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.activities.models import Activity, Participant
from zhengxie.core.tests.browser import login
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

from .factories import make_activity

pytestmark = pytest.mark.e2e
APP = "activities"


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_notice_leave_qr_sign_in_and_duty_records(live_world, desktop, new_page, shot):
    world = live_world
    # Office staff create a standing committee meeting that began five minutes ago and invite two members.
    login(desktop, "city_office")
    desktop.goto("/activities/new/?type=meeting")
    desktop.select_option("select[name=meeting_type]", "standing")
    desktop.fill("input[name=title]", "市政协常委会第十二次会议")
    starts = timezone.now() - dt.timedelta(minutes=5)
    desktop.fill("input[name=starts_at]", local(starts))
    desktop.fill("input[name=ends_at]", local(starts + dt.timedelta(hours=2)))
    desktop.fill("input[name=location]", "政协机关三楼会议室")
    shot(desktop, APP, "01-staff-new-meeting-desktop")
    desktop.click("main button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    activity = Activity.objects.get(title="市政协常委会第十二次会议")
    desktop.fill("textarea[name=names]", "天水member 天水member2")
    desktop.click("form.zx-select-members button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    desktop.click("form[action$='/publish/'] button")
    desktop.wait_for_load_state("networkidle")
    assert Activity.objects.get(pk=activity.pk).status == "published"
    shot(desktop, APP, "02-staff-participants-notice-sent-desktop")

    # The first member gets the notice on a phone and asks for leave with a reason.
    member = new_page(phone=True)
    login(member, "city_member")
    member.goto("/inbox/")
    expect(member.locator("main")).to_contain_text("会议通知：市政协常委会第十二次会议")
    shot(member, APP, "03-member-notice-in-inbox-phone")
    member.goto(f"/activities/{activity.pk}/")
    member.check("input[name=answer][value=leave]")
    member.fill("textarea[name=reason]", "赴省外出差，无法参会")
    shot(member, APP, "04-member-asks-for-leave-phone")
    member.click("form.zx-respond button[type=submit]")
    member.wait_for_load_state("networkidle")
    expect(member.locator(".zx-my-answer")).to_contain_text("已请假待批")

    # Staff approve the leave.
    desktop.goto(f"/activities/{activity.pk}/participants/")
    expect(desktop.locator("main")).to_contain_text("赴省外出差，无法参会")
    shot(desktop, APP, "05-staff-sees-leave-request-desktop")
    desktop.click(".zx-leave-form button[value=approve]")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("main")).to_contain_text("请假已批准")

    # The sign-in screen shows the rotating QR code; the second member opens the URL it encodes on a phone.
    desktop.goto(f"/activities/{activity.pk}/sign-in-screen/")
    qr = desktop.locator("[data-testid=signin-qr]")
    expect(qr.locator("svg")).to_be_visible()
    token_url = qr.get_attribute("data-token-url")
    shot(desktop, APP, "06-sign-in-screen-desktop")
    second = new_page(phone=True)
    login(second, "city_member2")
    second.goto(token_url)
    shot(second, APP, "07-member2-confirms-sign-in-phone")
    second.click("main button[type=submit]")
    expect(second.locator("main")).to_contain_text("签到成功")
    shot(second, APP, "08-member2-signed-in-phone")
    expect(desktop.locator(".zx-signin-count")).to_contain_text("已签到 1", timeout=15000)  # htmx polling

    # The live attendance list shows who came.
    desktop.goto(f"/activities/{activity.pk}/attendance/")
    expect(desktop.locator("[data-testid=signed-in-count]")).to_have_text("1")
    expect(desktop.locator("main")).to_contain_text("天水member2")
    shot(desktop, APP, "09-live-attendance-desktop")

    # Closing attendance turns it into duty records: attended for one, excused leave for the other.
    desktop.goto(f"/activities/{activity.pk}/")
    desktop.once("dialog", lambda dialog: dialog.accept())
    desktop.click("form[action$='/close/'] button")
    desktop.wait_for_load_state("networkidle")
    expect(desktop.locator("main")).to_contain_text("考勤已结束")
    shot(desktop, APP, "10-attendance-closed-desktop")
    member1, member2 = world.members["city_member"], world.members["city_member2"]
    assert list(DutyEvent.objects.live().filter(member=member1).values_list("kind", flat=True)) == [K.MEETING_LEAVE]
    assert list(DutyEvent.objects.live().filter(member=member2).values_list("kind", flat=True)) == [K.MEETING_ATTENDED]
    assert Participant.objects.get(activity=activity, member=member2).signin_method == "qr"
    second.goto(f"/activities/{activity.pk}/")
    expect(second.locator(".zx-my-answer")).to_contain_text("出席")
    shot(second, APP, "11-member2-attendance-recorded-phone")
    member.goto(f"/activities/{activity.pk}/")
    expect(member.locator(".zx-my-answer")).to_contain_text("请假")
    shot(member, APP, "12-member-excused-phone")


def test_deliberation_contest_and_calendar_on_a_phone(live_world, desktop, phone, shot):
    from zhengxie.activities.services import contests, deliberation

    world = live_world
    now = timezone.now()
    topic = deliberation.topic_create(actor=world.city_office, organisation=world.city, data={
        "title": "如何放大文旅综合效应", "description": "请各位委员围绕精品线路、品牌打造、业态融合建言献策。",
        "opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=7), "scope": "all"})
    deliberation.topic_publish(actor=world.city_office, topic=topic)
    deliberation.poll_create(actor=world.city_office, topic=topic, question="最需要加强的是？",
                             options=["精品线路", "配套设施", "宣传推介"])
    for text, kind, answer in (("人民政协是什么性质的组织？", "single", "A"), ("政协委员每届任期五年。", "true_false", "对")):
        contests.question_save(actor=world.city_office, organisation=world.city, kind=kind, text=text,
                               options=["政治组织", "经济组织", "学术团体"] if kind == "single" else [], answer=answer)
    contest = contests.contest_save(actor=world.city_office, organisation=world.city, data={
        "title": "抓学习促提升知识竞赛", "description": "", "opens_at": now - dt.timedelta(hours=1),
        "closes_at": now + dt.timedelta(days=3), "time_limit_minutes": 10, "question_count": 2, "category": "",
        "include_lower_levels": True})
    contests.contest_publish(actor=world.city_office, contest=contest)
    seat = world.members["city_member"]
    make_activity(world.city, members=[seat], starts_in=dt.timedelta(days=1), title="常委会会议")
    make_activity(world.city, type="study", members=[seat], starts_in=dt.timedelta(days=3), title="理论学习中心组学习")
    make_activity(world.city, type="research", members=[world.members["city_member2"]], starts_in=dt.timedelta(days=2),
                  hours=8, title="关于文旅融合发展的调研")

    login(phone, "city_member")
    phone.goto(f"/activities/topics/{topic.pk}/")
    phone.fill("textarea[name=text]", "建议整合全市旅游资源，推出精品线路，加强与周边城市联动。")
    phone.click("form[action$='/posts/'] button[type=submit]")
    phone.wait_for_load_state("networkidle")
    phone.check("input[name=option] >> nth=0")
    phone.click("form[action$='/vote/'] button[type=submit]")
    phone.wait_for_load_state("networkidle")
    phone.click(".zx-post form[action$='/like/'] button")
    expect(phone.locator(".zx-post form[action$='/like/'] button")).to_have_attribute("aria-pressed", "true")
    shot(phone, APP, "20-member-deliberation-phone")

    phone.goto(f"/activities/contests/{contest.pk}/")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("form[action$='/start/'] button")
    phone.wait_for_load_state("networkidle")
    for group in phone.locator("fieldset.zx-card").all():
        group.locator("input").first.check()
    expect(phone.locator("#save-state")).to_contain_text("已于")
    shot(phone, APP, "21-member-contest-phone")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("form[data-attempt] button[type=submit]")
    phone.wait_for_load_state("networkidle")
    expect(phone.locator(".zx-score")).to_have_text("100")
    shot(phone, APP, "22-member-contest-result-phone")

    phone.goto("/activities/calendar/")
    shot(phone, APP, "23-member-calendar-phone")

    login(desktop, "city_office")
    desktop.goto(f"/activities/topics/{topic.pk}/summary/")
    desktop.fill("textarea[name=summary]", "委员们围绕精品线路、配套设施和宣传推介提出了建议。")
    desktop.check("input[name=posts] >> nth=0")
    desktop.click("main form button[type=submit]")
    desktop.wait_for_load_state("networkidle")
    shot(desktop, APP, "24-staff-deliberation-summary-desktop")
    desktop.goto("/activities/calendar/?scope=org")
    shot(desktop, APP, "25-staff-calendar-desktop")


def test_a_post_without_break_points_does_not_widen_the_phone_page(live_world, phone):
    from zhengxie.activities.services import deliberation

    world = live_world
    now = timezone.now()
    topic = deliberation.topic_create(actor=world.city_office, organisation=world.city, data={
        "title": "如何放大文旅综合效应", "description": "https://example.gov.cn/" + "a" * 300,
        "opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=7), "scope": "all"})
    topic = deliberation.topic_publish(actor=world.city_office, topic=topic)
    deliberation.post_create(actor=world.city_member2, topic=topic, text="建议" + "旅" * 400 + "x" * 400)
    login(phone, "city_member")
    phone.goto(f"/activities/topics/{topic.pk}/")
    expect(phone.locator(".zx-post")).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
