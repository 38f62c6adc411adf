"""Coordination groups and the roll-up through the API: each role allowed and refused, no row of another
organisation or of another branch."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.activities.tests.factories import make_activity
from zhengxie.core import services as core_services
from zhengxie.worklists.models import CoordinationGroup, IssueReview

from .factories import make_item, make_list

pytestmark = pytest.mark.django_db
API = "/api/v1/worklists"


def bearer(user):
    _token, secret = core_services.api_token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_group_its_members_meetings_and_issues_list_through_the_api(client, world):
    office, unit, leader = bearer(world.city_office), bearer(world.city_unit), bearer(world.city_leader)

    def post(path, body, who, method="post"):
        return getattr(client, method)(f"{API}{path}", body, content_type="application/json", **who)

    body = {
        "name": "助力工作协调保障领导小组",
        "purpose": "每季度召开1次会议",
        "members": [
            {"user_id": world.city_leader.pk, "duty": "head"},
            {"user_id": world.city_unit.pk, "duty": "member"},
        ],
    }
    assert post("/groups", body, leader).status_code == 403  # the leader reads groups, the office keeps them
    assert (
        post("/groups", {**body, "members": [{"user_id": world.city2_office.pk}]}, office).status_code == 400
    )
    assert not CoordinationGroup.objects.exists()
    created = post("/groups", body, office)
    assert created.status_code == 201, created.content
    group = created.json()
    assert [(m["user_id"], m["duty"]) for m in group["memberships"]] == [
        (world.city_leader.pk, "head"),
        (world.city_unit.pk, "member"),
    ]
    gid = group["id"]

    activity = make_activity(world.city, title="第三季度协调会议", starts_in=-dt.timedelta(days=2))
    other = make_activity(world.city2, title="酒泉的会议", starts_in=-dt.timedelta(days=2))
    today = timezone.localdate().isoformat()
    assert (
        post(
            f"/groups/{gid}/meetings",
            {"title": "第三季度协调会", "held_on": today, "activity_id": other.pk},
            office,
        ).status_code
        == 400
    )
    meeting = post(
        f"/groups/{gid}/meetings",
        {"title": "第三季度协调会", "held_on": today, "activity_id": activity.pk},
        office,
    )
    assert meeting.status_code == 201 and meeting.json()["activity_title"] == "第三季度协调会议"
    mid = meeting.json()["id"]
    assert post(f"/groups/{gid}/meetings", {"title": "x", "held_on": today}, unit).status_code == 403
    land = post(
        f"/groups/{gid}/issues",
        {"title": "项目用地指标不足", "solver": "市自然资源局", "meeting_id": mid},
        office,
    )
    assert land.status_code == 201 and land.json()["raised_at"] == mid
    money = post(f"/groups/{gid}/issues", {"title": "配套资金缺口", "solver": "市财政局"}, office).json()
    assert post(f"/groups/{gid}/issues", {"title": "x"}, unit).status_code == 403

    review = f"/groups/{gid}/meetings/{mid}/review"
    decisions = [
        {"issue_id": land.json()["id"], "decision": "由市自然资源局统筹调剂。", "status": "solved"},
        {"issue_id": money["id"], "decision": "", "status": "open"},
    ]
    assert post(review, {"decisions": decisions}, office).status_code == 400  # a decision without its text
    assert not IssueReview.objects.exists()
    assert post(review, {"decisions": decisions[:1]}, unit).status_code == 403
    reviewed = post(review, {"decisions": decisions[:1]}, office)
    assert reviewed.status_code == 200, reviewed.content
    issues = {i["title"]: i for i in reviewed.json()["issues"]}
    assert (
        issues["项目用地指标不足"]["status"] == "solved"
        and issues["项目用地指标不足"]["reviews"][0]["meeting_id"] == mid
    )
    assert "配套资金缺口" in issues  # still open: the meeting reviews it
    assert [
        i["title"] for i in client.get(f"{API}/groups/{gid}/issues?status=open", **unit).json()["items"]
    ] == ["配套资金缺口"]
    assert client.get(f"{API}/groups/{gid}/meetings", **unit).json()["count"] == 1
    assert (
        post(f"/groups/{gid}/meetings/{mid}/activity", {"activity_id": None}, office, "put").json()[
            "activity_id"
        ]
        is None
    )

    # The members list replaces the one kept; a stale version is refused; the unit (a member) reads, not edits.
    changed = post(
        f"/groups/{gid}",
        {**body, "members": [{"user_id": world.city_leader.pk, "duty": "head"}], "version": group["version"]},
        office,
        "put",
    )
    assert changed.status_code == 200 and len(changed.json()["memberships"]) == 1
    assert post(f"/groups/{gid}", {**body, "version": group["version"]}, office, "put").status_code == 409
    assert [e["action"] for e in changed.json()["history"]][:2] == ["edit", "link"]
    # No longer a member: the unit sees no group; another city never does.
    assert client.get(f"{API}/groups/{gid}", **unit).status_code in (403, 404)
    assert client.get(f"{API}/groups", **unit).json()["count"] == 0
    assert client.get(f"{API}/groups/{gid}", **bearer(world.city2_office)).status_code == 404
    assert client.get(f"{API}/groups", **bearer(world.city2_office)).json()["count"] == 0
    assert client.get(f"{API}/groups", **leader).json()["items"][0]["open_issues"] == 1


def test_the_rollup_through_the_api(client, world):
    for org in ("city", "county", "county2", "city2"):
        make_item(world, org, work_list=make_list(world, org), title=f"{org} 的任务", due_in=-3)
    province = client.get(f"{API}/committees", **bearer(world.province_office)).json()
    assert [r["short_name"] for r in province["rows"]][0] == world.province.short_name
    assert {r["organisation_id"] for r in province["rows"]} == {o.pk for o in world.orgs.values()}
    assert province["totals"]["total"] == 4 and province["totals"]["overdue"] == 4

    city = bearer(world.city_office)
    rows = client.get(f"{API}/committees", **city).json()["rows"]
    assert {r["organisation_id"] for r in rows} == {world.city.pk, world.county.pk, world.county2.pk}
    county = next(r for r in rows if r["organisation_id"] == world.county.pk)
    assert (county["depth"], county["total"], county["by_status"]["not_started"]) == (1, 1, 1)
    detail = client.get(f"{API}/committees/{world.county.pk}", **city).json()
    assert detail["row"]["overdue"] == 1 and detail["lists"][0]["total"] == 1
    items = client.get(f"{API}/committees/{world.county.pk}/items", **city).json()["items"]
    assert [i["title"] for i in items] == ["county 的任务"]
    listed = client.get(
        f"{API}/committees/{world.county.pk}/items?list_id={detail['lists'][0]['id']}", **city
    )
    assert listed.json()["count"] == 1
    # Another branch, a list of another committee, a committee above: not found; units and members: refused.
    assert client.get(f"{API}/committees/{world.city2.pk}", **city).status_code == 404
    assert client.get(f"{API}/committees/{world.city2.pk}/items", **city).status_code == 404
    other_list = client.get(f"{API}/committees/{world.county2.pk}", **city).json()["lists"][0]["id"]
    assert (
        client.get(f"{API}/committees/{world.county.pk}/items?list_id={other_list}", **city).status_code
        == 404
    )
    assert client.get(f"{API}/committees/{world.city.pk}", **bearer(world.county_office)).status_code == 404
    assert client.get(f"{API}/committees", **bearer(world.county_office)).json()["totals"] is None
    assert client.get(f"{API}/committees", **bearer(world.city_unit)).status_code == 403
    assert client.get(f"{API}/committees", **bearer(world.city_member)).status_code == 403
