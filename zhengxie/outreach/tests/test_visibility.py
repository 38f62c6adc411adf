"""Every place and concern address refuses what the user's lists hide (the detail getters are
``places_visible_to`` / ``concerns_visible_to`` filtered by id)."""

import pytest
from django.urls import reverse

from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.outreach import selectors

from .factories import submit

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_member3", "city_office", "city_leader", "city_unit", "city_unit2",
         "city_informant", "county_member", "county_office"]


def test_every_place_address_refuses_what_the_lists_hide(world, client_as, station, room, other_place):
    check_details_follow_lists(
        client_as, users=[world.users[u] for u in USERS], objects=[station, room, other_place],
        organisation=world.city, visible=selectors.places_visible_to,
        url=lambda p: reverse("outreach:place_detail", args=[p.pk]))


def test_every_concern_address_refuses_what_the_lists_hide(world, client_as, station):
    at_station = submit(world.city, place=station)[0]
    unplaced = submit(world.city, description="小区路灯坏了两个月，晚上出行很不方便。")[0]
    county = submit(world.county)[0]
    check_details_follow_lists(
        client_as, users=[world.users[u] for u in USERS], objects=[at_station, unplaced, county],
        organisation=world.city, visible=selectors.concerns_visible_to,
        url=lambda c: reverse("outreach:concern_detail", args=[c.pk]))
