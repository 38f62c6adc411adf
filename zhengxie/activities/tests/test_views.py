"""The pages as each role sees them: who may open what, what each one shows, no other organisation's rows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import tokens
from zhengxie.activities.choices import ActivityStatus, ActivityType, Response
from zhengxie.activities.models import CalendarFeed, Participant
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

from .factories import make_activity, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return make_activity(world.city, members=[world.members["city_member"]], created_by=world.city_office,
                         title="市政协常委会第十次会议")


def test_list_shows_members_only_their_own_and_open_activities(world, client_as, meeting):
    hidden = make_activity(world.city, members=[world.members["city_member2"]], title="专题协商会（仅邀请）")
    open_one = make_activity(world.city, is_open=True, title="理论学习报告会")
    draft = make_activity(world.city, status=ActivityStatus.DRAFT, members=[world.members["city_member"]], title="草稿会议")
    other = make_activity(world.city2, is_open=True, title="酒泉市政协全体会议")
    page = client_as(world.city_member).get(reverse("activities:list")).content.decode()
    assert meeting.title in page and open_one.title in page
    assert hidden.title not in page and draft.title not in page and other.title not in page
    staff_page = client_as(world.city_office).get(reverse("activities:list")).content.decode()
    assert hidden.title in staff_page and draft.title in staff_page and other.title not in staff_page


def test_only_invited_members_see_a_closed_activity(world, client_as, meeting):
    url = reverse("activities:detail", args=[meeting.pk])
    assert client_as(world.city_member).get(url).status_code == 200
    assert client_as(world.city_member2).get(url).status_code == 403
    assert client_as(world.city2_member).get(url).status_code == 404
    assert client_as(world.city2_office).get(url).status_code == 404
    assert client_as(world.city_office).get(url).status_code == 200


@pytest.mark.parametrize("name", ["participants", "attendance", "signin_screen", "attendance_export", "edit",
                                  "speech_create", "report_create"])
def test_organiser_pages_refuse_members_and_other_organisations(world, client_as, meeting, name):
    url = reverse(f"activities:{name}", args=[meeting.pk])
    assert client_as(world.city_office).get(url).status_code == 200
    assert client_as(world.city_member).get(url).status_code in (302, 403)
    assert client_as(world.city_unit).get(url).status_code == 403
    assert client_as(world.city2_office).get(url).status_code == 404


def test_member_answers_the_notice_with_a_leave_request(world, client_as, meeting):
    client = client_as(world.city_member)
    page = client.get(reverse("activities:detail", args=[meeting.pk])).content.decode()
    assert "I ask for leave" in page or "请假" in page
    client.post(reverse("activities:respond", args=[meeting.pk]), {"answer": "leave", "reason": "在外地出差"})
    p = participant(meeting, world.members["city_member"])
    assert p.response == Response.LEAVE_REQUESTED and p.leave_reason == "在外地出差"
    staff = client_as(world.city_office)
    assert "在外地出差" in staff.get(reverse("activities:participants", args=[meeting.pk])).content.decode()
    url = reverse("activities:leave_decide", args=[meeting.pk, p.pk])
    assert client_as(world.city2_office).post(url, {"decision": "approve"}).status_code == 404
    assert client_as(world.city_member2).post(url, {"decision": "approve"}).status_code == 403
    staff.post(url, {"decision": "approve", "version": p.version})
    assert participant(meeting, world.members["city_member"]).response == Response.LEAVE_APPROVED


def test_sign_in_screen_shows_a_qr_code_only_in_the_window(world, client_as, meeting):
    client = client_as(world.city_office)
    page = client.get(reverse("activities:signin_screen", args=[meeting.pk])).content.decode()
    assert "<svg" in page and 'data-testid="signin-qr"' in page and 'hx-trigger="every 5s"' in page
    partial = client.get(reverse("activities:signin_screen", args=[meeting.pk]), headers={"HX-Request": "true"})
    assert "<svg" in partial.content.decode() and "<html" not in partial.content.decode()
    later = make_activity(world.city, members=[world.members["city_member"]], starts_in=dt.timedelta(days=2))
    assert "<svg" not in client.get(reverse("activities:signin_screen", args=[later.pk])).content.decode()


def test_member_signs_in_through_the_token_page(world, client_as, meeting):
    token = tokens.make_token(meeting.pk)
    url = reverse("activities:signin_token", args=[token])
    client = client_as(world.city_member)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200
    assert participant(meeting, world.members["city_member"]).signed_in_at is not None
    again = client.post(url)
    assert again.status_code == 409


def test_the_token_page_remembers_the_scan_across_logging_in(world, client, meeting):
    from zhengxie.core.tests.factories import PASSWORD

    url = reverse("activities:signin_token", args=[tokens.make_token(meeting.pk)])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.post(reverse("core:login"), {"username": "city_member", "password": PASSWORD})
    assert client.post(url).status_code == 200
    assert participant(meeting, world.members["city_member"]).signed_in_at is not None


def test_forged_token_page(world, client_as, meeting):
    response = client_as(world.city_member).get(reverse("activities:signin_token", args=["1.2.forged"]))
    assert response.status_code == 400


def test_staff_sign_in_by_hand_with_htmx(world, client_as, meeting):
    p = participant(meeting, world.members["city_member"])
    url = reverse("activities:sign_in_manual", args=[meeting.pk, p.pk])
    assert client_as(world.city_member2).post(url).status_code == 403
    response = client_as(world.city_office).post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200 and f'id="participant-{p.pk}"' in response.content.decode()
    assert participant(meeting, world.members["city_member"]).signin_method == "manual"


def test_live_attendance_lists_who_signed_in(world, client_as, meeting):
    Participant.objects.filter(activity=meeting).update(signed_in_at=timezone.now(), signin_method="qr")
    response = client_as(world.city_office).get(reverse("activities:attendance", args=[meeting.pk]),
                                                headers={"HX-Request": "true"})
    assert "天水member" in response.content.decode()


def test_close_from_the_page_records_duty_events(world, client_as):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=-dt.timedelta(hours=3))
    client_as(world.city_office).post(reverse("activities:close", args=[activity.pk]), {"version": activity.version})
    assert DutyEvent.objects.filter(member=world.members["city_member"], kind=K.MEETING_ABSENT).exists()


def test_list_queries_do_not_grow_with_rows(world, client_as, django_assert_max_num_queries):
    client = client_as(world.city_office)
    for index in range(3):
        make_activity(world.city, members=[world.members["city_member"]], title=f"会议{index}")
    url = reverse("activities:list")
    client.get(url)
    with django_assert_max_num_queries(25):
        client.get(url)
    for index in range(20):
        make_activity(world.city, type=ActivityType.STUDY, members=[world.members["city_member"]], title=f"学习{index}")
    with django_assert_max_num_queries(25):
        client.get(url)


def test_participant_page_queries_do_not_grow(world, client_as, django_assert_max_num_queries):
    from zhengxie.core.tests.factories import MemberFactory

    activity = make_activity(world.city, members=list(world.members[k] for k in ("city_member", "city_member2")))
    client = client_as(world.city_office)
    url = reverse("activities:participants", args=[activity.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    Participant.objects.bulk_create([Participant(activity=activity, member=MemberFactory(organisation=world.city))
                                     for _ in range(15)])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_calendar_month_week_and_feed(world, client_as, client, meeting):
    member = client_as(world.city_member)
    month = member.get(reverse("activities:calendar")).content.decode()
    assert meeting.title in month
    week = member.get(reverse("activities:calendar") + "?view=week").content.decode()
    assert meeting.title in week
    member.post(reverse("activities:feed_manage"), {"action": "create"})
    feed = world.city_member.activity_feed
    ics = client.get(reverse("activities:feed_ics", args=[feed.token]))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR") and f"UID:activity-{meeting.pk}@zhengxie" in body and "\r\n" in body
    old = feed.token
    member.post(reverse("activities:feed_manage"), {"action": "regenerate"})
    assert client.get(reverse("activities:feed_ics", args=[old])).status_code == 404
    current = CalendarFeed.objects.get(user=world.city_member).token
    assert client.get(reverse("activities:feed_ics", args=[current])).status_code == 200
    member.post(reverse("activities:feed_manage"), {"action": "revoke"})
    assert client.get(reverse("activities:feed_ics", args=[current])).status_code == 404


def test_calendar_and_list_dates_follow_the_language(world, client_as, meeting):
    member = client_as(world.city_member)
    url = reverse("activities:calendar") + "?date=2026-11-02"
    assert "<h1 class=\"zx-page-title m-0\">2026年11月</h1>" in member.get(url).content.decode()
    member.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    english = member.get(url).content.decode()
    assert "November 2026" in english and "2026年11月" not in english
    listing = member.get(reverse("activities:list")).content.decode()
    assert meeting.title in listing and "月</small>" not in listing


def test_the_phone_list_of_a_month_keeps_to_the_month(world, client_as):
    zone = timezone.get_current_timezone()
    member = world.members["city_member"]
    for title, when in (("十一月的视察", dt.datetime(2026, 11, 10, 9, tzinfo=zone)),
                        ("十二月初的调研", dt.datetime(2026, 12, 2, 9, tzinfo=zone))):
        make_activity(world.city, members=[member], title=title, starts_in=when - timezone.now())
    page = client_as(world.city_member).get(reverse("activities:calendar") + "?date=2026-11-02").content.decode()
    grid, phone = page.split('class="d-md-none"', 1)
    assert "十一月的视察" in grid and "十二月初的调研" in grid  # the grid's last week reaches into December
    assert "十一月的视察" in phone and "十二月初的调研" not in phone.split('id="feed"')[0]


def test_workbench_shows_the_notice_to_answer(world, client_as, meeting):
    page = client_as(world.city_member).get(reverse("core:workbench")).content.decode()
    assert reverse("activities:list") in page


def test_leave_requests_on_the_workbench_go_to_the_general_office_and_the_activitys_creator(world, client_as):
    from zhengxie.core.registry import todos

    by_office = make_activity(world.city, members=[world.members["city_member"]], created_by=world.city_office)
    by_proposal_office = make_activity(world.city, members=[world.members["city_member2"]], created_by=world.city_proposal)
    for activity, seat in ((by_office, "city_member"), (by_proposal_office, "city_member2")):
        Participant.objects.filter(activity=activity, member=world.members[seat]).update(
            response=Response.LEAVE_REQUESTED, leave_reason="出差")

    def leave_count(user):
        request = client_as(user).get(reverse("core:workbench")).wsgi_request
        return sum(item.count for item in todos(request) if "请假" in str(item.label))

    assert leave_count(world.city_office) == 2  # the general office answers for every activity
    assert leave_count(world.city_proposal) == 1  # other organisers for the activities they created
    assert leave_count(world.city_info) == 0


def test_my_calendar_keeps_an_activity_another_participant_declined(world):
    from zhengxie.activities import selectors

    seats = [world.members["city_member"], world.members["city_member2"], world.members["city_member3"]]
    activity = make_activity(world.city, members=seats, starts_in=dt.timedelta(days=2))
    Participant.objects.filter(activity=activity, member=seats[1]).update(response=Response.DECLINED)
    Participant.objects.filter(activity=activity, member=seats[2]).update(response=Response.LEAVE_APPROVED)
    now = timezone.now()

    def mine(user):
        return list(selectors.calendar_activities(user, world.city, now, now + dt.timedelta(days=7), mine=True))

    assert mine(world.city_member) == [activity]
    assert mine(world.city_member2) == [] and mine(world.city_member3) == []


def test_a_member_of_another_committee_is_told_before_tapping_confirm(world, client_as, meeting):
    token = tokens.make_token(meeting.pk)
    page = client_as(world.city2_member).get(reverse("activities:signin_token", args=[token]))
    body = page.content.decode()
    assert page.status_code == 403 and "确认签到" not in body and "只有" in body
