"""Concern pages as each role: who sees which concern, who sees the phone number, the actions offered and taken."""

import pytest
from django.urls import reverse

from zhengxie.outreach import services
from zhengxie.outreach.choices import ConcernStatus
from zhengxie.outreach.models import Concern

from .factories import submit

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def _detail(client_as, user, concern):
    return client_as(user).get(reverse("outreach:concern_detail", args=[concern.pk]))


def _at_unit(world, station):
    concern, _code = submit(world.city, place=station)
    concern = services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"])
    return services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0)


@pytest.mark.parametrize("who,status,unmasked", [
    ("city_member2", 200, True),   # handling it
    ("city_unit", 200, True),      # the unit it was passed to
    ("city_unitlead", 200, True),
    ("city_member", 200, False),   # lead member of the place: sees it, not the number
    ("city_office", 200, False),   # the office routes, it does not call
    ("city_leader", 200, False),
    ("city_proposal", 200, False),
    ("city_member3", 403, None),   # another member
    ("city_unit2", 403, None),     # another unit
    ("city_partygov", 403, None),
    ("county_office", 404, None),  # another organisation
])
def test_who_sees_a_concern_and_its_phone_number(client_as, world, station, who, status, unmasked):
    concern = _at_unit(world, station)
    response = _detail(client_as, world.users[who], concern)
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert (PHONE in page) is unmasked
        assert "139****5678" in page or unmasked


def test_lists_are_scoped(client_as, world, station, other_place):
    concern = _at_unit(world, station)
    submit(world.county, place=other_place)
    for who, expected in [("city_office", [concern.pk]), ("city_unit", [concern.pk]), ("city_member2", [concern.pk]),
                          ("city_member3", []), ("city_unit2", [])]:
        page = client_as(world.users[who]).get(reverse("outreach:concern_list")).context["page"]
        assert [c.pk for c in page] == expected, who
    assert client_as(world.city_informant).get(reverse("outreach:concern_list")).status_code == 403


def test_lists_mask_phone_numbers_even_for_handlers(client_as, world, station):
    _at_unit(world, station)
    page = client_as(world.city_member2).get(reverse("outreach:concern_list")).content.decode()
    assert PHONE not in page


