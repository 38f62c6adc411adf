"""Failures seen from outside: while the database or the broker is away a request gets the platform's translated
503 page (JSON for the API) rather than a traceback or the server's bare page; the 500 page needs no database;
/readyz answers within its time bound and tells the truth."""

import json
import time
from unittest import mock

import pytest
import redis
from django.db import OperationalError, connections
from django.test import RequestFactory

from zhengxie.core import health
from zhengxie.core.views import errors

pytestmark = pytest.mark.django_db


def database_away():
    """Every query fails as it does when PostgreSQL restarts: the session, the user, the organisation, the save."""
    return mock.patch.object(type(connections["default"]), "ensure_connection",
                             side_effect=OperationalError("server closed the connection unexpectedly"))


def test_a_page_while_the_database_is_away_is_the_translated_503(world, client_as):
    client = client_as(world.city_member)
    client.raise_request_exception = False
    with database_away():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "服务暂时不可用" in body and "Traceback" not in body


def test_the_503_page_follows_the_language_chosen(world, client_as):
    client = client_as(world.city_member)
    client.raise_request_exception = False
    client.cookies["zx_language"] = "en"
    with database_away():
        response = client.get("/proposals/")
    assert response.status_code == 503
    assert "The service is briefly unavailable" in response.content.decode()


def test_an_api_client_gets_json_while_the_database_is_away(client):
    client.raise_request_exception = False
    with database_away():
        response = client.get("/api/v1/proposals/", headers={"Authorization": "Bearer some-token"})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "服务暂时不可用，请稍后再试。", "code": "unavailable", "errors": {}}


def test_a_broker_timeout_is_a_503_too():
    request = RequestFactory().get("/api/v1/proposals/")
    try:
        raise redis.exceptions.TimeoutError("Timeout reading from socket")
    except redis.exceptions.TimeoutError:
        response = errors.server_error(request)
    assert response.status_code == 503 and json.loads(response.content)["code"] == "unavailable"


def test_the_500_page_needs_no_database(django_assert_num_queries):
    from django.utils import translation

    request = RequestFactory().get("/proposals/")
    # No middleware picks the language of a bare request: the page is in the language active (the default's,
    # whatever an earlier test on this process left active).
    with django_assert_num_queries(0), translation.override("zh-hans"):
        try:
            raise ValueError("a bug")
        except ValueError:
            response = errors.server_error(request)
    assert response.status_code == 500
    assert "服务器出现错误" in response.content.decode()


def test_readyz_is_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["checks"] == {"database": "ok", "tasks": "ok"}


def test_readyz_answers_503_in_bounded_time_when_the_broker_hangs(client):
    def hangs():
        time.sleep(health.READY_TIMEOUT + 3)

    with mock.patch.object(health, "_tasks", hangs):
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "error: Timeout"
    assert elapsed < health.READY_TIMEOUT + 1


def test_readyz_answers_503_when_the_broker_refuses(client):
    with mock.patch.object(health, "_tasks", side_effect=redis.exceptions.ConnectionError("refused")):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["tasks"] == "error: ConnectionError"
