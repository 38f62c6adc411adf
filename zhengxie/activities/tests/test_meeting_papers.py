"""Seating plans and paperless materials: arranged by staff, seen by the meeting's participants only; and the
meeting tools in the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import meeting_selectors
from zhengxie.activities.choices import MeetingType
from zhengxie.activities.models import MeetingMaterial, Participant, Seat
from zhengxie.activities.services import seating, voting
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Sector
from zhengxie.core.tests.visibility import check_details_follow_lists

from .factories import make_activity

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plenary(world):
    members = [world.members[k] for k in ("city_member", "city_member2", "city_member3")]
    sectors = list(Sector.objects.filter(organisation=world.city).order_by("sort_order", "pk"))
    for member, sector in zip(members, [sectors[1], sectors[0], sectors[1]], strict=True):
        member.sector = sector
        member.save(update_fields=["sector"])
    return make_activity(world.city, meeting_type=MeetingType.PLENARY, members=members, is_open=True,
                         title="政协天水市第八届委员会第五次会议")


def test_seats_by_sector_and_by_list_and_each_member_sees_theirs(world, client_as, plenary):
    with pytest.raises(NotAllowed):
        seating.seating_arrange(actor=world.city_member, activity=plenary, order="sector", per_row=10)
    with pytest.raises(DomainError):
        seating.seating_arrange(actor=world.city_office, activity=plenary, order="sector", per_row=0)
    assert seating.seating_arrange(actor=world.city_office, activity=plenary, order="sector", per_row=10) == 3
    seats = list(Seat.objects.filter(activity=plenary).order_by("row", "number"))
    # a new sector starts a new row: one member of the first sector, then the two of the second
    assert [(s.row, s.number) for s in seats] == [(1, 1), (2, 1), (2, 2)]
    assert seats[0].participant.member == world.members["city_member2"]
    seating.seating_arrange(actor=world.city_office, activity=plenary.__class__.objects.get(pk=plenary.pk),
                            order="list", per_row=2)
    assert list(Seat.objects.filter(activity=plenary).order_by("row", "number").values_list("row", "number")) == [
        (1, 1), (1, 2), (2, 1)]
    mine = meeting_selectors.seat_of(world.city_member3, plenary)
    seating.seat_move(actor=world.city_office, seat=mine, row=1, number=1)
    assert meeting_selectors.seat_of(world.city_member3, plenary).row == 1
    assert Seat.objects.filter(activity=plenary, row=2, number=1).exists()  # swapped with whoever sat there
    page = client_as(world.city_member3).get(reverse("activities:seating", args=[plenary.pk])).content.decode()
    assert "zx-seat-mine" in page
    detail = client_as(world.city_member3).get(reverse("activities:detail", args=[plenary.pk])).content.decode()
    assert "zx-my-seat" in detail
    assert client_as(world.city_member3).post(reverse("activities:seating", args=[plenary.pk]), {
        "order": "list", "per_row": 5}).status_code == 403


def test_materials_are_for_the_participants_only(world, client_as, plenary):
    with pytest.raises(NotAllowed):
        seating.material_add(actor=world.city_member, activity=plenary, kind="agenda", title="议程")
    upload = SimpleUploadedFile("报告.pdf", PDF, content_type="application/pdf")
    material = seating.material_add(actor=world.city_office, activity=plenary, kind="document",
                                    title="政协天水市委员会常务委员会工作报告", text="各位委员……", uploads=[upload])
    agenda = seating.material_add(actor=world.city_office, activity=plenary, kind="agenda", title="大会议程")
    file_pk = meeting_selectors.materials_of(plenary)[0].files[0].pk
    outsider = world.users["multi"]  # a member of the city, not invited (the meeting is open to every member)
    assert client_as(outsider, world.city).get(reverse("activities:detail", args=[plenary.pk])).status_code == 200
    for name, arg in (("materials", plenary.pk), ("material_detail", material.pk), ("material_file", file_pk),
                      ("seating", plenary.pk), ("votes", plenary.pk)):
        url = reverse(f"activities:{name}", args=[arg])
        assert client_as(world.city_member).get(url).status_code == 200, name
        assert client_as(outsider, world.city).get(url).status_code in (403, 404), name
        assert client_as(world.city2_office).get(url).status_code in (403, 404), name
    check_details_follow_lists(client_as, users=[world.city_member, world.city_office, outsider, world.city_unit],
                               objects=[material, agenda], organisation=world.city,
                               visible=meeting_selectors.materials_visible_to,
                               url=lambda m: reverse("activities:material_detail", args=[m.pk]))
    client_as(world.city_office).post(reverse("activities:material_remove", args=[agenda.pk]))
    assert not MeetingMaterial.objects.filter(pk=agenda.pk).exists()


def test_the_api_votes_once_and_gives_the_seat_and_the_papers(world, client_as, plenary):
    Participant.objects.filter(activity=plenary).update(signed_in_at=timezone.now())
    motion = voting.motion_create(actor=world.city_office, activity=plenary, kind="recommendation",
                                  title="关于推进黄河流域生态保护的建议案")
    api = client_as(world.city_member)
    office = client_as(world.city_office)
    opened = office.post(f"/api/v1/activities/motions/{motion.pk}/open", {"version": motion.version},
                         content_type="application/json")
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    assert api.post(f"/api/v1/activities/motions/{motion.pk}/open", {}, content_type="application/json"
                    ).status_code == 403
    listed = api.get(f"/api/v1/activities/{plenary.pk}/motions").json()
    assert listed[0]["may_vote"] and listed[0]["counts"] is None
    answer = api.post(f"/api/v1/activities/motions/{motion.pk}/vote", {"choice": "yes"},
                      content_type="application/json")
    assert answer.status_code == 200 and answer.json()["voted"] and answer.json()["my_choice"] == "yes"
    again = api.post(f"/api/v1/activities/motions/{motion.pk}/vote", {"choice": "no"}, content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "already_voted"
    closed = office.post(f"/api/v1/activities/motions/{motion.pk}/close", {}, content_type="application/json").json()
    assert closed["result"] == "rejected" and closed["counts"] == {"yes": 1, "no": 0, "abstain": 0}
    assert api.get(f"/api/v1/activities/{plenary.pk}/my-seat").json() is None
    seating.seating_arrange(actor=world.city_office, activity=plenary, order="list", per_row=10)
    assert api.get(f"/api/v1/activities/{plenary.pk}/my-seat").json()["row"] == 1
    assert api.get(f"/api/v1/activities/{plenary.pk}/materials").json() == []
    assert client_as(world.users["multi"], world.city).get(
        f"/api/v1/activities/{plenary.pk}/materials").status_code == 403
