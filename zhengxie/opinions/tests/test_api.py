"""The API: a member's phone (token) submits and follows their reports; the office works through the same services;
other roles and organisations are refused."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core import services as core_services
from zhengxie.opinions.choices import ReportStatus
from zhengxie.opinions.models import BulletinIssue, Report

from .factories import TEXT, climb, publish, submit

pytestmark = pytest.mark.django_db
API = "/api/v1/opinions"


@pytest.fixture
def phone_of(client):
    """An API client with a personal token, as the mobile app uses it."""

    def make(user, organisation=None):
        _token, secret = core_services.api_token_create(user=user, name="phone")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        if organisation is not None:
            headers["HTTP_X_ORGANISATION"] = str(organisation.pk)

        class Caller:
            def get(self, path, **params):
                return client.get(API + path, params, **headers)

            def post(self, path, data=None):
                return client.post(API + path, data or {}, content_type="application/json", **headers)

            def put(self, path, data):
                return client.put(API + path, data, content_type="application/json", **headers)

            def delete(self, path):
                return client.delete(API + path, **headers)

        return Caller()

    return make


def test_the_openapi_description_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/reports", "/reports/mine", "/reports/{report_id}", "/reports/{report_id}/forward",
                 "/reports/{report_id}/instructions", "/bulletins", "/bulletins/{bulletin_id}/sign-off", "/figures",
                 "/form"):
        assert f"/api/v1/opinions{path}" in paths


def test_a_member_submits_and_follows_from_the_phone(world, phone_of, django_capture_on_commit_callbacks):
    phone = phone_of(world.county_member)
    form = phone.get("/form").json()
    assert form["max_length"] == 1500 and "教育" in form["categories"] and form["can_submit"]
    response = phone.post("/reports", {"title": "关于某事的建议", "text": TEXT, "category": "教育"})
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()["id"])
    with django_capture_on_commit_callbacks(execute=True):
        city = climb(world, report)
        publish(world, city)
    mine = phone.get("/reports/mine").json()
    assert mine["count"] == 1 and mine["items"][0]["reached"] == "天水市政协"
    assert mine["items"][0]["adoption_count"] == 2
    detail = phone.get(f"/reports/{report.pk}").json()
    assert [step["organisation"] for step in detail["chain"]] == ["秦州区政协", "天水市政协"]
    assert {(a["kind"], a["level"]) for a in detail["adoptions"]} == {("local", "county"), ("upper", "city")}
    assert detail["actions"] == []


def test_an_over_long_text_is_refused_with_the_field_named(world, phone_of):
    response = phone_of(world.county_member).post("/reports", {"title": "t", "text": "字" * 1600, "category": "教育"})
    assert response.status_code == 400
    assert "1600" in response.json()["errors"]["text"][0]
    assert not Report.objects.exists()


def test_amend_and_withdraw_by_the_author(world, phone_of):
    report = submit(world)
    phone = phone_of(world.county_member)
    assert set(phone.get(f"/reports/{report.pk}").json()["actions"]) == {"amend", "withdraw"}
    changed = phone.put(f"/reports/{report.pk}", {"title": "新标题", "text": TEXT, "category": "教育",
                                                  "version": report.version}).json()
    stale = phone.post(f"/reports/{report.pk}/withdraw", {"version": report.version})
    assert stale.status_code == 409 and stale.json()["code"] == "changed"
    done = phone.post(f"/reports/{report.pk}/withdraw", {"version": changed["version"]})
    assert done.json()["status"] == ReportStatus.WITHDRAWN


def test_the_office_works_through_the_api(world, phone_of, django_capture_on_commit_callbacks):
    report = submit(world)
    office, leader = phone_of(world.county_info), phone_of(world.county_leader)
    assert office.get("/reports", status="open").json()["count"] == 1
    assert office.post(f"/reports/{report.pk}/accept").json()["status"] == ReportStatus.ACCEPTED
    edited = office.post(f"/reports/{report.pk}/edit", {"title": "改后", "text": "新正文。", "category": "教育"}).json()
    assert edited["original_title"] == "关于加强农村互助养老服务的建议" and edited["title"] == "改后"
    diff = office.get(f"/reports/{report.pk}/diff").json()
    assert diff["changes"] >= 1 and diff["text_after"][0]["kind"] in ("insert", "equal")
    issue = office.post("/bulletins", {"subject": ""}).json()
    assert issue["label"].endswith("年第1期")
    office.post(f"/bulletins/{issue['id']}/reports", {"report_ids": [report.pk]})
    assert office.post(f"/bulletins/{issue['id']}/submit").json()["status"] == "pending"
    assert office.post(f"/bulletins/{issue['id']}/sign-off").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        signed = leader.post(f"/bulletins/{issue['id']}/sign-off").json()
    assert signed["status"] == "signed_off" and signed["reports"][0]["status"] == ReportStatus.PUBLISHED
    sent = office.post(f"/bulletins/{issue['id']}/send", {"recipients": ["区委", "区政府"]}).json()
    assert sent["recipients"] == ["区委", "区政府"]
    forwarded = office.post(f"/reports/{report.pk}/forward")
    assert forwarded.status_code == 201 and forwarded.json()["forwarded_at"]
    again = office.post(f"/reports/{report.pk}/forward")
    assert again.status_code == 400 and again.json()["code"] == "already_forwarded"
    instructed = office.post(f"/reports/{report.pk}/instructions", {
        "leader_name": "李书记", "level": "county", "text": "请区教育局研究。", "instructed_on": str(timezone.localdate())})
    assert instructed.status_code == 201 and instructed.json()["instructions"][0]["level_label"] == "县（区）级领导"
    document = office.get(f"/bulletins/{issue['id']}/document.pdf")
    assert document.content.startswith(b"%PDF")
    assert [b["label"] for b in office.get("/bulletins").json()] == [issue["label"]]


def test_a_refused_transition_answers_409(world, phone_of):
    report = submit(world)
    response = phone_of(world.county_info).post(f"/reports/{report.pk}/edit",
                                                {"title": "t", "text": "x", "category": "教育"})
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


@pytest.mark.parametrize("who", ["county_member", "county_leader", "county_proposal", "county2_info"])
def test_office_endpoints_refuse_others(world, phone_of, who):
    report = submit(world)
    caller = phone_of(world.users[who])
    expected = {404} if who in ("county2_info", "county_proposal") else {403}
    assert caller.post(f"/reports/{report.pk}/accept").status_code in expected
    assert caller.post(f"/reports/{report.pk}/not-use", {"reason": "x"}).status_code in expected
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED
    if who != "county2_info":  # county2's office compiles county2's bulletin, not the county's
        assert caller.post("/bulletins", {}).status_code == 403
    assert not BulletinIssue.objects.filter(organisation=world.county).exists()


def test_figures_api(world, phone_of, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        climb(world, submit(world))
        submit(world, "county_member2", category="教育")
    office = phone_of(world.county_info)
    data = office.get("/figures").json()
    assert (data["submitted"], data["adopted"], data["forwarded"]) == (2, 1, 1)
    assert set(data["adopted_by_level"]) == {"national", "province", "city"}
    rows = office.get("/figures/breakdown", by="category").json()
    assert {r["group"]["category"]: r["submitted"] for r in rows} == {"社会保障": 1, "教育": 1}
    assert office.get("/figures/breakdown", by="nonsense").status_code == 400
    year = timezone.localdate().year
    empty = office.get("/figures", start=str(dt.date(year - 3, 1, 1)), end=str(dt.date(year - 3, 12, 31))).json()
    assert empty["submitted"] == 0
    assert phone_of(world.county_member).get("/figures").status_code == 403


def test_the_organisation_header_chooses_where_the_call_acts(world, phone_of):
    submit(world, "multi")  # the provincial member who also sits in the city: submitted in the province
    in_city = phone_of(world.multi, world.city).get("/reports/mine").json()
    in_province = phone_of(world.multi, world.province).get("/reports/mine").json()
    assert (in_city["count"], in_province["count"]) == (0, 1)
    assert phone_of(world.multi, world.county).get("/reports/mine").status_code == 403


def test_files_are_added_from_the_phone(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = submit(world)
    _token, secret = core_services.api_token_create(user=world.county_member, name="phone")
    upload = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    response = client.post(f"{API}/reports/{report.pk}/attachments", {"file": upload},
                           HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 201 and response.json()["name"] == "现场.png"
    download = client.get(response.json()["url"], HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    _token, other = core_services.api_token_create(user=world.county_member2, name="phone")
    assert client.get(response.json()["url"], HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
