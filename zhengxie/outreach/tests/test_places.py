"""Places: who may keep them, their rules, team and roster, ratings, photos, the list and its filters, Excel import
and export, and the QR poster."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhengxie.core.exceptions import ConcurrentChange, DomainError, NotAllowed, NotFound
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.outreach import selectors, services
from zhengxie.outreach.choices import PlaceKind, PlaceLevel, StudioBasis
from zhengxie.outreach.models import DutySlot, Place, PlaceRating

from .factories import make_place, png

pytestmark = pytest.mark.django_db

STATION = {"kind": PlaceKind.WORKSTATION, "name": "红堡镇政协委员工作站", "province": "甘肃省", "city": "天水市",
           "county": "清水县", "township": "红堡镇", "is_three_in_one": True, "council_size": 15, "has_site": True}


@pytest.mark.parametrize("who", ["city_admin", "city_office", "city_committee"])
def test_the_office_adds_places(world, who):
    place = services.place_save(actor=world.users[who], organisation=world.city,
                                data={**STATION, "lead_member": world.members["city_member"]})
    assert place.level == PlaceLevel.TOWNSHIP and place.is_three_in_one and len(place.public_code) == 10
    assert AuditEntry.objects.filter(action="outreach.place.saved", actor=world.users[who]).exists()
    assert Notification.objects.filter(code="outreach.place.lead", recipient=world.city_member).exists()


@pytest.mark.parametrize("who", ["city_member", "city_proposal", "city_leader", "city_unit", "county_office"])
def test_others_cannot_add_places(world, who):
    with pytest.raises(NotAllowed):
        services.place_save(actor=world.users[who], organisation=world.city, data=STATION)


@pytest.mark.parametrize("data,field", [
    ({**STATION, "township": ""}, "township"),
    ({**STATION, "kind": PlaceKind.ROOM, "village": ""}, "village"),
    ({**STATION, "kind": PlaceKind.STUDIO, "studio_basis": ""}, "studio_basis"),
    ({**STATION, "kind": PlaceKind.STUDIO, "studio_basis": StudioBasis.THEME, "theme": ""}, "theme"),
    ({**STATION, "kind": PlaceKind.STUDIO, "studio_basis": StudioBasis.MEMBER}, "lead_member"),
    ({**STATION, "name": " "}, "name"),
])
def test_rules_of_each_kind_of_place(world, data, field):
    with pytest.raises(DomainError) as excinfo:
        services.place_save(actor=world.city_office, organisation=world.city, data=data)
    assert field in excinfo.value.errors


def test_studio_levels_follow_the_address_and_three_in_one_is_for_stations(world):
    studio = services.place_save(actor=world.city_office, organisation=world.city, data={
        **STATION, "kind": PlaceKind.STUDIO, "name": "法律服务委员工作室", "studio_basis": StudioBasis.THEME,
        "theme": "法律服务", "township": ""})
    assert studio.level == PlaceLevel.COUNTY and not studio.is_three_in_one and studio.council_size == 0


def test_names_are_unique_and_a_lead_from_elsewhere_is_refused(world, station):
    with pytest.raises(DomainError) as excinfo:
        services.place_save(actor=world.city_office, organisation=world.city, data={**STATION, "name": station.name})
    assert "name" in excinfo.value.errors
    with pytest.raises(DomainError):
        services.place_save(actor=world.city_office, organisation=world.city,
                            data={**STATION, "lead_member": world.members["county_member"]})


def test_editing_a_place_someone_else_just_changed(world, station):
    seen = station.version
    services.place_save(actor=world.city_office, organisation=world.city, place=station, version=seen,
                        data={**STATION, "name": station.name, "opening_hours": "周一"})
    with pytest.raises(ConcurrentChange):
        services.place_save(actor=world.city_admin, organisation=world.city, place=station, version=seen,
                            data={**STATION, "name": station.name, "opening_hours": "周二"})


def test_a_place_of_another_organisation_cannot_be_edited(world, other_place):
    with pytest.raises(NotAllowed):
        services.place_save(actor=world.city_office, organisation=world.city, place=other_place, data=STATION)


def test_lead_member_sets_the_team_and_roster(world, station):
    m1, m2, m3 = (world.members[k] for k in ("city_member", "city_member2", "city_member3"))
    services.place_set_team(actor=world.city_member, place=station, members=[m2, m3])
    services.place_set_roster(actor=world.city_member, place=station, slots=[(m1, 1, "morning"), (m3, 3, "all_day")])
    assert DutySlot.objects.filter(place=station).count() == 2
    assert Notification.objects.filter(code="outreach.place.team", recipient=world.city_member3).exists()
    # a member who leaves the team leaves the roster
    services.place_set_team(actor=world.city_office, place=station, members=[m2])
    assert list(DutySlot.objects.filter(place=station).values_list("member", flat=True)) == [m1.pk]


def test_roster_only_for_the_team(world, station):
    with pytest.raises(DomainError):
        services.place_set_roster(actor=world.city_member, place=station,
                                  slots=[(world.members["city_member3"], 2, "morning")])


@pytest.mark.parametrize("who", ["city_member2", "city_member3", "city_leader", "city_unit"])
def test_others_cannot_set_the_team(world, station, who):
    with pytest.raises(NotAllowed):
        services.place_set_team(actor=world.users[who], place=station, members=[])


def test_team_members_must_be_of_this_organisation(world, station):
    with pytest.raises(DomainError):
        services.place_set_team(actor=world.city_office, place=station, members=[world.members["county_member"]])


def test_yearly_star_rating_by_the_office(world, station):
    services.place_rate(actor=world.city_office, place=station, year=2025, stars=4, comment="规范")
    services.place_rate(actor=world.city_office, place=station, year=2025, stars=5)
    assert list(PlaceRating.objects.values_list("year", "stars")) == [(2025, 5)]
    with pytest.raises(DomainError):
        services.place_rate(actor=world.city_office, place=station, year=2025, stars=6)
    with pytest.raises(DomainError):
        services.place_rate(actor=world.city_office, place=station, year=1999, stars=3)
    with pytest.raises(NotAllowed):
        services.place_rate(actor=world.city_member, place=station, year=2025, stars=5)


def test_photos_by_content(world, station):
    from zhengxie.core.files import bytes_upload

    photo = services.place_add_photo(actor=world.city_member, place=station, upload=png())
    with pytest.raises(DomainError):
        services.place_add_photo(actor=world.city_member, place=station, upload=bytes_upload(b"%PDF-1.4", "a.png"))
    with pytest.raises(NotAllowed):
        services.place_add_photo(actor=world.city_member3, place=station, upload=png())
    with pytest.raises(NotFound):
        services.place_remove_photo(actor=world.city_office, place=make_place(world.city, name="另一处"), attachment=photo)
    services.place_remove_photo(actor=world.city_member, place=station, attachment=photo)


# --- pages ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who,status", [
    ("city_office", 200), ("city_leader", 200), ("city_proposal", 200), ("city_member3", 200),
    ("city_unit", 403), ("city_partygov", 403), ("city_informant", 403),
])
def test_who_sees_the_list(client_as, world, station, who, status):
    assert client_as(world.users[who]).get(reverse("outreach:place_list")).status_code == status


def test_the_list_shows_only_this_organisation(client_as, world, station, other_place):
    response = client_as(world.city_office).get(reverse("outreach:place_list"))
    assert [p.pk for p in response.context["page"]] == [station.pk]
    assert client_as(world.city_office).get(reverse("outreach:place_detail", args=[other_place.pk])).status_code == 404


def test_filters(client_as, world, station, room):
    client = client_as(world.city_office)
    assert [p.pk for p in client.get(reverse("outreach:place_list"), {"kind": "room"}).context["page"]] == [room.pk]
    assert [p.pk for p in client.get(reverse("outreach:place_list"), {"q": "上磨"}).context["page"]] == [room.pk]
    services.place_rate(actor=world.city_office, place=station, year=2025, stars=5)
    assert [p.pk for p in client.get(reverse("outreach:place_list"), {"stars": "5"}).context["page"]] == [station.pk]
    htmx = client.get(reverse("outreach:place_list"), {"kind": "room"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and room.name in htmx


def test_the_list_does_not_grow_queries_with_rows(client_as, world, django_assert_max_num_queries):
    client = client_as(world.city_office)
    make_place(world.city, name="一", lead=world.members["city_member"])
    client.get(reverse("outreach:place_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("outreach:place_list"))
    for i in range(25):
        make_place(world.city, name=f"站{i}", lead=world.members["city_member2"], team=[world.members["city_member3"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("outreach:place_list"))


def test_place_page_for_each_role(client_as, world, station):
    url = reverse("outreach:place_detail", args=[station.pk])
    office = client_as(world.city_office).get(url)
    assert office.context["can_manage"] and office.context["can_record"]
    lead = client_as(world.city_member).get(url)
    assert lead.context["can_edit_team"] and not lead.context["can_manage"]
    other = client_as(world.city_member3).get(url)
    assert not other.context["can_edit_team"] and not other.context["can_record"]
    assert client_as(world.city_member3).get(reverse("outreach:place_team", args=[station.pk])).status_code == 403
    assert client_as(world.city_member).get(reverse("outreach:place_team", args=[station.pk])).status_code == 200
    assert client_as(world.city_member).get(reverse("outreach:place_edit", args=[station.pk])).status_code == 403


def test_the_form_keeps_what_was_typed(client_as, world):
    response = client_as(world.city_office).post(reverse("outreach:place_create"), {
        "kind": "workstation", "name": "新站", "township": "", "county": "清水县", "is_active": "on"})
    assert response.status_code == 200 and not Place.objects.exists()
    assert response.context["form"].errors["township"]
    assert 'value="新站"' in response.content.decode()


def test_rating_and_team_through_the_pages(client_as, world, station):
    office = client_as(world.city_office)
    office.post(reverse("outreach:place_rate", args=[station.pk]), {"year": 2025, "stars": 3, "comment": ""})
    assert PlaceRating.objects.get().stars == 3
    assert client_as(world.city_member).post(reverse("outreach:place_rate", args=[station.pk]),
                                             {"year": 2025, "stars": 5}).status_code == 403
    lead = client_as(world.city_member)
    lead.post(reverse("outreach:place_team", args=[station.pk]), {"team": "1", "members": [world.members["city_member3"].pk]})
    assert set(station.team.values_list("member", flat=True)) == {world.members["city_member3"].pk}
    lead.post(reverse("outreach:place_team", args=[station.pk]), {
        "roster": "1", "roster-TOTAL_FORMS": "2", "roster-INITIAL_FORMS": "0",
        "roster-0-member": world.members["city_member3"].pk, "roster-0-weekday": "2", "roster-0-period": "morning",
        "roster-1-member": "", "roster-1-weekday": "", "roster-1-period": "morning"})
    assert list(selectors.place_roster(station).values_list("weekday", "period")) == [(2, "morning")]


def test_poster_is_a_pdf_with_the_public_address(client_as, world, station):
    response = client_as(world.city_member3).get(reverse("outreach:place_poster", args=[station.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    posters = client_as(world.city_office).get(reverse("outreach:place_posters"))
    assert posters.content.startswith(b"%PDF")


def test_the_qr_code_opens_the_public_page():
    import segno

    from zhengxie.outreach.poster import QrCode

    qr = QrCode("http://127.0.0.1:8000/outreach/public/p/ABCDEFGHJK/", 100)
    assert qr.qr.designator == segno.make("http://127.0.0.1:8000/outreach/public/p/ABCDEFGHJK/", error="m").designator


# --- Excel ---------------------------------------------------------------------------------------------------------


def _xlsx(rows, headers=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or ["名称", "类型", "工作室类别", "界别", "主题", "三位一体", "议事会成员数", "省", "市",
                             "县（区）", "乡镇（街道）", "村（社区）", "详细地址", "牵头委员", "值班委员", "联系人",
                             "联系电话", "开放时间", "有场所", "有人员", "有机制", "有制度", "有设备", "建成日期"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "places.xlsx"
    return buffer


def test_export_then_import_elsewhere(client_as, world, station):
    services.place_set_team(actor=world.city_office, place=station, members=[world.members["city_member2"]])
    response = client_as(world.city_office).get(reverse("outreach:place_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and rows[1][0] == station.name
    assert world.members["city_member2"].name in rows[1]


def test_import_all_rows(client_as, world):
    m2 = world.members["city_member2"]
    upload = _xlsx([
        ["红堡镇政协委员工作站", "委员工作站", "", "", "", "是", 12, "甘肃省", "天水市", "清水县", "红堡镇", "", "镇政府院内",
         world.members["city_member"].name, f"{m2.name}、{world.members['city_member3'].name}", "王建国",
         "0938-7012345", "周一至周五", "是", "是", "是", "否", "是", "2023-05-10"],
        ["红堡镇何家湾村协商议事室", "基层协商议事室", "", "", "", "", "", "甘肃省", "天水市", "清水县", "红堡镇", "何家湾村",
         "", "", "", "", "", "", "是", "", "", "", "", "2024/3/1"],
        ["教育界别委员工作室", "委员工作室", "界别", "教育界", "", "", "", "", "天水市", "", "", "", "", "", "", "", "",
         "", "", "", "", "", "", ""],
    ])
    response = client_as(world.city_office).post(reverse("outreach:place_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    station = Place.objects.get(name="红堡镇政协委员工作站")
    assert station.is_three_in_one and station.council_size == 12 and not station.has_rules
    assert set(station.team.values_list("member", flat=True)) == {m2.pk, world.members["city_member3"].pk}
    studio = Place.objects.get(name="教育界别委员工作室")
    assert studio.sector.name == "教育界" and studio.level == PlaceLevel.CITY
    assert Place.objects.get(name="红堡镇何家湾村协商议事室").level == PlaceLevel.VILLAGE


def test_import_with_bad_rows_imports_nothing_and_lists_every_error(client_as, world, station):
    upload = _xlsx([
        ["好的议事室", "基层协商议事室", "", "", "", "", "", "", "", "清水县", "红堡镇", "何家湾村"] + [""] * 12,
        [station.name, "委员工作站", "", "", "", "", "", "", "", "", "", ""] + [""] * 12,
        ["另一站", "不知道", "", "火星界", "", "", "", "", "", "", "", "", "", "查无此人"] + [""] * 9 + ["昨天"],
    ])
    response = client_as(world.city_office).post(reverse("outreach:place_import"), {"file": upload})
    assert response.status_code == 200
    assert not Place.objects.exclude(pk=station.pk).exists()
    errors = response.context["row_errors"]
    assert list(errors) == [3, 4]
    assert "已存在" in "；".join(errors[3])
    text = "；".join(errors[4])
    assert "火星界" in text and "查无此人" in text and "类型" in text and "日期" in text


def test_import_refused_to_others_and_template_downloads(client_as, world):
    assert client_as(world.city_member).get(reverse("outreach:place_import")).status_code == 403
    response = client_as(world.city_office).get(reverse("outreach:place_import_template"))
    headers = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert headers[:2] == ["名称", "类型"]


def test_the_poster_points_to_the_address_being_served(client_as, world, station, settings, monkeypatch):
    """No fixed port: the QR code and the printed address come from the request (or SITE_URL when set)."""
    from zhengxie.outreach import poster

    encoded = []
    original = poster.QrCode.__init__
    monkeypatch.setattr(poster.QrCode, "__init__", lambda self, data, size: (encoded.append(data), original(self, data, size))[1])
    settings.SITE_URL = ""
    client = client_as(world.city_member3)
    response = client.get(reverse("outreach:place_poster", args=[station.pk]), SERVER_PORT="8123", HTTP_HOST="127.0.0.1:8123")
    assert response.status_code == 200
    assert encoded == [f"http://127.0.0.1:8123/outreach/public/p/{station.public_code}/"]
    settings.SITE_URL = "https://zx.example.gov.cn"
    client.get(reverse("outreach:place_poster", args=[station.pk]), HTTP_HOST="127.0.0.1:8123")
    assert encoded[-1] == f"https://zx.example.gov.cn/outreach/public/p/{station.public_code}/"