def test_the_list_does_not_grow_queries_with_rows(client_as, world, station, django_assert_max_num_queries):
    client = client_as(world.city_office)
    _at_unit(world, station)
    client.get(reverse("outreach:concern_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("outreach:concern_list"))
    for _ in range(20):
        _at_unit(world, station)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("outreach:concern_list"))


def test_actions_offered_to_each_role(client_as, world, station):
    concern, _code = submit(world.city, place=station)
    offered = lambda who: set(_detail(client_as, world.users[who], concern).context["forms"])  # noqa: E731
    assert {"assign", "route", "decline"} <= offered("city_office")
    assert {"take_up", "assign", "route", "decline"} <= offered("city_member")  # the lead member
    assert offered("city_member2") == {"take_up"}  # on duty there
    assert offered("city_leader") == set()
    concern = _at_unit(world, station)
    assert offered("city_unit") >= {"unit_reply", "unit_return", "note"}
    assert "close" in offered("city_member2") and "unit_reply" not in offered("city_member2")


def test_taking_up_and_closing_through_the_pages(client_as, world, station):
    concern, _code = submit(world.city, place=station)
    member = client_as(world.city_member2)
    url = lambda action: reverse("outreach:concern_action", args=[concern.pk, action])  # noqa: E731
    assert member.post(url("take_up"), {"version": concern.version}).status_code == 302
    concern.refresh_from_db()
    assert concern.assigned_member == world.members["city_member2"]
    # an empty result: the form comes back with its error, nothing changes
    response = member.post(url("close"), {"version": concern.version, "result": ""})
    assert response.status_code == 400 and response.context["forms"]["close"].errors
    assert member.post(url("close"), {"version": concern.version, "result": "已协调解决"}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED


def test_a_stale_form_is_refused_with_a_clear_message(client_as, world, station):
    concern, _code = submit(world.city, place=station)
    stale = concern.version
    services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"])
    response = client_as(world.city_office).post(reverse("outreach:concern_action", args=[concern.pk, "route"]),
                                                 {"version": stale, "place": station.pk}, follow=True)
    assert "刚刚被他人修改" in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.HANDLING


def test_actions_refused_to_others(client_as, world, station):
    concern, _code = submit(world.city, place=station)
    for who, action, data in [("city_member3", "take_up", {}), ("city_leader", "route", {"place": station.pk}),
                              ("city_unit", "close", {"result": "x"})]:
        response = client_as(world.users[who]).post(reverse("outreach:concern_action", args=[concern.pk, action]), data)
        assert response.status_code == 403, who
    assert Concern.objects.get().status == ConcernStatus.SUBMITTED


def test_unit_answers_and_then_is_sent_back_to_the_list_if_it_returned_it(client_as, world, station):
    concern = _at_unit(world, station)
    unit = client_as(world.city_unit)
    response = unit.post(reverse("outreach:concern_action", args=[concern.pk, "unit_return"]),
                         {"version": concern.version, "text": "不属于本局职责"})
    assert response.status_code == 302 and response.url == reverse("outreach:concern_list")


def test_registering_shows_the_code_once(client_as, world, station):
    response = client_as(world.city_member2).post(reverse("outreach:concern_register"), {
        "name": "李大爷", "phone": "0938-7654321", "place": station.pk, "category": "养老服务",
        "description": "希望村里建日间照料中心。", "handle_myself": "on"})
    assert response.status_code == 200
    code = response.context["code"]
    concern = Concern.objects.get()
    assert concern.code_hint == code.replace("-", "")[-4:] and concern.status == ConcernStatus.HANDLING
    detail = _detail(client_as, world.city_member2, concern).content.decode()
    assert code not in detail


def test_reissuing_a_code(client_as, world, station):
    concern, old = submit(world.city, place=station)
    services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"])
    response = client_as(world.city_member2).post(reverse("outreach:concern_action", args=[concern.pk, "reissue_code"]))
    new = response.context["code"].replace("-", "")
    assert new != old and Concern.objects.get().code_hint == new[-4:]


def test_workbench_to_do_items_for_each_role(client_as, world, station):
    import datetime as dt

    from django.utils import timezone

    submit(world.city)  # no place: for the office to route
    submit(world.city, place=station)  # waits at the place
    overdue = _at_unit(world, station)
    Concern.objects.filter(pk=overdue.pk).update(unit_due_on=timezone.localdate() - dt.timedelta(days=1))
    labels = lambda who: [str(t.label) for t in client_as(world.users[who]).get("/").context["todos"]]  # noqa: E731
    assert "1 件群众诉求待分办" in labels("city_office") and "1 件群众诉求在承办单位超期" in labels("city_office")
    assert "您的阵地有 1 件新的群众诉求待受理" in labels("city_member")
    assert "1 件群众诉求待答复" in labels("city_unit")
    assert labels("city_unit2") == [] and labels("city_member3") == []


def test_a_new_concern_reads_registered_not_taken_up_and_the_list_dates_it_as_registered(client_as, world, station):
    concern, _code = submit(world.city, place=station)
    page = _detail(client_as, world.city_office, concern).content.decode()
    assert "待受理" in page and "已受理" not in page and "已登记" in page
    listing = client_as(world.city_office).get(reverse("outreach:concern_list")).content.decode()
    assert "登记时间" in listing and "已受理" not in listing


def test_the_places_filter_reads_status_in_use_not_running(client_as, world, station):
    page = client_as(world.city_office).get(reverse("outreach:place_list")).content.decode()
    assert "运行中" not in page and "在用" in page
