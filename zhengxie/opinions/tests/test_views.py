"""The pages as each role uses them: allowed and refused, forms that keep what was typed, lists whose query count
does not grow with their rows, the Excel and Word/PDF downloads."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zhengxie.core.models import Notification
from zhengxie.opinions.choices import BulletinStatus, ReportStatus
from zhengxie.opinions.models import BulletinIssue, Report

from .factories import TEXT, climb, edit, publish, submit

pytestmark = pytest.mark.django_db


# --- who may open which page ------------------------------------------------------------------------------------------

PAGES = ["opinions:home", "opinions:mine", "opinions:submit", "opinions:queue", "opinions:queue_export",
         "opinions:bulletin_list", "opinions:figures", "opinions:figures_export"]
ALLOWED = {
    "county_member": {"opinions:home", "opinions:mine", "opinions:submit"},
    "county_body": {"opinions:home", "opinions:mine", "opinions:submit"},
    "county_informant": {"opinions:home", "opinions:mine", "opinions:submit"},
    "county_info": set(PAGES),
    "county_leader": {"opinions:home", "opinions:queue", "opinions:queue_export", "opinions:bulletin_list",
                      "opinions:figures", "opinions:figures_export"},
    "county_proposal": set(),
    "county_admin": set(),
    "county_unit": set(),
}


@pytest.mark.parametrize("who", list(ALLOWED))
def test_each_role_reaches_its_pages_only(world, client_as, who):
    client = client_as(world.users[who])
    for name in PAGES:
        response = client.get(reverse(name))
        expected = name in ALLOWED[who]
        assert (response.status_code in (200, 302)) == expected, (who, name, response.status_code)
        if not expected:
            assert response.status_code == 403


def test_the_navigation_shows_the_section_to_those_who_use_it(world, client_as):
    assert "/opinions/" in client_as(world.county_member).get("/").content.decode()
    assert 'href="/opinions/"' not in client_as(world.county_proposal).get("/").content.decode()


def test_home_sends_each_role_to_its_list(world, client_as):
    assert client_as(world.county_member).get("/opinions/")["Location"] == reverse("opinions:mine")
    assert client_as(world.county_info).get("/opinions/")["Location"] == reverse("opinions:queue")


# --- submitting -------------------------------------------------------------------------------------------------------


def test_a_member_submits_from_the_form(world, client_as):
    client = client_as(world.county_member)
    page = client.get(reverse("opinions:submit")).content.decode()
    assert "一事一报" in page and 'data-count-limit="1500"' in page
    response = client.post(reverse("opinions:submit"), {"title": "关于某事的建议", "category": "教育", "text": TEXT,
                                                        "author": "member"})
    report = Report.objects.get()
    assert response["Location"] == reverse("opinions:detail", args=[report.pk])
    assert report.author_member == world.members["county_member"]


def test_an_over_long_text_is_refused_and_kept(world, client_as):
    text = "农村养老" * 400  # 1,600 characters
    response = client_as(world.county_member).post(reverse("opinions:submit"), {
        "title": "关于某事的建议", "category": "教育", "text": text, "author": "member"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "正文共1600字" in body and "删减100字" in body
    assert text in body and "关于某事的建议" in body  # nothing typed is lost
    assert not Report.objects.exists()


def test_a_contact_of_several_bodies_chooses_one(world, client_as):
    from zhengxie.core.models import Body, RoleAssignment

    second = Body.objects.create(organisation=world.county, name="秦州区工商联", kind="people_org")
    RoleAssignment.objects.create(user=world.county_body, organisation=world.county, role="body_contact", body=second)
    client = client_as(world.county_body)
    assert "秦州区工商联" in client.get(reverse("opinions:submit")).content.decode()
    client.post(reverse("opinions:submit"), {"title": "工商联的建议", "category": "经济发展", "text": TEXT,
                                             "author": "body", "body": second.pk})
    assert Report.objects.get().author_body == second


def test_the_office_registers_a_paper_report(world, client_as):
    seat = world.members["county_member3"]
    client_as(world.county_info).post(reverse("opinions:submit"), {
        "title": "纸质来稿", "category": "教育", "text": TEXT, "author": "member_other", "member": seat.pk})
    report = Report.objects.get()
    assert report.author_member == seat and report.submitted_by == world.county_info


def test_the_author_amends_and_withdraws(world, client_as):
    report = submit(world)
    client = client_as(world.county_member)
    client.post(reverse("opinions:amend", args=[report.pk]), {"title": "改后的标题", "category": "教育",
                                                               "text": TEXT, "version": report.version})
    report.refresh_from_db()
    assert report.original_title == "改后的标题"
    client.post(reverse("opinions:withdraw", args=[report.pk]), {"version": report.version})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.WITHDRAWN


# --- the office's flow through the pages --------------------------------------------------------------------------


def test_the_office_flow_through_the_pages(world, client_as, django_capture_on_commit_callbacks):
    report = submit(world)
    office, leader = client_as(world.county_info), client_as(world.county_leader)
    office.post(reverse("opinions:accept", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    edit_page = office.get(reverse("opinions:edit", args=[report.pk])).content.decode()
    assert "原稿（保留不变）" in edit_page
    office.post(reverse("opinions:edit", args=[report.pk]), {
        "title": report.title, "category": report.category, "text": report.text.replace("近年来，", "据调查，"),
        "version": report.version, "note": "精简"})
    diff = office.get(reverse("opinions:diff", args=[report.pk])).content.decode()
    assert '<del class="zx-del">近年来</del>' in diff and '<ins class="zx-ins">据调查</ins>' in diff
    office.post(reverse("opinions:bulletin_place"), {"reports": [report.pk], "bulletin": "new"})
    issue = BulletinIssue.objects.get()
    office.post(reverse("opinions:bulletin_submit", args=[issue.pk]), {"version": issue.version})
    assert BulletinIssue.objects.get().status == BulletinStatus.PENDING
    assert Notification.objects.filter(recipient=world.county_leader, code="opinions.bulletin.pending").exists()
    issue.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        leader.post(reverse("opinions:bulletin_sign_off", args=[issue.pk]), {"version": issue.version})
    issue.refresh_from_db()
    office.post(reverse("opinions:bulletin_send", args=[issue.pk]),
                {"recipients": "中共天水市秦州区委员会\n天水市秦州区人民政府", "version": issue.version})
    issue.refresh_from_db()
    assert issue.status == BulletinStatus.SENT and len(issue.recipients) == 2
    office.post(reverse("opinions:bulletin_forward", args=[issue.pk]), {"reports": [report.pk]})
    assert Report.objects.filter(organisation=world.city, source=report).exists()
    feedback_page = office.get(reverse("opinions:detail", args=[report.pk])).content.decode()
    assert "本级采用" in feedback_page and "天水市政协" in feedback_page


def test_not_use_without_a_reason_shows_the_form_again(world, client_as):
    report = submit(world)
    response = client_as(world.county_info).post(reverse("opinions:not_use", args=[report.pk]), {"reason": ""})
    assert response.status_code == 400
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED


def test_feedback_forms_refuse_bad_input_and_keep_it(world, client_as):
    report = publish(world, submit(world))
    client = client_as(world.county_info)
    response = client.post(reverse("opinions:record_instruction", args=[report.pk]), {
        "leader_name": "李书记", "level": "county", "text": "请研究。", "instructed_on": "2099-01-01"})
    assert response.status_code == 400 and "李书记" in response.content.decode()
    response = client.post(reverse("opinions:record_adoption", args=[report.pk]), {
        "kind": "upper", "level": "national", "adopted_by": "全国政协办公厅", "adopted_on": timezone.localdate()})
    assert response.status_code == 302 and report.adoptions.filter(level="national").exists()


@pytest.mark.parametrize("who", ["county_member", "county_leader", "county_proposal", "county2_info", "city_info"])
def test_office_actions_are_refused_to_others_on_the_pages(world, client_as, who):
    report = submit(world)
    client = client_as(world.users[who])
    for name in ("opinions:accept", "opinions:not_use", "opinions:forward"):
        response = client.post(reverse(name, args=[report.pk]), {"reason": "x"})
        assert response.status_code in (403, 404)
    assert client.get(reverse("opinions:edit", args=[report.pk])).status_code in (403, 404)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED


def test_bulletin_pages_refuse_other_organisations(world, client_as):
    report = publish(world, submit(world))
    issue = report.bulletin
    for who in ("county2_info", "city_info", "county_member", "county_proposal"):
        client = client_as(world.users[who])
        assert client.get(reverse("opinions:bulletin_detail", args=[issue.pk])).status_code in (403, 404)
        assert client.get(reverse("opinions:bulletin_document", args=[issue.pk, "pdf"])).status_code in (403, 404)


def test_a_leader_signs_off_from_the_issue_page(world, client_as):
    report = edit(world, submit(world), "county")
    office = client_as(world.county_info)
    office.post(reverse("opinions:bulletin_place"), {"reports": [report.pk], "bulletin": "new"})
    issue = BulletinIssue.objects.get()
    office.post(reverse("opinions:bulletin_submit", args=[issue.pk]))
    page = client_as(world.county_leader).get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()
    assert reverse("opinions:bulletin_sign_off", args=[issue.pk]) in page
    workbench = client_as(world.county_leader).get("/").content.decode()
    assert "1期《社情民意》待您签发" in workbench
    office_page = office.get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()
    assert reverse("opinions:bulletin_sign_off", args=[issue.pk]) not in office_page
    client_as(world.county_leader).post(reverse("opinions:bulletin_sign_off", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.status == "signed_off"
    after = client_as(world.county_leader).get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()
    assert reverse("opinions:bulletin_sign_off", args=[issue.pk]) not in after
    assert "已签发，由信息科登记报送情况。" in after  # the leader's panel says what happens next, not nothing
    assert "已签发，由信息科登记报送情况。" not in office.get(reverse("opinions:bulletin_detail", args=[issue.pk])).content.decode()


# --- lists, exports, documents -------------------------------------------------------------------------------------------


def _many(world, n):
    for i in range(n):
        submit(world, title=f"信息{i}", category=["教育", "社会保障", "生态环境"][i % 3])


def test_queue_queries_do_not_grow_with_rows(world, client_as, django_assert_max_num_queries):
    client = client_as(world.county_info)
    _many(world, 3)
    climb(world, submit(world, "county2_member"))  # forwarded rows join their source
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("opinions:queue"))
    _many(world, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("opinions:queue"))


def test_my_reports_queries_do_not_grow_with_rows(world, client_as, django_assert_max_num_queries):
    client = client_as(world.county_member)
    _many(world, 2)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("opinions:mine"))
    _many(world, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("opinions:mine"))


def test_queue_filters(world, client_as):
    _many(world, 6)
    client = client_as(world.county_info)
    page = client.get(reverse("opinions:queue"), {"category": "教育"}).context["page"]
    assert {r.category for r in page} == {"教育"} and len(page) == 2
    page = client.get(reverse("opinions:queue"), {"q": "信息5"}).context["page"]
    assert [r.title for r in page] == ["信息5"]
    htmx = client.get(reverse("opinions:queue"), {"status": "open"}, headers={"HX-Request": "true"})
    assert b"<html" not in htmx.content and len(htmx.context["page"]) == 6


def test_queue_export(world, client_as):
    _many(world, 3)
    response = client_as(world.county_info).get(reverse("opinions:queue_export"), {"category": "教育"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][1] == "标题" and len(rows) == 2 and rows[1][1] == "信息0"
    assert rows[0][3] == "来源" and "起" not in rows[0]  # the report's origin, not a date range's start


def test_bulletin_documents_download(world, client_as):
    report = publish(world, submit(world))
    client = client_as(world.county_info)
    docx = client.get(reverse("opinions:bulletin_document", args=[report.bulletin_id, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats") and docx.content[:2] == b"PK"
    pdf = client.get(reverse("opinions:bulletin_document", args=[report.bulletin_id, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert "社情民意" in docx["Content-Disposition"] or "%E7%A4%BE" in docx["Content-Disposition"]


def test_bulletin_list_per_year(world, client_as):
    publish(world, submit(world))
    BulletinIssue.objects.update(year=2024)
    publish(world, submit(world, title="第二条"))
    client = client_as(world.county_info)
    this_year = client.get(reverse("opinions:bulletin_list"))
    assert [i.year for i in this_year.context["issues"]] == [timezone.localdate().year]
    assert this_year.context["years"] == [timezone.localdate().year, 2024]
    assert [i.year for i in client.get(reverse("opinions:bulletin_list"), {"year": 2024}).context["issues"]] == [2024]


def test_attachments_are_served_only_to_who_may_see_the_report(world, client_as):
    from zhengxie.core.files import bytes_upload

    report = submit(world, uploads=[bytes_upload(b"%PDF-1.4 test", "材料.pdf")])
    attachment = report_attachment(report)
    url = reverse("opinions:attachment", args=[report.pk, attachment.pk])
    assert client_as(world.county_member).get(url).status_code == 200
    assert client_as(world.county_info).get(url).status_code == 200
    assert client_as(world.county_member2).get(url).status_code == 404
    assert client_as(world.county2_info).get(url).status_code == 404


def report_attachment(report):
    from zhengxie.core.files import attachments_of

    return attachments_of(report).get()


def test_the_workbench_lists_the_offices_work(world, client_as):
    _many(world, 2)
    edit(world, submit(world), "county")
    body = client_as(world.county_info).get("/").content.decode()
    assert "2条社情民意信息待处理" in body and "1条已编辑信息待编入期刊" in body
