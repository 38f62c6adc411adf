"""Coordination groups through their pages (create, edit the members, meetings linked to the activities, a meeting
reviewing the issues list, the history) and the roll-up of the committees below: each role allowed and refused,
no row of another branch."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.tests.factories import make_activity
from zhengxie.worklists import services
from zhengxie.worklists.models import CoordinationGroup, CoordinationIssue, GroupTransition

from .factories import make_item

pytestmark = pytest.mark.django_db


def _activity(org, title="市政协助力工作协调保障领导小组第三季度会议"):
    return make_activity(org, title=title, starts_in=-dt.timedelta(days=2))


def test_office_creates_and_edits_a_group_others_are_refused(world, client_as):
    office = client_as(world.city_office)
    form = {"name": "助力工作协调保障领导小组", "purpose": "每季度召开1次会议", "head": world.city_leader.pk,
            "members": [world.city_office.pk, world.city_partygov.pk]}
    assert client_as(world.city_leader).post(reverse("worklists:group_new"), form).status_code == 403
    assert client_as(world.city_unit).get(reverse("worklists:group_new")).status_code == 403
    assert not CoordinationGroup.objects.exists()
    response = office.post(reverse("worklists:group_new"), form)
    group = CoordinationGroup.objects.get()
    assert response.url == reverse("worklists:group", args=[group.pk])
    assert dict(group.memberships.values_list("user_id", "duty")) == {
        world.city_leader.pk: "head", world.city_office.pk: "member", world.city_partygov.pk: "member"}
    # A person of another organisation is not offered (the choice is refused), and nothing is changed.
    edit = reverse("worklists:group_edit", args=[group.pk])
    bad = office.post(edit, {**form, "version": group.version, "members": [world.city2_office.pk]})
    assert bad.status_code == 200 and group.memberships.count() == 3
    office.post(edit, {**form, "version": group.version, "deputies": [world.city_partygov.pk],
                       "members": [world.city_committee.pk]})
    group.refresh_from_db()
    assert dict(group.memberships.values_list("user_id", "duty")) == {
        world.city_leader.pk: "head", world.city_partygov.pk: "deputy", world.city_committee.pk: "member"}
    edit_entry = group.transitions.get(action="edit")
    assert edit_entry.data["removed"] == [world.city_office.pk] and edit_entry.actor == world.city_office
    # A stale version is refused; the leader may read the group but not edit it; another city sees nothing.
    assert office.post(edit, {**form, "version": 1}).status_code in (200, 409)
    assert group.memberships.count() == 3
    assert client_as(world.city_leader).get(reverse("worklists:group", args=[group.pk])).status_code == 200
    assert client_as(world.city_leader).get(edit).status_code == 403
    assert client_as(world.city2_office).get(reverse("worklists:group", args=[group.pk])).status_code in (403, 404)
    assert client_as(world.city2_office).post(edit, form).status_code in (403, 404)


def test_a_meeting_linked_to_the_activities_reviews_the_issues_list(world, client_as):
    office_user = world.city_office
    group = services.group_create(actor=office_user, organisation=world.city, name="助力工作协调保障领导小组",
                                  members=[(world.city_leader, "head")])
    land = services.issue_add(actor=office_user, group=group, title="项目用地指标不足", solver="市自然资源局")
    money = services.issue_add(actor=office_user, group=group, title="配套资金缺口", solver="市财政局")
    activity = _activity(world.city)
    office = client_as(office_user)
    office.post(reverse("worklists:group_add", args=[group.pk, "meeting"]),
                {"title": "第三季度协调会", "held_on": timezone.localdate().isoformat(), "activity": activity.pk})
    meeting = group.meetings.get()
    assert meeting.activity == activity
    page = reverse("worklists:group_meeting", args=[group.pk, meeting.pk])
    body = office.get(page).content.decode()
    assert "项目用地指标不足" in body and "配套资金缺口" in body and activity.title in body

    # A decision without text for one matter means it was not discussed; a status not in the list is refused.
    assert office.post(page, {f"decision_{land.pk}": "调剂用地指标", f"status_{land.pk}": "closed"}).status_code == 400
    assert not land.reviews.exists()
    response = office.post(page, {f"decision_{land.pk}": "由市自然资源局统筹调剂。", f"status_{land.pk}": "solved",
                                  f"solver_{land.pk}": "市自然资源局", f"decision_{money.pk}": "",
                                  f"status_{money.pk}": "open", f"solver_{money.pk}": "市财政局"})
    assert response.status_code == 302
    land.refresh_from_db()
    money.refresh_from_db()
    assert (land.status, land.decision, money.status, money.reviews.count()) == (
        "solved", "由市自然资源局统筹调剂。", "open", 0)
    review = GroupTransition.objects.get(group=group, action="review")
    assert review.data["issues"] == [{"issue": land.pk, "status": ["open", "solved"], "solver": "市自然资源局"}]
    assert list(group.transitions.order_by("pk").values_list("action", flat=True)) == [
        "create", "issue", "issue", "meeting", "review"]

    # A matter raised at the meeting; the leader reads the page but may not record; another city is refused.
    office.post(reverse("worklists:meeting_issue", args=[group.pk, meeting.pk]), {"title": "审批手续慢"})
    assert CoordinationIssue.objects.filter(title="审批手续慢", raised_at=meeting).exists()
    leader = client_as(world.city_leader)
    assert leader.get(page).status_code == 200
    assert leader.post(page, {f"decision_{money.pk}": "x", f"status_{money.pk}": "open"}).status_code == 403
    assert client_as(world.city2_office).get(page).status_code in (403, 404)
    # Linking a meeting of another organisation is refused.
    other = _activity(world.city2, "酒泉市会议")
    assert office.post(reverse("worklists:meeting_link", args=[group.pk, meeting.pk]),
                       {"activity": other.pk}).status_code == 302  # not in the choices: the form refuses it
    meeting.refresh_from_db()
    assert meeting.activity == activity
    with pytest.raises(Exception):  # noqa: B017 (the service refuses it too)
        services.meeting_link(actor=office_user, meeting=meeting, activity=other)


def test_rollup_a_province_sees_its_cities_and_counties_a_city_only_its_own(world, client_as):
    today = timezone.localdate()
    make_item(world, "city", title="天水市重点任务")
    make_item(world, "county", title="秦州区逾期任务", due_in=-10)
    make_item(world, "city2", title="酒泉市重点任务", due_in=-5)
    promise = make_item(world, "county2", title="麦积区承诺事项", due_in=30)
    services.item_close(actor=world.county2_office, item=promise, outcome="已完成改造。")
    services.project_create(actor=world.city2_office, organisation=world.city2, name="风电装备制造项目",
                            investor="某能源集团", amount_planned=30000)

    province = client_as(world.province_office)
    body = province.get(reverse("worklists:rollup")).content.decode()
    for name in (world.city.name, world.city2.name, world.county.name, world.county2.name):
        assert name in body
    city = client_as(world.city_office)
    body = city.get(reverse("worklists:rollup")).content.decode()
    assert world.county.name in body and world.county2.name in body
    assert world.city2.name not in body and world.province.name not in body
    # Drill-down: the county's overdue item, then one of its lists; never a committee of another branch.
    drill = city.get(reverse("worklists:rollup_committee", args=[world.county.pk])).content.decode()
    assert "秦州区逾期任务" in drill
    assert city.get(reverse("worklists:rollup_committee", args=[world.city2.pk])).status_code == 404
    assert city.get(reverse("worklists:rollup_committee", args=[world.province.pk])).status_code == 404
    assert "酒泉市重点任务" in province.get(reverse("worklists:rollup_committee", args=[world.city2.pk])).content.decode()
    # A unit, a member and a county's office (for the city) are refused.
    assert client_as(world.city_unit).get(reverse("worklists:rollup")).status_code == 403
    assert client_as(world.city_member).get(reverse("worklists:rollup")).status_code == 403
    assert client_as(world.county_office).get(
        reverse("worklists:rollup_committee", args=[world.city.pk])).status_code == 404

    from zhengxie.worklists import selectors

    rows = {r["organisation"].pk: r for r in selectors.rollup_rows(world.province_office, world.province,
                                                                   year=today.year)}
    assert set(rows) == {o.pk for o in (world.province, world.city, world.city2, world.county, world.county2)}
    assert (rows[world.county.pk]["late"], rows[world.county.pk]["total"], rows[world.city2.pk]["projects"]) == (
        1, 1, 1)
    assert rows[world.county2.pk]["done"] == 1
