"""The right is checked before the version and the state: a user without it learns nothing of the object."""

import pytest
from django.test import Client

from zhengxie.core import services

pytestmark = pytest.mark.django_db


def _auth(world, who):
    return {"HTTP_AUTHORIZATION": f"Bearer {services.api_token_create(user=world.users[who], name='t')[1]}"}


def test_a_member_may_not_assign_whatever_the_version(world):
    from zhengxie.proposals.tests.helpers import registered

    proposal = registered(world)
    unit = world.units["city_unit0"]
    payload = {"mode": "sole", "lead_unit_ids": [unit.pk], "version": proposal.version + 5}
    response = Client().post(f"/api/v1/proposals/{proposal.pk}/assign", payload, content_type="application/json",
                             **_auth(world, "city_member"))
    assert response.status_code == 403 and response.json()["code"] == "forbidden"  # was 409 "changed"
    stale = Client().post(f"/api/v1/proposals/{proposal.pk}/assign", payload, content_type="application/json",
                          **_auth(world, "city_proposal"))
    assert stale.status_code == 409 and stale.json()["code"] == "changed"  # the office is told


def test_a_stranger_may_not_route_a_concern_whatever_its_state(world):
    from zhengxie.outreach import services as outreach
    from zhengxie.outreach.tests.factories import make_place

    place = make_place(world.city, lead=world.members["city_member"])
    concern, _code = outreach.concern_register(
        actor=world.city_member, organisation=world.city, handle_myself=True, activity=None,
        data={"name": "张三", "phone": "13800000000", "category": "其他", "description": "村口路灯坏了", "place": place})
    response = Client().post(f"/api/v1/outreach/concerns/{concern.pk}/route",
                             {"place_id": place.pk, "version": concern.version + 3}, content_type="application/json",
                             **_auth(world, "city_proposal"))
    assert response.status_code in (403, 404), response.json()
