"""The outreach API: the mobile app's endpoints for each role, and the public endpoints (no account) with the
same protections as the public page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.core import services as core_services
from zhengxie.duties.models import DutyEvent
from zhengxie.outreach import guard
from zhengxie.outreach.choices import ConcernStatus
from zhengxie.outreach.models import Concern, Place
from zhengxie.outreach.models.concerns import new_tracking_code

from .factories import PNG, solved_challenge

pytestmark = pytest.mark.django_db
API = "/api/v1/outreach"


def bearer(user):
    _token, secret = core_services.api_token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_anonymous_gets_nothing_but_the_public_endpoints(client, station):
    for url in ("/places", "/concerns", "/activities", "/figures"):
        assert client.get(API + url).status_code == 401
    assert client.get(f"{API}/public/places/{station.public_code}").status_code == 200


def test_public_endpoints_are_marked_without_security_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["paths"][f"{API}/public/concerns"]["post"].get("security") in (None, [])
    assert spec["paths"][f"{API}/concerns"]["get"]["security"]


def test_places_for_staff_and_members(client, world, station, other_place):
    data = client.get(f"{API}/places", **bearer(world.city_member3)).json()
    assert [p["id"] for p in data["items"]] == [station.pk]
    assert client.get(f"{API}/places/{other_place.pk}", **bearer(world.city_office)).status_code == 404
    assert client.get(f"{API}/places", **bearer(world.city_unit)).status_code == 403
    detail = client.get(f"{API}/places/{station.pk}", **bearer(world.city_office)).json()
    assert detail["team"][0]["member_id"] == world.members["city_member2"].pk
    assert detail["public_url"].endswith(f"/outreach/public/p/{station.public_code}/")


def test_office_creates_a_place_and_members_cannot(client, world):
    body = {"kind": "room", "name": "红堡镇何家湾村协商议事室", "county": "清水县", "township": "红堡镇",
            "village": "何家湾村", "lead_member_id": world.members["city_member"].pk}
    response = client.post(f"{API}/places", body, content_type="application/json", **bearer(world.city_office))
    assert response.status_code == 201 and response.json()["level"] == "village"
    assert client.post(f"{API}/places", {**body, "name": "另一个"}, content_type="application/json",
                       **bearer(world.city_member)).status_code == 403
    bad = client.post(f"{API}/places", {**body, "name": "又一个", "village": ""}, content_type="application/json",
                      **bearer(world.city_office))
    assert bad.status_code == 400 and "village" in bad.json()["errors"]
    place = Place.objects.get(name=body["name"])
    stale = client.put(f"{API}/places/{place.pk}", {**body, "version": place.version + 5},
                       content_type="application/json", **bearer(world.city_office))
    assert stale.status_code == 409 and stale.json()["code"] == "changed"


def test_team_roster_and_rating(client, world, station):
    auth = bearer(world.city_member)  # the lead member
    m3 = world.members["city_member3"]
    assert client.put(f"{API}/places/{station.pk}/team", {"member_ids": [m3.pk]}, content_type="application/json",
                      **auth).status_code == 200
    assert client.put(f"{API}/places/{station.pk}/roster", {"slots": [{"member_id": m3.pk, "weekday": 3}]},
                      content_type="application/json", **auth).status_code == 200
    assert client.put(f"{API}/places/{station.pk}/team", {"member_ids": [world.members["county_member"].pk]},
                      content_type="application/json", **auth).status_code == 400
    assert client.post(f"{API}/places/{station.pk}/ratings", {"year": 2025, "stars": 4},
                       content_type="application/json", **auth).status_code == 403
    assert client.post(f"{API}/places/{station.pk}/ratings", {"year": 2025, "stars": 4},
                       content_type="application/json", **bearer(world.city_office)).json()["stars"] == 4


def test_recording_an_activity_from_the_phone(client, world, station):
    m2 = world.members["city_member2"]
    body = {"place_id": station.pk, "kind": "talk", "topic": "宣讲惠农政策", "held_on": timezone.localdate().isoformat(),
            "member_ids": [m2.pk], "constituents_count": 30, "held": True}
    response = client.post(f"{API}/activities", body, content_type="application/json", **bearer(world.city_member2))
    assert response.status_code == 201, response.json()
    activity = response.json()
    assert activity["status"] == "held" and activity["members"] == [m2.name]
    assert DutyEvent.objects.get().attributes == {"activity_type": "talk"}
    cancel = client.post(f"{API}/activities/{activity['id']}/cancel", {"reason": "重复"},
                         content_type="application/json", **bearer(world.city_member2))
    assert cancel.status_code == 403
    photo = client.post(f"{API}/activities/{activity['id']}/photos",
                        {"photo": SimpleUploadedFile("a.png", PNG)}, **bearer(world.city_member2))
    assert photo.status_code == 201
    assert client.post(f"{API}/activities", {**body, "place_id": station.pk}, content_type="application/json",
                       **bearer(world.city_member3)).status_code == 403


def test_the_concern_workflow_through_the_api(client, world, station):
    member, unit = bearer(world.city_member2), bearer(world.city_unit)
    response = client.post(f"{API}/concerns", {"name": "王秀兰", "phone": "13912345678", "category": "道路交通",
                                               "description": "道路坑洼严重", "place_id": station.pk,
                                               "handle_myself": True},
                           content_type="application/json", **member)
    assert response.status_code == 201
    created = response.json()
    concern_id, code = created["concern"]["id"], created["tracking_code"]
    assert created["concern"]["phone"] == "13912345678" and "pass-to-unit" in created["concern"]["actions"]
    version = created["concern"]["version"]
    passed = client.post(f"{API}/concerns/{concern_id}/pass-to-unit",
                         {"unit_id": world.city_unit0.pk, "version": version}, content_type="application/json", **member)
    assert passed.json()["status"] == "at_unit"
    seen_by_unit = client.get(f"{API}/concerns/{concern_id}", **unit).json()
    assert seen_by_unit["phone"] == "13912345678" and seen_by_unit["actions"] == ["unit-reply", "unit-return", "note"]
    office_view = client.get(f"{API}/concerns/{concern_id}", **bearer(world.city_office)).json()
    assert office_view["phone"] == "139****5678"
    assert client.post(f"{API}/concerns/{concern_id}/unit-reply", {"text": "已安排维修"}, content_type="application/json",
                       **bearer(world.city_unit2)).status_code == 403
    client.post(f"{API}/concerns/{concern_id}/unit-reply", {"text": "已安排维修"}, content_type="application/json", **unit)
    closed = client.post(f"{API}/concerns/{concern_id}/close", {"result": "已修好"}, content_type="application/json",
                         **member).json()
    assert closed["status"] == "closed"
    track = client.post(f"{API}/public/track", {"code": code}, content_type="application/json")
    assert track.json()["result"] == "已修好" and track.json()["can_give_feedback"]
    assert client.get(f"{API}/concerns/{concern_id}", **bearer(world.county_office)).status_code == 404
    assert client.get(f"{API}/concerns", **bearer(world.city_member3)).json()["count"] == 0


def test_public_api_submit_track_feedback(client, world, station):
    challenge = client.get(f"{API}/public/challenge").json()
    assert challenge["question"] and challenge["token"]
    token, answer = solved_challenge()
    response = client.post(f"{API}/public/concerns", {
        "place_code": station.public_code, "name": "<b>张</b>", "phone": "13900001111", "category": "环境卫生",
        "description": "村口垃圾很久没人清运", "token": token, "answer": str(answer),
        "photo": SimpleUploadedFile("a.png", PNG)}, REMOTE_ADDR="10.9.0.1")
    assert response.status_code == 201, response.json()
    code = response.json()["tracking_code"]
    concern = Concern.objects.get()
    assert concern.place == station and concern.submitter_name == "<b>张</b>"
    track = client.post(f"{API}/public/track", {"code": code}, content_type="application/json", REMOTE_ADDR="10.9.0.1")
    assert track.status_code == 200 and track.json()["name"] == "<" + "*" * 7 and "phone" not in track.json()
    early = client.post(f"{API}/public/feedback", {"code": code, "satisfied": True}, content_type="application/json")
    assert early.status_code == 409


def test_public_api_refuses_programs_and_floods(client, world, station, monkeypatch):
    base = {"place_code": station.public_code, "name": "张三", "phone": "13900001111", "category": "环境卫生",
            "description": "村口垃圾很久没人清运"}
    token, answer = solved_challenge()
    honeypot = client.post(f"{API}/public/concerns", {**base, "token": token, "answer": answer, "website": "x"},
                           REMOTE_ADDR="10.9.1.1")
    assert honeypot.status_code == 400
    too_long = client.post(f"{API}/public/concerns", {**base, "description": "长" * 2001, "token": token, "answer": answer},
                           REMOTE_ADDR="10.9.1.2")
    assert too_long.status_code == 422
    statuses = []
    for _ in range(7):
        token, answer = solved_challenge()
        statuses.append(client.post(f"{API}/public/concerns", {**base, "token": token, "answer": answer},
                                    REMOTE_ADDR="10.9.1.3").status_code)
    assert statuses == [201] * 5 + [429] * 2
    assert Concern.objects.count() == 5
    monkeypatch.setattr(guard, "MAX_REQUEST_BYTES", 100)
    token, answer = solved_challenge()
    big = client.post(f"{API}/public/concerns", {**base, "token": token, "answer": answer}, REMOTE_ADDR="10.9.1.4")
    assert big.status_code == 400 and big.json()["code"] == "too_large"


def test_public_api_forged_codes(client, world, station):
    for forged in ("", "<script>", new_tracking_code(), "X" * 40):
        response = client.post(f"{API}/public/track", {"code": forged}, content_type="application/json",
                               REMOTE_ADDR="10.9.2.1")
        assert response.status_code in (404, 422)
    for _ in range(guard.FAILED_LOOKUPS_PER_HOUR):
        client.post(f"{API}/public/track", {"code": new_tracking_code()}, content_type="application/json",
                    REMOTE_ADDR="10.9.2.2")
    assert client.post(f"{API}/public/track", {"code": new_tracking_code()}, content_type="application/json",
                       REMOTE_ADDR="10.9.2.2").status_code == 429


def test_figures_for_staff_only(client, world, station):
    assert client.get(f"{API}/figures", **bearer(world.city_member)).status_code == 403
    data = client.get(f"{API}/figures", **bearer(world.city_leader)).json()
    assert data["places"]["by_kind"]["workstation"] == 1 and data["organisation_id"] == world.city.pk
    assert {row["organisation_id"] for row in data["by_organisation"]} == {world.city.pk, world.county.pk,
                                                                           world.county2.pk}


def test_lists_filter(client, world, station):
    from .factories import submit

    submit(world.city, place=station, category="教育")
    submit(world.city, place=station)
    data = client.get(f"{API}/concerns?category=教育", **bearer(world.city_office)).json()
    assert data["count"] == 1 and data["items"][0]["status"] == ConcernStatus.SUBMITTED
