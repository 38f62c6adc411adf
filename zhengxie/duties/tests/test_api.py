"""The duties API as each role: my record and events, a member's record, staff rankings and distribution,
self-reported duties and the yearly self-report."""

import pytest
from django.utils import timezone

from zhengxie.core.files import bytes_upload
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import SelfReport

from .helpers import make_rule_set, record, this_year

pytestmark = pytest.mark.django_db
API = "/api/v1/duties"


@pytest.fixture
def scored(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rule_set = make_rule_set(world)
        make_rule_set(world, org="city2")
        record(world.members["city_member"], K.INSPECTION_ATTENDED, title="视察城区供水")
        record(world.members["city2_member"], K.RESEARCH_ATTENDED)
    return rule_set


def test_my_record_explains_the_score(world, scored, client_as):
    data = client_as(world.users["city_member"]).get(f"{API}/me/record").json()
    assert data["total"] == 52 and data["year"] == this_year() and not data["closed"]
    activity = next(s for s in data["sections"] if s["category"] == "activity")
    assert activity["lines"][0]["title"] == "视察城区供水" and activity["lines"][0]["points"] == 2
    assert len(data["requirements"]) == 3 and data["missing"]
    assert data["rank"] is None  # members do not see their rank unless the organisation shows it


def test_my_events(world, scored, client_as):
    data = client_as(world.users["city_member"]).get(f"{API}/me/events").json()
    assert data["count"] == 1 and data["items"][0]["kind"] == K.INSPECTION_ATTENDED


def test_staff_without_a_seat_have_no_record(world, scored, client_as):
    assert client_as(world.users["city_office"]).get(f"{API}/me/record").status_code == 403


@pytest.mark.parametrize("username, status", [("city_office", 200), ("city_member", 200), ("city_member2", 403),
                                              ("city2_office", 404), ("city_unit", 403)])
def test_a_members_record(world, scored, client_as, username, status):
    member = world.members["city_member"]
    assert client_as(world.users[username]).get(f"{API}/members/{member.pk}/record").status_code == status


@pytest.mark.parametrize("username, status", [("city_office", 200), ("city_leader", 200), ("city_member", 403),
                                              ("city_body", 403)])
def test_rankings_are_for_staff(world, scored, client_as, username, status):
    response = client_as(world.users[username]).get(f"{API}/rankings")
    assert response.status_code == status
    if status == 200:
        items = response.json()["items"]
        assert items[0]["name"] == world.members["city_member"].person.name and items[0]["rank"] == 1
        assert world.members["city2_member"].person.name not in {i["name"] for i in items}


def test_distribution(world, scored, client_as):
    data = client_as(world.users["city_office"]).get(f"{API}/distribution").json()
    assert data["count"] == sum(data["histogram_counts"]) == sum(b["count"] for b in data["bands"])
    assert client_as(world.users["city_office"]).get(f"{API}/distribution?year=2001").status_code == 404


def test_self_report_by_api_and_confirmation(world, scored, client_as):
    member = client_as(world.users["city_member"])
    response = member.post(f"{API}/self-reports", {
        "report_type": "service", "title": "参加义诊", "description": "为老人量血压", "place": "北塬乡",
        "occurred_on": timezone.localdate().isoformat(),
        "files": [bytes_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a.png")]})
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    refused = member.post(f"{API}/self-reports", {"report_type": "service", "title": "无照片", "description": "x",
                                                  "occurred_on": timezone.localdate().isoformat()})
    assert refused.status_code == 400 and refused.json()["errors"]["files"]
    assert member.post(f"{API}/self-reports/{report_id}/confirm", {"version": 1},
                       content_type="application/json").status_code == 403
    office = client_as(world.users["city_office"])
    assert office.get(f"{API}/self-reports?status=submitted").json()["count"] == 1
    stale = office.post(f"{API}/self-reports/{report_id}/confirm", {"version": 9}, content_type="application/json")
    assert stale.status_code == 409
    done = office.post(f"{API}/self-reports/{report_id}/confirm", {"version": 1}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    assert client_as(world.users["city2_office"]).post(
        f"{API}/self-reports/{report_id}/reject", {"note": "x"}, content_type="application/json").status_code == 404
    assert SelfReport.objects.get(pk=report_id).status == "confirmed"


def test_statement_by_api(world, scored, client_as):
    client = client_as(world.users["city_member"])
    response = client.put(f"{API}/me/statement", {"year": this_year(), "text": "述职报告", "submit": True},
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["submitted_at"]
