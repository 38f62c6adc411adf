"""The pages, as each role: allowed and refused, scoped to the organisation, forms that keep what was typed,
exports, and list pages whose query count does not grow with their rows."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.choices import Role
from zhengxie.core.files import bytes_upload
from zhengxie.core.tests.factories import BodyFactory, MemberFactory, SectorFactory, staff_user
from zhengxie.duties import scoring, services
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.choices import RuleSetStatus, SelfReportStatus
from zhengxie.duties.models import Reminder, Rule, RuleSet, SelfReport

from .helpers import make_rule_set, record, this_year

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["duties:overview", "duties:ranking", "duties:talks", "duties:minimum", "duties:attendance",
               "duties:ranking_export", "duties:talks_export", "duties:minimum_export", "duties:attendance_export",
               "duties:rule_sets"]


@pytest.fixture
def scored(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rule_set = make_rule_set(world)
        make_rule_set(world, org="city2")
        record(world.members["city_member"], K.INSPECTION_ATTENDED)
        record(world.members["city2_member"], K.INSPECTION_ATTENDED)
    return rule_set


@pytest.mark.parametrize("url_name", STAFF_PAGES)
@pytest.mark.parametrize("username, status", [("city_office", 200), ("city_leader", 200), ("city_proposal", 200),
                                              ("city_member", 403), ("city_unit", 403), ("city_body", 403)])
def test_staff_pages(world, scored, client_as, url_name, username, status):
    assert client_as(world.users[username]).get(reverse(url_name)).status_code == status


def test_staff_see_only_their_organisation(world, scored, client_as):
    client = client_as(world.users["city_office"])
    body = client.get(reverse("duties:ranking")).content.decode()
    assert world.members["city_member"].person.name in body
    assert world.members["city2_member"].person.name not in body
    assert client.get(reverse("duties:member_record", args=[world.members["city2_member"].pk])).status_code == 404
    other = RuleSet.objects.get(organisation=world.city2)
    assert client.get(reverse("duties:rule_set", args=[other.pk])).status_code == 404


def test_a_member_sees_only_their_own_record(world, scored, client_as):
    client = client_as(world.users["city_member"])
    response = client.get(reverse("duties:my_record"))
    assert response.status_code == 200
    assert response.context["record"].total == 52
    assert client.get(reverse("duties:member_record", args=[world.members["city_member"].pk])).status_code == 200
    assert client.get(reverse("duties:member_record", args=[world.members["city_member2"].pk])).status_code == 403
    assert client.get(reverse("duties:record_pdf", args=[world.members["city_member2"].pk])).status_code == 403
    assert client.get(reverse("duties:home")).url == reverse("duties:my_record")


def test_staff_without_a_seat_have_no_own_record(world, client_as):
    assert client_as(world.users["city_unit"]).get(reverse("duties:my_record")).status_code == 403
    assert client_as(world.users["city_unit"]).get(reverse("duties:home")).status_code == 403


@pytest.fixture
def sector_contact(world):
    """The contact of the 教育界 sector of the city, where member2 sits."""
    sector = world.members["city_member2"].sector
    other_sector = SectorFactory(organisation=world.city, name="农业界")
    world.members["city_member3"].sector = other_sector
    world.members["city_member3"].save(update_fields=["sector"])
    body = BodyFactory(organisation=world.city, name=f"{sector.name}界别", kind="sector", sector=sector)
    return staff_user(world.city, Role.BODY_CONTACT, "city_sector", body=body), sector, other_sector


def test_a_sector_contact_sees_only_that_sector(world, scored, client_as, sector_contact):
    user, sector, other_sector = sector_contact
    client = client_as(user)
    assert client.get(reverse("duties:home")).url == reverse("duties:groups")
    assert client.get(reverse("duties:sector", args=[sector.pk])).status_code == 200
    assert client.get(reverse("duties:sector", args=[other_sector.pk])).status_code == 403
    assert client.get(reverse("duties:member_record", args=[world.members["city_member2"].pk])).status_code == 200
    assert client.get(reverse("duties:member_record", args=[world.members["city_member3"].pk])).status_code == 403
    groups = client.get(reverse("duties:groups")).content.decode()
    assert sector.name in groups and other_sector.name not in groups
    assert reverse("duties:ranking") not in groups  # no tab leads to a page they may not open
    assert client.get(reverse("duties:ranking")).status_code == 403
    response = client.get(reverse("duties:sector", args=[sector.pk]))
    names = {s.member.person.name for s in response.context["page"]}
    assert world.members["city_member3"].person.name not in names


def test_the_record_page_explains_the_score(world, scored, client_as):
    body = client_as(world.users["city_office"]).get(
        reverse("duties:member_record", args=[world.members["city_member"].pk])).content.decode()
    assert "+2" in body and "52" in body


def test_exports(world, scored, client_as):
    client = client_as(world.users["city_office"])
    member = world.members["city_member"]
    docx = client.get(reverse("duties:record_docx", args=[member.pk]))
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert str(this_year()) in text
    pdf = client.get(reverse("duties:record_pdf", args=[member.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("duties:ranking_export"))
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any(member.person.name in row for row in rows)
    assert not any(world.members["city2_member"].person.name in row for row in rows)


def _many_members(world, count):
    for _ in range(count):
        MemberFactory(organisation=world.city)
    scoring.recompute_year(this_year(), [world.city.pk])


@pytest.mark.parametrize("url_name", ["duties:ranking", "duties:minimum", "duties:talks", "duties:overview",
                                      "duties:groups", "duties:self_reports"])
def test_list_pages_do_not_run_a_query_per_row(world, scored, client_as, url_name):
    client = client_as(world.users["city_office"])
    SelfReport.objects.create(organisation=world.city, member=world.members["city_member"], report_type="research",
                              title="走访", description="x", occurred_on=timezone.localdate())
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name))
    _many_members(world, 15)
    for seat in list(world.city.members.all())[:10]:
        SelfReport.objects.create(organisation=world.city, member=seat, report_type="research", title="走访",
                                  description="x", occurred_on=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(url_name))
    assert len(many) == len(few)


def test_the_record_page_does_not_run_a_query_per_event(world, scored, client_as):
    client = client_as(world.users["city_member"])
    client.get(reverse("duties:my_record"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("duties:my_record"))
    for month in range(1, 12):
        record(world.members["city_member"], K.STUDY_ATTENDED, on=timezone.make_aware(dt.datetime(this_year(), month, 3)))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("duties:my_record"))
    assert len(many) == len(few)


def test_self_report_journey_through_the_pages(world, scored, client_as, django_capture_on_commit_callbacks):
    member = client_as(world.users["city_member"])
    assert member.get(reverse("duties:self_report_new")).status_code == 200
    data = {"report_type": "talk", "title": "", "occurred_on": timezone.localdate().isoformat(), "place": "西关社区",
            "description": "宣讲两会精神"}
    response = member.post(reverse("duties:self_report_new"), data)
    assert response.status_code == 200 and "西关社区" in response.content.decode()  # kept what was typed
    data["title"] = "在西关社区宣讲两会精神"
    data["files"] = [bytes_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "现场.png")]
    response = member.post(reverse("duties:self_report_new"), data)
    report = SelfReport.objects.get(title="在西关社区宣讲两会精神")
    assert response.url == reverse("duties:self_report", args=[report.pk])
    assert member.get(reverse("duties:self_report_file", args=[report.pk, report_files(report)[0]])).status_code == 200
    other_member = client_as(world.users["city_member2"])
    assert other_member.get(reverse("duties:self_report", args=[report.pk])).status_code == 403
    assert client_as(world.users["city2_office"]).get(reverse("duties:self_report", args=[report.pk])).status_code == 404
    office = client_as(world.users["city_office"])
    queue = office.get(reverse("duties:self_reports")).content.decode()
    assert report.title in queue
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("duties:self_report_action", args=[report.pk, "confirm"]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == SelfReportStatus.CONFIRMED
    response = office.post(reverse("duties:self_report_action", args=[report.pk, "revoke"]),
                           {"revoke-version": report.version, "revoke-reason": ""})
    report.refresh_from_db()
    assert report.status == SelfReportStatus.CONFIRMED
    assert member.post(reverse("duties:self_report_action", args=[report.pk, "confirm"]),
                       {"version": report.version}).status_code == 403


def report_files(report):
    from zhengxie.core.files import attachments_of

    return list(attachments_of(report).values_list("pk", flat=True))


def test_rule_pages_for_administrators(world, scored, client_as, django_capture_on_commit_callbacks):
    admin = client_as(world.users["city_admin"])
    office = client_as(world.users["city_office"])
    rule = Rule.objects.get(rule_set=scored, kind=K.INSPECTION_ATTENDED)
    edit = reverse("duties:rule_edit", args=[scored.pk, rule.pk])
    assert office.get(reverse("duties:rule_set", args=[scored.pk])).status_code == 200
    assert office.get(edit).status_code == 403
    assert admin.get(edit).status_code == 200
    form = {"version": scored.version, "label": "视察", "kind": K.INSPECTION_ATTENDED, "mode": "fixed", "points": "4",
            "first_share": "0.5", "cap": "", "section": "activity"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(edit, form)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.points == 4
    response = admin.post(edit, {**form, "version": 1, "points": "5"})  # stale
    assert response.status_code == 200 and "changed by someone else" in response.content.decode() \
        or "刚被他人修改" in response.content.decode()
    response = admin.post(edit, {**form, "version": scored.version + 1, "role": ["first"]})
    assert response.status_code == 200 and rule.points == 4
    settings_url = reverse("duties:rule_set_settings", args=[scored.pk])
    page = admin.get(settings_url)
    assert page.status_code == 200 and len(page.context["sections"].forms) == 9


def test_creating_rules_from_the_page(world, client_as):
    admin = client_as(world.users["city_admin"])
    response = admin.post(reverse("duties:rule_set_new"), {"year": this_year(), "source": "preset:base_bonus"})
    rule_set = RuleSet.objects.get(organisation=world.city, year=this_year())
    assert response.url == reverse("duties:rule_set", args=[rule_set.pk])
    assert rule_set.preset == "base_bonus"
    assert client_as(world.users["city_office"]).get(reverse("duties:rule_set_new")).status_code == 403


def test_closing_from_the_page(world, scored, client_as):
    admin = client_as(world.users["city_admin"])
    admin.post(reverse("duties:rule_set_close", args=[scored.pk]), {"version": scored.version})
    assert RuleSet.objects.get(pk=scored.pk).status == RuleSetStatus.CLOSED
    page = client_as(world.users["city_member"]).get(reverse("duties:my_record")).content.decode()
    assert "bi-lock" in page


def test_reminders_from_the_page(world, scored, client_as):
    office = client_as(world.users["city_office"])
    response = office.post(reverse("duties:minimum_remind"), {"year": this_year(), "member": [world.members["city_member"].pk]})
    assert response.status_code == 302 and Reminder.objects.filter(member=world.members["city_member"]).exists()
    leader = client_as(world.users["city_leader"])
    assert leader.post(reverse("duties:minimum_remind"), {"year": this_year(), "all": "1"}).status_code == 403


def test_manual_entry_and_statement_from_the_record_page(world, scored, client_as, django_capture_on_commit_callbacks):
    member = world.members["city_member"]
    office = client_as(world.users["city_office"])
    url = reverse("duties:manual_add", args=[member.pk])
    assert client_as(world.users["city_member"]).get(url).status_code == 403
    response = office.post(url, {"occurred_on": timezone.localdate().isoformat(), "title": "补录", "points": "2",
                                 "reason": ""})
    assert response.status_code == 200  # the reason is required: the form comes back
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"occurred_on": timezone.localdate().isoformat(), "title": "补录", "points": "2",
                          "reason": "外地活动"})
    assert member.manual_duty_entries.count() == 1
    own = client_as(world.users["city_member"])
    own.post(reverse("duties:statement", args=[member.pk]), {"text": "本年度述职", "submit": "1"})
    assert member.duty_statements.get().submitted_at is not None
    assert office.post(reverse("duties:statement", args=[member.pk]), {"text": "代写"}).status_code == 403


def test_workbench_todos(world, scored, client_as):
    services.self_report_submit(actor=world.users["city_member"], member=world.members["city_member"],
                                data={"report_type": "talk", "title": "宣讲", "description": "x",
                                      "occurred_on": timezone.localdate()},
                                files=[bytes_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a.png")])
    office = client_as(world.users["city_office"]).get(reverse("core:workbench"))
    labels = [str(item.label) for item in office.context["todos"]]
    assert any("1" in label and ("confirm" in label or "确认" in label) for label in labels)
    member = client_as(world.users["city_member"]).get(reverse("core:workbench"))
    assert any(item.url == reverse("duties:my_record") for item in member.context["todos"])


def test_the_rule_set_list_heads_its_names_as_names_not_a_persons(world, scored, client_as):
    page = client_as(world.city_office).get(reverse("duties:rule_sets")).content.decode()
    assert "<th>名称</th>" in page and "<th>姓名</th>" not in page
