"""One rule chooses the organisation a request works in (core.permissions.active_organisation_of): the web's
middleware and the API's ``active_organisation`` both call it."""

import pytest

from zhengxie.core import services
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.permissions import active_organisation_of, forget


def test_chosen_else_default_else_the_highest(world):
    user = world.multi  # a seat in the province and in the city; default: the province
    assert active_organisation_of(user, world.city.pk) == world.city
    assert active_organisation_of(user, world.city) == world.city
    assert active_organisation_of(user) == user.default_organisation
    # one the user has nothing in is passed over (the session may keep a stale choice) …
    assert active_organisation_of(user, world.city2.pk) == user.default_organisation
    # … or refused when the caller insists (an API client naming it)
    with pytest.raises(NotAllowed):
        active_organisation_of(user, world.city2.pk, insist=True)
    user.default_organisation = None
    forget(user)
    assert active_organisation_of(user) == world.province  # the highest of theirs


def test_nobody_works_in_an_organisation_without_a_login(db):
    from django.contrib.auth.models import AnonymousUser

    assert active_organisation_of(AnonymousUser(), 1) is None


def test_the_page_and_the_api_answer_the_same(world, client_as):
    client = client_as(world.multi, world.city)
    assert client.get("/").context["active_org"] == world.city
    assert client.get("/api/v1/me").json()["active_organisation"]["id"] == world.city.pk
    # a stale choice in the session (an organisation the user has nothing in): both fall back to the default
    session = client.session
    session["zx_active_org"] = world.city2.pk
    session.save()
    assert client.get("/").context["active_org"] == world.multi.default_organisation
    assert client.get("/api/v1/me").json()["active_organisation"]["id"] == world.multi.default_organisation_id


def test_the_api_header_overrides_the_session_and_is_refused_outside(world, client_as, client):
    session_client = client_as(world.multi, world.province)
    me = session_client.get("/api/v1/me", HTTP_X_ORGANISATION=str(world.city.pk)).json()
    assert me["active_organisation"]["id"] == world.city.pk
    _t, secret = services.api_token_create(user=world.multi, name="phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me", **auth).json()["active_organisation"]["id"] == world.multi.default_organisation_id
    for outside in (world.city2.pk, 0):
        assert client.get("/api/v1/handling-units", HTTP_X_ORGANISATION=str(outside), **auth).status_code == 403
