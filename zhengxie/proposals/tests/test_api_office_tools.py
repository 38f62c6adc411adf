"""The office tools in the API: receipts, the assignment paper, batch confirmation and acceptance, 催办, leading
leaders, the assessment of units and the compilations; each allowed and refused as on the pages."""

import io

import pytest

from zhengxie.core import services as core_services
from zhengxie.core.choices import Role
from zhengxie.core.tests.factories import staff_user
from zhengxie.proposals import services
from zhengxie.proposals.choices import ProposalStatus, TaskStatus
from zhengxie.proposals.models import HandlingTask, ReminderLog

from .helpers import evaluating, fresh, handling, registered, reply

pytestmark = pytest.mark.django_db
API = "/api/v1/proposals"


@pytest.fixture
def api(client):
    secrets = {}

    def call(user, method, path, payload=None):
        if user.pk not in secrets:
            secrets[user.pk] = core_services.api_token_create(user=user, name="phone")[1]
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {secrets[user.pk]}"}
        if method == "get":
            return client.get(f"{API}{path}", payload or {}, **kwargs)
        return getattr(client, method)(f"{API}{path}", payload or {}, content_type="application/json", **kwargs)

    return call


def test_receipts_and_the_assignment_paper(world, api):
    _proposal, (task,) = handling(world)
    assert api(world.city_unit2, "post", "/unit/receipts", {"ids": [task.pk]}).json()["done"] == []
    assert HandlingTask.objects.get(pk=task.pk).receipt_confirmed_at is None
    assert api(world.city_member, "post", "/unit/receipts", {}).status_code == 403
    response = api(world.city_unit, "post", "/unit/receipts", {})
    assert response.status_code == 200 and response.json()["done"] == [task.proposal_id]
    assert HandlingTask.objects.get(pk=task.pk).receipt_confirmed_by == world.city_unit
    again = api(world.city_unit, "post", "/unit/receipts", {"ids": [task.pk]}).json()
    assert again["done"] == [] and "已确认" in again["failed"][str(task.proposal_id)]
    paper = api(world.city_unit, "get", f"/unit/assignment-paper/{world.city_unit0.pk}")
    assert paper.status_code == 200 and paper["Content-Type"].startswith("application/vnd.openxmlformats")
    assert api(world.city_unit2, "get", f"/unit/assignment-paper/{world.city_unit0.pk}").status_code == 404


def test_batch_confirmation_and_batch_acceptance(world, api):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    proposal = registered(world)
    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    assert api(world.city_proposal, "get", "/confirmations").status_code == 403
    listed = api(world.city_partygov, "get", "/confirmations").json()
    assert [row["id"] for row in listed["items"]] == [proposal.pk]
    assert api(world.county_partygov, "post", "/confirmations", {"ids": [proposal.pk]}).json()["done"] == []
    assert api(world.city_partygov, "post", "/confirmations", {"ids": [proposal.pk]}).json()["done"] == [proposal.pk]
    assert fresh(proposal).status == ProposalStatus.HANDLING

    world.city.settings["proposals.assignment_confirmation"] = False
    world.city.save()
    _p2, (task,) = handling(world)
    reply(world, task)
    task = HandlingTask.objects.get(pk=task.pk)
    assert task.status == TaskStatus.REPLIED
    assert api(world.city_unit, "post", "/replies/accept", {"ids": [task.pk]}).status_code == 403
    assert api(world.city_proposal, "post", "/replies/accept", {"ids": [task.pk]}).json()["done"] == [task.proposal_id]
    assert HandlingTask.objects.get(pk=task.pk).status == TaskStatus.ACCEPTED


def test_a_manual_reminder(world, api):
    _proposal, (task,) = handling(world)
    assert api(world.city_unit, "post", f"/tasks/{task.pk}/remind", {"note": "请加快办理"}).status_code == 403
    assert api(world.county_proposal, "post", f"/tasks/{task.pk}/remind", {"note": "请加快办理"}).status_code == 404
    refused = api(world.city_proposal, "post", f"/tasks/{task.pk}/remind", {"note": "  "})
    assert refused.status_code == 400 and refused.json()["detail"]
    response = api(world.city_proposal, "post", f"/tasks/{task.pk}/remind", {"note": "请于本周内答复"})
    assert response.status_code == 200 and response.json()["note"] == "请于本周内答复"
    assert ReminderLog.objects.get(task=task, kind="manual").sent_by == world.city_proposal


def test_leading_leaders(world, api):
    proposal = registered(world)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal)
    second = staff_user(world.city, Role.LEADER, "city_leader2")
    path = f"/{proposal.pk}/leaders"
    shown = api(world.city_leader, "get", path).json()
    assert {c["id"] for c in shown["candidates"]} == {world.city_leader.pk, second.pk} and shown["leaders"] == []
    assert api(world.city_leader, "put", path, {"leader_ids": [second.pk]}).status_code == 403
    assert api(world.city_member, "get", path).status_code == 403
    assert api(world.city_proposal, "put", path, {"leader_ids": [world.city_unit.pk]}).status_code == 400
    done = api(world.city_proposal, "put", path, {"leader_ids": [second.pk, world.city_leader.pk]}).json()
    assert [u["id"] for u in done["leaders"]] and {u["id"] for u in done["leaders"]} == {second.pk, world.city_leader.pk}
    assert len(done["history"]) == 1 and set(done["history"][0]["leaders"]) == {second.label, world.city_leader.label}
    assert fresh(proposal).key_leader == second
    # a proposal that is not a key one is not found here
    other = registered(world)
    assert api(world.city_proposal, "get", f"/{other.pk}/leaders").status_code == 404


def test_the_assessment_and_the_compilations(world, api):
    from docx import Document

    proposal, task = evaluating(world)
    year = proposal.session.year
    assert api(world.city_member, "get", "/assessment", {"year": year}).status_code == 403
    (row,) = api(world.city_leader, "get", "/assessment", {"year": year}).json()
    assert (row["unit_id"], row["rank"], row["assigned"], row["score"]) == (world.city_unit0.pk, 1, 1, 45.0)
    sheet = api(world.city_proposal, "get", "/assessment/export", {"year": year})
    assert sheet.status_code == 200 and "spreadsheet" in sheet["Content-Type"]
    session = proposal.session
    response = api(world.city_proposal, "get", f"/compilations/{session.pk}", {"kind": "replies", "group": "unit"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "答复汇编" in text and proposal.title in text
    assert api(world.city_unit, "get", f"/compilations/{session.pk}").status_code == 403
    county_session = world.county.terms.first().sessions.first()
    assert api(world.city_proposal, "get", f"/compilations/{county_session.pk}").status_code == 404


def test_the_openapi_lists_the_office_tools(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ["/unit/receipts", "/unit/assignment-paper/{unit_id}", "/confirmations", "/replies/accept",
                 "/tasks/{task_id}/remind", "/{proposal_id}/leaders", "/assessment", "/assessment/export",
                 "/compilations/{session_id}"]:
        assert f"{API}{path}" in paths, path
