"""The proposals API as the mobile app uses it: member, unit and office endpoints, refusals, and the OpenAPI
description."""

import pytest

from zhengxie.core import services as core_services
from zhengxie.proposals.choices import ProposalStatus

from .helpers import CONTENT, evaluating, fresh, handling, reviewing, submitted

pytestmark = pytest.mark.django_db
API = "/api/v1/proposals"


@pytest.fixture
def api(client):
    def call(user, method, path, payload=None, **headers):
        _token, secret = core_services.api_token_create(user=user, name="phone")
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secret}", **headers}
        if method == "get":
            return client.get(f"{API}{path}", payload or {}, **kwargs)
        return getattr(client, method)(f"{API}{path}", payload or {}, content_type="application/json", **kwargs)

    return call


def test_openapi_describes_every_role(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ["/api/v1/proposals/", "/api/v1/proposals/mine", "/api/v1/proposals/{proposal_id}",
                 "/api/v1/proposals/{proposal_id}/submit", "/api/v1/proposals/{proposal_id}/cosign",
                 "/api/v1/proposals/{proposal_id}/rate", "/api/v1/proposals/unit/tasks",
                 "/api/v1/proposals/unit/tasks/{task_id}/reply", "/api/v1/proposals/queue",
                 "/api/v1/proposals/{proposal_id}/register", "/api/v1/proposals/register-batch",
                 "/api/v1/proposals/{proposal_id}/assign"]:
        assert path in paths, path


def test_member_writes_invites_and_submits(world, api):
    response = api(world.city_member, "post", "/", {**CONTENT, "cosigner_ids": [world.members["city_member2"].pk]})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft" and [s["role"] for s in data["signers"]] == ["first", "cosigner"]
    response = api(world.city_member, "post", f"/{data['id']}/submit", {"version": data["version"]})
    assert response.json()["status"] == "cosigning"
    assert [p["id"] for p in api(world.city_member2, "get", "/invitations").json()] == [data["id"]]
    response = api(world.city_member2, "post", f"/{data['id']}/cosign", {"agree": True})
    assert response.json()["status"] == "submitted"
    mine = api(world.city_member2, "get", "/mine").json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == data["id"]


def test_a_refused_cosigner_leaves_no_draft(world, api):
    response = api(world.city_member, "post", "/", {**CONTENT, "cosigner_ids": [world.members["county_member"].pk]})
    assert response.status_code == 400
    assert api(world.city_member, "get", "/mine").json()["count"] == 0


def test_incomplete_submission_lists_the_fields(world, api):
    created = api(world.city_member, "post", "/", {"title": "关于乡村振兴的建议"}).json()
    response = api(world.city_member, "post", f"/{created['id']}/submit", {})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"category", "background", "suggestions"}


def test_stale_version_gets_409_changed(world, api):
    proposal = reviewing(world)
    stale = proposal.version
    assert api(world.city_proposal, "post", f"/{proposal.pk}/register", {"version": stale}).status_code == 200
    response = api(world.city_proposal, "post", f"/{proposal.pk}/return", {"version": stale, "comment": "补充"})
    assert response.status_code == 409 and response.json()["code"] == "changed"
    assert "刚刚被其他人修改" in response.json()["detail"]


def test_office_queue_register_batch_and_assign(world, api):
    proposals = [reviewing(world) for _ in range(2)] + [submitted(world)]
    queue = api(world.city_proposal, "get", "/queue", {"state": "reviewing"}).json()
    assert queue["count"] == 2
    result = api(world.city_proposal, "post", "/register-batch", {"ids": [p.pk for p in proposals]}).json()
    assert result["done"] == [proposals[0].pk, proposals[1].pk] and list(result["failed"]) == [str(proposals[2].pk)]
    response = api(world.city_proposal, "post", f"/{proposals[0].pk}/assign", {
        "mode": "joint", "lead_unit_ids": [world.city_unit0.pk], "co_unit_ids": [world.city_unit1.pk]})
    assert response.status_code == 200
    assert [(u["role"], u["status"]) for u in response.json()["units"]] == [("lead", "handling"), ("co", "handling")]


def test_office_endpoints_refused_to_others(world, api):
    proposal = reviewing(world)
    for user in [world.city_member, world.city_unit, world.city_leader]:
        assert api(user, "post", f"/{proposal.pk}/register", {}).status_code == 403
        assert api(user, "get", "/queue").status_code == 403
    assert api(world.county_proposal, "post", f"/{proposal.pk}/register", {}).status_code == 404
    assert fresh(proposal).status == ProposalStatus.REVIEWING


def test_unit_lists_and_replies(world, api):
    proposal, (task,) = handling(world)
    tasks = api(world.city_unit, "get", "/unit/tasks").json()
    assert [t["id"] for t in tasks["items"]] == [task.pk]
    assert api(world.city_unit2, "get", "/unit/tasks").json()["count"] == 0
    assert api(world.city_member, "get", "/unit/tasks").status_code == 403
    assert api(world.city_unit, "post", f"/unit/tasks/{task.pk}/contacts",
               {"contacted_on": "2024-03-01", "way": "phone", "notes": "电话沟通"}).status_code == 200
    assert api(world.city_unit, "put", f"/unit/tasks/{task.pk}/reply", {"text": "答复", "category": "A"}).status_code == 200
    assert api(world.city_unit2, "put", f"/unit/tasks/{task.pk}/reply", {"text": "x", "category": "A"}).status_code == 403
    assert api(world.city_unit, "post", f"/unit/tasks/{task.pk}/reply/submit", {}).json()["status"] == "signoff"
    assert api(world.city_unit, "post", f"/unit/tasks/{task.pk}/reply/sign-off", {"agree": True}).status_code == 403
    assert api(world.city_unitlead, "post", f"/unit/tasks/{task.pk}/reply/sign-off", {"agree": True}).json()["status"] == "replied"


def test_member_rates_by_api(world, api):
    proposal, task = evaluating(world)
    detail = api(world.city_member, "get", f"/{proposal.pk}").json()
    assert detail["tasks"][0]["replies"][0]["accepted_at"]
    response = api(world.city_member, "post", f"/{proposal.pk}/rate", {"task_id": task.pk, "value": "dissatisfied"})
    assert response.status_code == 400  # a reason is needed
    response = api(world.city_member, "post", f"/{proposal.pk}/rate", {"task_id": task.pk, "value": "satisfied"})
    assert response.status_code == 200 and task.ratings.get().value == "satisfied"
    assert api(world.city_member2, "post", f"/{proposal.pk}/rate",
               {"task_id": task.pk, "value": "satisfied"}).status_code == 403


def test_list_scoped_to_the_organisation_and_to_what_the_user_sees(world, api):
    city = reviewing(world)
    county = reviewing(world, author="county_member", org="county")
    office = api(world.city_proposal, "get", "/").json()
    assert [p["id"] for p in office["items"]] == [city.pk]
    assert api(world.city_member2, "get", "/").json()["count"] == 0  # not registered yet
    assert api(world.city_proposal, "get", f"/{county.pk}").status_code == 404


def test_meta_lists_categories_and_grounds(world, api):
    data = api(world.city_member, "get", "/meta").json()
    assert "经济建设" in data["categories"]
    assert {"A", "B", "C"} == {c["value"] for c in data["reply_categories"]}
    assert len(data["rejection_grounds"]) == 9
