"""Every member address refuses what the user's lists hide (``member_get_for_user`` is ``members_visible_to``
filtered by id: staff see the organisation's members, a member their own seat)."""

import pytest
from django.urls import reverse

from zhengxie.core import selectors
from zhengxie.core.models import Member

from .visibility import check_details_follow_lists

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_office", "city_admin", "city_leader", "city_unit", "county_admin"]


def test_every_member_address_refuses_what_the_lists_hide(world, client_as):
    members = list(Member.objects.filter(organisation__in=[world.city, world.county]))
    check_details_follow_lists(
        client_as, users=[world.users[u] for u in USERS], objects=members, organisation=world.city,
        visible=selectors.members_visible_to,
        url=lambda m: reverse("core:member_detail", args=[m.pk]))


def test_a_member_sees_their_own_seat_only(world):
    shown = list(selectors.members_visible_to(world.city_member, world.city))
    assert shown == [world.members["city_member"]]
