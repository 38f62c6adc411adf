"""The work lists API: lists, items, reports and every transition, as each role; the figures and the workbench
counts from the same selectors."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from zhengxie.core import services as core_services
from zhengxie.stats.registry import Scope, figures
from zhengxie.worklists import services
from zhengxie.worklists.models import Item
from zhengxie.worklists.workbench import worklist_todos

from .factories import make_item, make_list

pytestmark = pytest.mark.django_db
API = "/api/v1/worklists"


def bearer(user):
    _token, secret = core_services.api_token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_items_reports_and_transitions_through_the_api(client, world):
    office, unit = bearer(world.city_office), bearer(world.city_unit)
    assert client.get(f"{API}/items").status_code == 401
    created = client.post(f"{API}/lists", {"kind": "key_tasks", "year": 2026, "title": "2026年重点工作任务"},
                          content_type="application/json", **office)
    assert created.status_code == 201, created.content
    list_id = created.json()["id"]
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    body = {"list_id": list_id, "title": "推进文旅康养项目", "unit_id": world.city_unit0.pk,
            "leader_id": world.city_leader.pk, "due_on": due, "cadence": "monthly",
            "milestones": [["完成选址", due]]}
    item = client.post(f"{API}/items", body, content_type="application/json", **office)
    assert item.status_code == 201, item.content
    item = item.json()
    assert item["leader_name"] and len(item["milestones"]) == 1
    assert client.post(f"{API}/items", body, content_type="application/json", **unit).status_code == 403
    url = f"{API}/items/{item['id']}"
    report = client.post(f"{url}/reports", {"text": "已签订框架协议。", "progress": 20, "version": item["version"]},
                         content_type="application/json", **unit)
    assert report.status_code == 201, report.content
    stale = client.post(f"{url}/reports", {"text": "再报", "progress": 30, "version": item["version"]},
                        content_type="application/json", **unit)
    assert stale.status_code == 409
    assert client.get(f"{url}/reports", **unit).json()["count"] == 1
    assert client.post(f"{url}/notes", {"text": "请报送用地进展。", "ask_report": True},
                       content_type="application/json", **unit).status_code == 403
    assert client.post(f"{url}/notes", {"text": "请报送用地进展。", "ask_report": True},
                       content_type="application/json", **office).status_code == 200
    milestone = client.get(url, **unit).json()["milestones"][0]["id"]
    assert client.post(f"{url}/milestones/{milestone}/done", **unit).status_code == 200
    closed = client.post(f"{url}/close", {"outcome": "项目落地。"}, content_type="application/json", **office)
    assert closed.status_code == 200 and closed.json()["status"] == "done"
    assert client.post(f"{url}/reopen", {"reason": "补充"}, content_type="application/json", **office).json()["status"] \
        == "on_track"
    actions = [e["action"] for e in client.get(url, **office).json()["history"]]
    assert actions == ["create", "report_on_track", "request_report", "milestone", "close", "reopen"]
    assert client.get(url, **bearer(world.county_office)).status_code in (403, 404)
    assert client.get(f"{API}/items?overdue=true", **office).json()["count"] == 0
    assert client.get(f"{API}/items?grasped=true", **bearer(world.city_leader)).json()["count"] == 1


def test_projects_and_recommendations_through_the_api(client, world):
    office = bearer(world.city_office)
    project = client.post(f"{API}/projects", {"name": "中药材精深加工项目", "investor": "澳门某集团",
                                              "amount_planned": "21000", "region": "秦州区"},
                          content_type="application/json", **office)
    assert project.status_code == 201, project.content
    pid = project.json()["id"]
    for action in ("talk", "sign", "choose_site"):
        moved = client.post(f"{API}/projects/{pid}/move", {"action": action}, content_type="application/json",
                            **office)
        assert moved.status_code == 200, moved.content
    assert moved.json()["stage"] == "site_chosen"
    assert client.post(f"{API}/projects/{pid}/move", {"action": "produce"}, content_type="application/json",
                       **office).status_code == 409
    figures_ = client.get(f"{API}/projects/figures", **office).json()
    assert figures_["signed"] == 1 and figures_["by_stage"]["site_chosen"] == 1
    assert client.get(f"{API}/projects", **bearer(world.city_unit)).json()["count"] == 0
    rec = client.post(f"{API}/recommendations", {"title": "关于乡村振兴的建议案", "text": "……"},
                      content_type="application/json", **office)
    assert rec.status_code == 201
    assert client.post(f"{API}/recommendations/{rec.json()['id']}/move", {"action": "adopt"},
                       content_type="application/json", **office).json()["status"] == "adopted"


def test_figures_and_workbench_counts(world):
    work_list = make_list(world)
    make_item(world, work_list=work_list, due_in=-5)
    make_item(world, work_list=work_list, title="按期推进", due_in=30)
    kept = make_item(world, work_list=work_list, title="承诺事项", due_in=30)
    Item.objects.filter(pk=kept.pk).update(is_commitment=True)
    services.item_close(actor=world.city_office, item=kept, outcome="已办结")
    project = services.project_create(actor=world.county_office, organisation=world.county, name="项目", investor="某公司")
    services.project_move(actor=world.county_office, project=project, action="sign", amount_signed=118000)
    year = timezone.localdate().year
    scope = Scope(org_ids=(world.province.pk, world.city.pk, world.county.pk), start=dt.date(year, 1, 1),
                  end=dt.date(year, 12, 31))
    values = {f.key: f.compute(scope) for f in figures() if f.key.startswith("worklists.")}
    assert values["worklists.items"] == 3 and values["worklists.items_late"] >= 1
    assert values["worklists.promises_kept"] == 1 and values["worklists.promises_open"] == 0
    assert values["worklists.projects_signed"] == 1 and values["worklists.amount_signed"] == 118000
    todos = _todos(world.city_office, world.city)
    assert todos["/worklists/overdue/"] == 1 and "/worklists/mine/?show=due_soon" not in todos
    assert {u: n for u, n in _todos(world.city_leader, world.city).items() if "grasped" in u} == {
        "/worklists/grasped/": 1}
    assert _todos(world.city_member, world.city) == {}  # a member follows promises on the proposal's page


def _todos(user, organisation) -> dict:
    request = RequestFactory().get("/")
    request.user, request.organisation = user, organisation
    return {t.url: t.count for t in worklist_todos(request) if t.count}  # the workbench hides the empty ones


def test_every_workbench_count_is_the_count_of_the_list_it_opens(world, client_as):
    """Each role's to-do items open a list whose length is the count shown: the same selector, not a copy."""
    work_list = make_list(world)
    make_item(world, work_list=work_list, title="逾期一", due_in=-5)
    make_item(world, work_list=work_list, title="逾期二", due_in=-1, unit=1)
    make_item(world, work_list=work_list, title="即将到期", due_in=3)
    make_item(world, work_list=work_list, title="较远", due_in=90, leader=False)
    Item.objects.filter(title="较远").update(next_report_on=timezone.localdate() - dt.timedelta(days=2))
    seen = 0
    for user in (world.city_office, world.city_leader, world.city_unit, world.city_unit2):
        client = client_as(user)
        for url, count in _todos(user, world.city).items():
            response = client.get(url)
            assert response.status_code == 200, url
            listed = (len(response.context["late"]) if url.endswith("/grasped/")
                      else response.context["page"].paginator.count)
            assert listed == count, (user.username, url)
            seen += 1
    assert seen >= 7
    unit = _todos(world.city_unit, world.city)  # unit 0: one overdue, one due soon, the far one waits for a report
    assert unit == {"/worklists/mine/?show=overdue": 1, "/worklists/mine/?show=due_soon": 1,
                    "/worklists/mine/?show=reports_due": 1}
    assert _todos(world.city_unit2, world.city) == {"/worklists/mine/?show=overdue": 1}
