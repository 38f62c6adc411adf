"""The mobile app's API: my activities, answering, leave, QR sign-in, video, deliberation; each refused where due."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from zhengxie.activities import tokens
from zhengxie.activities.choices import Response
from zhengxie.activities.services import deliberation
from zhengxie.core.services import api_token_create

from .factories import make_activity, participant

pytestmark = pytest.mark.django_db
API = "/api/v1/activities"


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        _token, secret = api_token_create(user=user, name="phone")
        kwargs = {"headers": {"Authorization": f"Bearer {secret}"}}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(f"{API}{path}", **kwargs)

    return call


@pytest.fixture
def meeting(world):
    return make_activity(world.city, members=[world.members["city_member"]], created_by=world.city_office)


def test_my_activities(world, api, meeting):
    make_activity(world.city, members=[world.members["city_member2"]], title="别人的会议")
    body = api(world.city_member, "get", "/mine").json()
    assert body["count"] == 1 and body["items"][0]["activity"]["id"] == meeting.pk
    assert body["items"][0]["participation"]["response"] == "invited"
    assert api(world.city_member2, "get", f"/{meeting.pk}").status_code == 403
    detail = api(world.city_member, "get", f"/{meeting.pk}").json()
    assert detail["participation"]["response"] == "invited"


def test_answer_and_leave_through_the_api(world, api, meeting):
    response = api(world.city_member, "post", f"/{meeting.pk}/respond", {"answer": "leave", "reason": ""})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = api(world.city_member, "post", f"/{meeting.pk}/respond", {"answer": "leave", "reason": "住院"})
    assert response.status_code == 200 and response.json()["response"] == Response.LEAVE_REQUESTED
    p = participant(meeting, world.members["city_member"])
    path = f"/{meeting.pk}/participants/{p.pk}/leave"
    assert api(world.city_member, "post", path, {"approve": True}).status_code == 403
    assert api(world.city2_office, "post", path, {"approve": True}).status_code == 404
    response = api(world.city_office, "post", path, {"approve": False, "comment": "会议重要，请安排出席"})
    assert response.status_code == 200 and response.json()["response"] == Response.LEAVE_REFUSED
    assert api(world.city_member, "post", f"/{meeting.pk}/respond", {"answer": "nonsense"}).status_code == 422


def test_sign_in_with_the_token_or_the_whole_url(world, api, meeting):
    token = tokens.make_token(meeting.pk)
    response = api(world.city_member, "post", "/sign-in", {"token": f"https://example.org/activities/sign-in/{token}/"})
    assert response.status_code == 200 and response.json()["participation"]["signin_method"] == "qr"
    assert api(world.city_member, "post", "/sign-in", {"token": token}).status_code == 400
    assert api(world.city_member2, "post", "/sign-in", {"token": tokens.make_token(meeting.pk)}).status_code == 403
    assert api(world.city_member, "post", "/sign-in", {"token": "1.1.forged"}).status_code == 400


def test_video_consultation_records_remote_attendance(world, api):
    video = make_activity(world.city, members=[world.members["city_member"]], type="consultation",
                          video_url="https://video.example.org/room/42")
    body = api(world.city_member, "post", f"/{video.pk}/join").json()
    assert body["signin_method"] == "remote"
    plain = make_activity(world.city, members=[world.members["city_member"]])
    assert api(world.city_member, "post", f"/{plain.pk}/join").status_code == 400


def test_calendar_endpoint(world, api, meeting):
    today = timezone.localdate()
    body = api(world.city_member, "get", f"/calendar?start={today}&end={today + dt.timedelta(days=1)}").json()
    assert [a["id"] for a in body] == [meeting.pk]


def test_deliberation_through_the_api(world, api):
    now = timezone.now()
    topic = deliberation.topic_create(actor=world.city_office, organisation=world.city, data={
        "title": "议题", "description": "说明", "opens_at": now - dt.timedelta(hours=1),
        "closes_at": now + dt.timedelta(days=1), "scope": "all"})
    assert api(world.city_member, "get", "/topics").json()["count"] == 0  # a draft
    deliberation.topic_publish(actor=world.city_office, topic=topic)
    assert api(world.city_member, "get", "/topics?open_only=true").json()["count"] == 1
    post = api(world.city_member, "post", f"/topics/{topic.pk}/posts", {"text": "手机上发表的意见"})
    assert post.status_code == 200 and post.json()["author"] == "天水member"
    reply = api(world.city_member2, "post", f"/topics/{topic.pk}/posts", {"text": "回复", "parent_id": post.json()["id"]})
    assert reply.json()["parent_id"] == post.json()["id"]
    listing = api(world.city_member, "get", f"/topics/{topic.pk}/posts").json()
    assert [p["text"] for p in listing["items"]] == ["手机上发表的意见", "回复"]
    assert api(world.city2_member, "post", f"/topics/{topic.pk}/posts", {"text": "x"}).status_code == 404


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/mine", "/sign-in", "/{activity_id}/respond", "/topics/{topic_id}/posts",
                 "/reports/{report_id}/recipients/{recipient_id}/feedback"):
        assert f"/api/v1/activities{path}" in paths


def test_an_outcomes_feedback_with_its_measures_through_the_api(world, api, django_capture_on_commit_callbacks):
    from zhengxie.activities.choices import ActivityType
    from zhengxie.activities.services import outcomes
    from zhengxie.worklists.models import Item

    research = make_activity(world.city, title="关于养老服务的调研", type=ActivityType.RESEARCH,
                             starts_in=-dt.timedelta(days=10))
    report = outcomes.report_create(actor=world.city_office, activity=research, kind="research",
                                    title="关于完善养老服务体系的调研报告", body="建议如下……",
                                    authors=[world.members["city_member"]])
    outcomes.report_send(actor=world.city_office, report=report, units=[world.units["city_unit2"]])
    recipient = report.recipients.get()
    path = f"/reports/{report.pk}/recipients/{recipient.pk}/feedback"
    due = (timezone.localdate() + dt.timedelta(days=120)).isoformat()
    body = {"feedback": "采纳", "adopted": True, "promises": [{"measure": "新建社区养老服务站 10 个", "due_on": due}]}
    for refused in ("city_member", "city_unit", "city2_office"):
        assert api(getattr(world, refused), "post", path, body).status_code in (403, 404), refused
    past = {**body, "promises": [{"measure": "新建社区养老服务站 10 个", "due_on": "2020-01-01"}]}
    assert api(world.city_office, "post", path, past).status_code == 400
    unadopted = {**body, "adopted": False}
    assert api(world.city_office, "post", path, unadopted).status_code == 400
    assert not Item.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = api(world.city_office, "post", path, body)
    assert answer.status_code == 200, answer.content
    assert answer.json()["adopted"] and answer.json()["promises"] == [{"measure": "新建社区养老服务站 10 个", "due_on": due}]
    item = Item.objects.get()
    assert (item.title, item.due_on.isoformat(), item.unit) == ("新建社区养老服务站 10 个", due, world.units["city_unit2"])
