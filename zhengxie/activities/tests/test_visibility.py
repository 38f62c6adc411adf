"""Every activity and outcome-report address refuses what the user's lists hide (the detail getters are
``activities_visible_to`` / ``reports_visible_to`` filtered by id)."""

import pytest
from django.urls import reverse

from zhengxie.activities import selectors
from zhengxie.activities.choices import ActivityStatus
from zhengxie.core.tests.visibility import check_details_follow_lists

from .factories import make_activity

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_member3", "city_office", "city_leader", "city_unit", "city_partygov",
         "county_member"]


@pytest.fixture
def activities(world):
    invited = [world.members["city_member"]]
    return [make_activity(world.city, status=ActivityStatus.DRAFT, title="草稿", members=invited),
            make_activity(world.city, title="只邀请委员一", members=invited),
            make_activity(world.city, title="公开活动", is_open=True),
            make_activity(world.county, title="区里的活动", is_open=True)]


def test_every_activity_address_refuses_what_the_lists_hide(world, client_as, activities):
    check_details_follow_lists(
        client_as, users=[world.users[u] for u in USERS], objects=activities, organisation=world.city,
        visible=selectors.activities_visible_to,
        url=lambda a: reverse("activities:detail", args=[a.pk]))


def test_an_invitation_opens_the_activity_and_nothing_else(world, activities):
    shown = set(selectors.activities_visible_to(world.city_member2, world.city).values_list("title", flat=True))
    assert shown == {"公开活动"}
    shown = set(selectors.activities_visible_to(world.city_member, world.city).values_list("title", flat=True))
    assert shown == {"只邀请委员一", "公开活动"}
