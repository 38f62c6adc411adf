import pytest

from zhengxie.core import services

pytestmark = pytest.mark.django_db


def test_openapi_description_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "Zhengxie API"
    assert "/api/v1/me" in spec["paths"]
    assert "BearerToken" in spec["components"]["securitySchemes"]


def test_docs_page_uses_no_external_host(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in body and "https://" not in body


def test_anonymous_gets_401_with_translated_detail(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response.json()["detail"] == "请先登录，或提供有效的 API 令牌。"


def test_bearer_token(world, client):
    _token, secret = services.api_token_create(user=world.city_member, name="phone")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "city_member"
    assert data["active_organisation"]["id"] == world.city.pk
    assert data["roles"][str(world.city.pk)] == ["member"]


def test_revoked_token_is_refused(world, client):
    token, secret = services.api_token_create(user=world.city_member, name="phone")
    services.api_token_revoke(user=world.city_member, token=token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_members_api_scoped_and_masked(world, client):
    _t, secret = services.api_token_create(user=world.city_office, name="pc")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    data = client.get("/api/v1/members", **auth).json()
    assert data["count"] == 4  # three members and the provincial member who also sits here
    assert all("*" in m["id_number"] for m in data["items"])
    other = world.members["county_member"]
    assert client.get(f"/api/v1/members/{other.pk}", **auth).status_code == 404


def test_members_api_refused_for_member(world, client):
    _t, secret = services.api_token_create(user=world.city_member, name="phone")
    response = client.get("/api/v1/members", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 403
    assert response.json()["detail"] == "您无权执行此操作。"


def test_x_organisation_header(world, client):
    _t, secret = services.api_token_create(user=world.multi, name="phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    me = client.get("/api/v1/me", HTTP_X_ORGANISATION=str(world.city.pk), **auth).json()
    assert me["active_organisation"]["id"] == world.city.pk
    assert client.get("/api/v1/handling-units", HTTP_X_ORGANISATION=str(world.city2.pk), **auth).status_code == 403
    wrong = client.get("/api/v1/handling-units", HTTP_X_ORGANISATION="tianshui", **auth)
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid"
    assert wrong.json()["detail"] == "X-Organisation 须为组织编号。" and "X-Organisation" in wrong.json()["errors"]


def test_session_auth_needs_csrf_for_writes(world, client_as):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.city_member)
    assert client.post("/api/v1/notifications/read", {}, content_type="application/json").status_code == 403
    assert client_as(world.city_member).post("/api/v1/notifications/read", {}, content_type="application/json").status_code == 200


def test_inbox_api(world, client):
    services.notify(recipients=[world.city_member], organisation=world.city, code="t", title="第一条", email=False)
    _t, secret = services.api_token_create(user=world.city_member, name="phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/notifications?unread=true", **auth).json()["count"] == 1
    result = client.post("/api/v1/notifications/read", {}, content_type="application/json", **auth).json()
    assert result == {"marked": 1, "unread": 0}
