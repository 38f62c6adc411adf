"""The lists' pages (ninja's pagination with the API's shape) and the proposals list's constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.core import services

pytestmark = pytest.mark.django_db


def _auth(world, who):
    return {"HTTP_AUTHORIZATION": f"Bearer {services.api_token_create(user=world.users[who], name='t')[1]}"}


def test_pages_keep_their_shape_and_bounds(world, client):
    from zhengxie.proposals.tests.helpers import submitted

    for _ in range(3):
        submitted(world)
    auth = _auth(world, "city_proposal")
    first = client.get("/api/v1/proposals/queue?size=2", **auth).json()
    assert (first["count"], first["page"], first["pages"], len(first["items"])) == (3, 1, 2, 2)
    past = client.get("/api/v1/proposals/queue?size=2&page=99", **auth).json()
    assert (past["page"], len(past["items"])) == (2, 1)  # past the end: the last page
    many = client.get("/api/v1/proposals/queue?size=5000", **auth).json()
    assert many["pages"] == 1 and len(many["items"]) == 3  # more than 200 is reduced, not refused
    spec = client.get("/api/v1/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/v1/proposals/queue"]["get"]["parameters"]}
    assert {"page", "size", "state"} <= names


def test_the_proposals_list_queries_do_not_grow_with_rows(world, client):
    from zhengxie.proposals.tests.helpers import handling

    auth = _auth(world, "city_proposal")

    def queries():
        client.get("/api/v1/proposals/", **auth)  # the token's last use is written once a minute at most
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/proposals/", **auth)
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    handling(world)
    few, one = queries()
    for _ in range(4):
        handling(world)
    more, five = queries()
    assert (one, five) == (1, 5) and more == few
