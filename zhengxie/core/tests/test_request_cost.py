"""What one request costs in queries: the user's roles, seats and organisations are read once, whatever asks for
them (the middleware, the API's organisation, the permission predicates, the selectors)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.core import permissions
from zhengxie.core.choices import Role
from zhengxie.core.services import api_token_create, role_grant
from zhengxie.proposals.tests.helpers import handling

pytestmark = pytest.mark.django_db


def _sql(queries):
    return [q["sql"] for q in queries]


def test_roles_seats_and_organisations_in_two_queries(world, django_assert_num_queries):
    user = world.users["multi"]  # a member of the province and of the city
    with django_assert_num_queries(2):
        access = permissions.access_of(user)
        assert permissions.roles_in(user, world.orgs["province"]) == {Role.MEMBER}
        assert permissions.roles_in(user, world.orgs["city"]) == {Role.MEMBER}
        assert permissions.current_member(user, world.orgs["city"]).organisation == world.orgs["city"]
        assert set(access.organisations) == {world.orgs["province"].pk, world.orgs["city"].pk}
        assert permissions.unit_ids_of(user, world.orgs["city"]) == set()


def test_units_and_bodies_come_from_the_same_read(world, django_assert_num_queries):
    unit_user, lead_user, body_user = world.users["city_unit"], world.users["city_unitlead"], world.users["city_body"]
    with django_assert_num_queries(3):  # one each: none of them has a seat
        assert permissions.unit_ids_of(unit_user, world.orgs["city"]) == {world.city_unit0.pk}
        assert permissions.unit_ids_of(lead_user, world.orgs["city"]) == {world.city_unit0.pk}
        assert permissions.body_ids_of(body_user, world.orgs["city"]) == {world.bodies["city_party"].pk}
    assert permissions.unit_ids_of(unit_user, world.orgs["province"]) == set()


def test_an_inactive_organisation_is_not_offered(world):
    user = world.users["multi"]
    world.orgs["city"].is_active = False
    world.orgs["city"].save(update_fields=["is_active"])
    access = permissions.access_of(user)
    assert access.organisation(world.orgs["city"].pk) is None
    assert access.first_organisation() == world.orgs["province"]


def test_a_granted_role_counts_at_the_next_request(world, client_as):
    user = world.users["city_member"]
    api = client_as(user)
    assert api.get("/api/v1/proposals/queue").status_code == 403
    role_grant(actor=world.users["city_secadmin"], user=user, organisation=world.orgs["city"], role=Role.PROPOSAL_OFFICE)
    assert api.get("/api/v1/proposals/queue").status_code == 200


def test_list_api_queries_with_a_session(world, client_as):
    handling(world)
    office = client_as(world.users["city_proposal"])
    office.get("/api/v1/proposals/?size=20")
    with CaptureQueriesContext(connection) as queries:
        response = office.get("/api/v1/proposals/?size=20")
    assert response.status_code == 200 and response.json()["items"]
    sql = _sql(queries)
    # session, user, roles with their organisations, count, rows, their units; no write
    assert len(sql) == 6, sql
    assert not [q for q in sql if q.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_list_api_queries_with_a_token(world, client):
    handling(world)
    _token, secret = api_token_create(user=world.users["city_proposal"], name="test")
    headers = {"Authorization": f"Bearer {secret}", "X-Organisation": str(world.orgs["city"].pk)}
    client.get("/api/v1/proposals/?size=20", headers=headers)  # touches last_used_at (at most once a minute)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/proposals/?size=20", headers=headers)
    assert response.status_code == 200 and response.json()["items"]
    sql = _sql(queries)
    # token with its user, roles with their organisations, count, rows, their units; no session, no write
    assert len(sql) == 5, sql
    assert not [q for q in sql if "django_session" in q]
