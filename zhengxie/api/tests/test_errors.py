"""Every error of the API is JSON in the usual shape ``{detail, code, errors}``, in the user's language."""

import pytest
from django.test import Client, RequestFactory

from zhengxie.api import errors
from zhengxie.core import services

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "未找到。", "code": "not_found", "errors": {}}


@pytest.fixture
def member(world):
    _token, secret = services.api_token_create(user=world.city_member, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/me", "/api/", "/api/v1/proposals/abc",
                                  "/api/v1/proposals/-3", "/api/v1/activities/1.5"])
def test_an_address_that_matches_no_operation_is_a_json_404(client, member, path, settings):
    for debug in (False, True):  # Django's technical 404 page is HTML too
        settings.DEBUG = debug
        response = client.get(path, **member)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == NOT_FOUND


def test_an_operation_without_its_final_slash_is_still_redirected(client, member):
    response = client.get("/api/v1/proposals?page=2", **member)
    assert response.status_code == 301 and response["Location"] == "/api/v1/proposals/?page=2"


def test_ninjas_own_404_has_the_usual_shape(client, member):
    response = client.get("/api/v1/organisations/987654", **member)
    assert response.status_code == 404 and response.json() == NOT_FOUND


def test_a_multipart_body_without_boundary_is_a_400(client, member, settings):
    settings.DEBUG = True  # it was a 500 with DEBUG on, an HTML 400 without
    response = client.post("/api/v1/duties/self-reports", data=b"--x\r\n", content_type="multipart/form-data",
                           **member)
    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容有误。", "code": "invalid", "errors": {}}


def test_a_server_error_is_json(member, monkeypatch):
    from zhengxie.core import api as core_api

    def broken(org):
        raise RuntimeError("a bug")

    monkeypatch.setattr(core_api.selectors, "handling_units_of", broken)
    response = Client(raise_request_exception=False).get("/api/v1/handling-units", **member)
    assert response.status_code == 500
    assert response.json()["code"] == "server_error" and "a bug" not in response.content.decode()
    assert response.json()["detail"] == "系统出现错误，请稍后再试；如果问题持续出现，请联系管理员。"
    with pytest.raises(RuntimeError):  # tests still see the exception
        Client().get("/api/v1/handling-units", **member)


def test_a_server_error_outside_the_operations_is_json_under_api_only():
    request = RequestFactory().get("/api/v1/me")
    response = errors.handler500(request)
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    page = errors.handler500(RequestFactory().get("/proposals/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_a_failed_csrf_check_has_the_usual_shape(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.city_member)
    response = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden" and response.json()["detail"] == "安全校验（CSRF）未通过，请刷新页面后重试。"


def test_field_errors_are_lists_of_messages(client, world):
    _token, secret = services.api_token_create(user=world.city_proposal, name="pc")
    response = client.post("/api/v1/outreach/concerns", {"name": "张三", "phone": "13800000000", "category": "其他",
                                                        "description": "路灯坏了", "place_id": 987654},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 400 and response.json()["errors"] == {"place_id": ["本组织中没有该项。"]}


HUGE = 2**70  # more than SQLite's 64-bit integers


@pytest.mark.parametrize("who, method, path, payload", [
    ("city_proposal", "get", f"/api/v1/outreach/activities?place_id={HUGE}", None),
    ("city_proposal", "get", f"/api/v1/outreach/places/{HUGE}", None),
    ("city_proposal", "get", f"/api/v1/outreach/concerns?place_id={HUGE}", None),
    ("city_proposal", "post", "/api/v1/proposals/register-batch", {"ids": [HUGE, 1]}),
    ("city_proposal", "get", f"/api/v1/proposals/{HUGE}", None),
    ("city_member", "get", "/api/v1/opinions/reports?year=20504", None),
    ("city_member", "get", "/api/v1/opinions/bulletins?year=20504", None),
    ("city_member", "put", "/api/v1/duties/me/statement", {"year": -274877906943, "text": "述职"}),
    ("city_member", "put", "/api/v1/duties/me/statement", {"year": 10000, "text": "述职"}),
    ("city_proposal", "get", f"/api/v1/stats/figures?year={HUGE}", None),
])
def test_out_of_range_numbers_are_refused_as_invalid_not_a_server_error(world, who, method, path, payload):
    _token, secret = services.api_token_create(user=world.users[who], name="pc")
    client = Client(raise_request_exception=False)
    response = getattr(client, method)(path, payload, content_type="application/json",
                                       HTTP_AUTHORIZATION=f"Bearer {secret}") if payload is not None else \
        getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid" and response.json()["errors"]
