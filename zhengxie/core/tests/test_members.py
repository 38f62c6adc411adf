import io

import pytest
from openpyxl import Workbook, load_workbook

from zhengxie.core.models import AuditEntry, Member

from .factories import MemberFactory

pytestmark = pytest.mark.django_db

STAFF_ALLOWED = ["city_admin", "city_proposal", "city_info", "city_office", "city_committee", "city_leader"]
REFUSED = ["city_member", "city_unit", "city_unitlead", "city_partygov", "city_body", "city_informant"]


@pytest.mark.parametrize("who", STAFF_ALLOWED)
def test_staff_see_the_member_list(world, client_as, who):
    response = client_as(world.users[who]).get("/members/")
    assert response.status_code == 200
    names = {m.person.name for m in response.context["page"]}
    assert world.members["city_member"].person.name in names


@pytest.mark.parametrize("who", REFUSED)
def test_others_are_refused_the_member_list(world, client_as, who):
    assert client_as(world.users[who]).get("/members/").status_code == 403


def test_member_list_never_shows_another_organisations_members(world, client_as):
    response = client_as(world.city_office).get("/members/?status=")
    orgs = {m.organisation_id for m in response.context["page"]}
    assert orgs == {world.city.pk}
    other = world.members["county_member"]
    assert client_as(world.city_office).get(f"/members/{other.pk}/").status_code == 404


def test_member_sees_own_detail_but_not_anothers(world, client_as):
    client = client_as(world.city_member)
    assert client.get(f"/members/{world.members['city_member'].pk}/").status_code == 200
    assert client.get(f"/members/{world.members['city_member2'].pk}/").status_code == 403


def test_id_number_is_masked_except_for_administrators(world, client_as):
    seat = world.members["city_member2"]
    full = seat.person.id_number
    office_page = client_as(world.city_office).get(f"/members/{seat.pk}/").content.decode()
    assert full not in office_page
    assert full[:4] + "*" in office_page
    assert full in client_as(world.city_admin).get(f"/members/{seat.pk}/").content.decode()


def test_search_and_filter(world, client_as):
    seat = world.members["city_member2"]
    response = client_as(world.city_office).get("/members/", {"q": seat.person.name})
    assert [m.pk for m in response.context["page"]] == [seat.pk]
    htmx = client_as(world.city_office).get("/members/", {"q": seat.person.name}, HTTP_HX_REQUEST="true")
    assert "<html" not in htmx.content.decode()


def test_edit_by_general_office_is_audited(world, client_as):
    seat = world.members["city_member2"]
    old_name = seat.person.name
    client = client_as(world.city_office)
    data = {"p-name": "新名字", "p-gender": "F", "p-ethnicity": "回族", "p-phone": "13900000001", "p-affiliation": "cdl",
            "p-id_number": "", "p-work_unit": "天水一中", "p-job_title": "教师", "p-email": "", "p-birth_date": "",
            "m-sector": seat.sector_id, "m-committee": "", "m-position": "member", "m-member_number": "9",
            "m-joined_on": "", "m-note": ""}
    response = client.post(f"/members/{seat.pk}/edit/", data)
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.person.name == "新名字"
    entry = AuditEntry.objects.get(action="core.member.updated")
    assert entry.changes["name"] == [old_name, "新名字"]
    assert entry.actor == world.city_office


def test_proposal_office_cannot_edit_members(world, client_as):
    seat = world.members["city_member2"]
    assert client_as(world.city_proposal).get(f"/members/{seat.pk}/edit/").status_code == 403


def test_export_respects_filters_and_masks(world, client_as):
    response = client_as(world.city_office).get("/members/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "姓名"
    names = {r[0] for r in rows[1:]}
    assert world.members["city_member"].person.name in names
    assert world.members["county_member"].person.name not in names
    id_col = rows[0].index("身份证号")
    assert all("*" in (r[id_col] or "*") for r in rows[1:])


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "性别", "民族", "出生日期", "手机号码", "身份证号", "政治面貌", "工作单位", "职务", "界别", "专委会", "常委", "职务（政协）", "委员编号"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "members.xlsx"
    return buffer


def test_import_all_rows(world, client_as):
    before = Member.objects.filter(organisation=world.city).count()
    upload = _xlsx([
        ["李明", "男", "汉族", "1970-05-06", "13800001111", "620502197005060019", "中国民主同盟", "天水一中", "校长", "教育界", "提案委员会", "是", "委员", "101"],
        ["王芳", "女", "回族", "1980/1/2", "13800002222", "", "", "市医院", "医生", "经济界", "", "否", "", "102"],
    ])
    response = client_as(world.city_office).post("/members/import/", {"term": world.city.current_term().pk, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Member.objects.filter(organisation=world.city).count() == before + 2
    assert Member.objects.get(person__name="李明").is_standing_committee


def test_import_with_a_bad_row_imports_nothing_and_lists_errors(world, client_as):
    before = Member.objects.count()
    upload = _xlsx([
        ["李明", "男", "汉族", "1970-05-06", "13800001111", "", "", "", "", "教育界", "", "", "", ""],
        ["", "未知", "火星族", "不是日期", "123", "12345", "", "", "", "不存在的界别", "", "", "", ""],
    ])
    response = client_as(world.city_office).post("/members/import/", {"term": world.city.current_term().pk, "file": upload})
    assert response.status_code == 200
    assert Member.objects.count() == before
    errors = response.context["row_errors"]
    assert list(errors) == [3]
    text = "；".join(errors[3])
    assert "姓名为空" in text and "不是本组织的界别" in text and "手机号" in text


def test_import_refuses_a_non_excel_file(world, client_as):
    fake = io.BytesIO(b"name,gender\n")
    fake.name = "members.xlsx"
    response = client_as(world.city_office).post("/members/import/", {"term": world.city.current_term().pk, "file": fake})
    assert response.status_code == 200
    assert "不是可接受的文件" in response.content.decode()


def test_import_template_downloads(world, client_as):
    response = client_as(world.city_office).get("/members/import/template/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["姓名", "性别"]


def test_member_factory_helper_works(db):
    assert MemberFactory().term.is_current


def test_photo_upload_is_checked_and_served_to_staff_only(world, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    seat = world.members["city_member2"]
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "red").save(buffer, "PNG")
    data = {"p-name": seat.person.name, "p-gender": "M", "p-ethnicity": "汉族", "p-phone": "", "p-affiliation": "cdl",
            "p-id_number": "", "p-work_unit": "", "p-job_title": "", "p-email": "", "p-birth_date": "",
            "m-sector": seat.sector_id, "m-committee": "", "m-position": "member", "m-member_number": "",
            "m-joined_on": "", "m-note": ""}
    client = client_as(world.city_office)
    bad = client.post(f"/members/{seat.pk}/edit/", {**data, "p-photo": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")})
    assert bad.status_code == 200
    good = client.post(f"/members/{seat.pk}/edit/", {**data, "p-photo": SimpleUploadedFile("me.png", buffer.getvalue())})
    assert good.status_code == 302
    assert client.get(f"/members/{seat.pk}/photo/").status_code == 200
    assert client_as(world.city_member).get(f"/members/{seat.pk}/photo/").status_code == 403
    assert client_as(world.county_office).get(f"/members/{seat.pk}/photo/").status_code == 404
