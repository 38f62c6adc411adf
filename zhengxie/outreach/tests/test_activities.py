"""Activities at places: planned, recorded as held, corrected, cancelled; the members' duty ledger follows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.outreach import services
from zhengxie.outreach.choices import ActivityStatus
from zhengxie.outreach.models import OutreachActivity

from .factories import make_place

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _data(**overrides):
    return {"kind": "talk", "topic": "宣讲党的二十届三中全会精神", "held_on": TODAY, "constituents_count": 40,
            "outcome": "群众反响良好", **overrides}


def _live(kind=DutyEventKind.OUTREACH_ACTIVITY):
    return {(e.member.person.name, e.attributes.get("activity_type")) for e in DutyEvent.objects.live().filter(kind=kind)
            .select_related("member__person")}


def test_a_held_activity_goes_into_each_participants_duty_record(world, station):
    m1, m2 = world.members["city_member"], world.members["city_member2"]
    activity = services.activity_create(actor=world.city_member, place=station, data=_data(kind="consultation"),
                                        participants=[m1, m2], held=True)
    assert activity.status == ActivityStatus.HELD
    assert _live() == {(m1.name, "consultation"), (m2.name, "consultation")}
    event = DutyEvent.objects.get(member=m2)
    assert event.year == TODAY.year and event.organisation == world.city
    # the others are told; the one who recorded it is not
    assert set(Notification.objects.filter(code="outreach.activity.participant").values_list(
        "recipient__username", flat=True)) == {"city_member2"}


def test_planned_then_recorded(world, station):
    m1, m2, m3 = (world.members[k] for k in ("city_member", "city_member2", "city_member3"))
    activity = services.activity_create(actor=world.city_office, place=station, participants=[m1, m2],
                                        data=_data(held_on=TODAY + dt.timedelta(days=7)))
    assert activity.status == ActivityStatus.PLANNED and not DutyEvent.objects.exists()
    with pytest.raises(DomainError):  # it cannot have been held in the future
        services.activity_record(actor=world.city_member, activity=activity, outcome="", constituents_count=3,
                                 participants=[m1])
    OutreachActivity.objects.filter(pk=activity.pk).update(held_on=TODAY)
    activity.refresh_from_db()
    activity = services.activity_record(actor=world.city_member, activity=activity, outcome="达成共识",
                                        constituents_count=25, participants=[m1, m3])
    assert activity.status == ActivityStatus.HELD and activity.constituents_count == 25
    assert _live() == {(m1.name, "talk"), (m3.name, "talk")}
    with pytest.raises(InvalidTransition):
        services.activity_record(actor=world.city_member, activity=activity, outcome="", constituents_count=1,
                                 participants=[m1])


def test_correcting_the_participants_keeps_the_ledger_in_step(world, station):
    m1, m2, m3 = (world.members[k] for k in ("city_member", "city_member2", "city_member3"))
    activity = services.activity_create(actor=world.city_member, place=station, data=_data(), participants=[m1, m2],
                                        held=True)
    activity = services.activity_update(actor=world.city_member, activity=activity, data=_data(kind="visit"),
                                        participants=[m1, m3], version=activity.version)
    assert _live() == {(m1.name, "visit"), (m3.name, "visit")}
    assert DutyEvent.objects.get(member=m2).retracted_at is not None


def test_cancelling_a_held_record_is_for_the_office_and_retracts(world, station):
    m1 = world.members["city_member"]
    activity = services.activity_create(actor=world.city_member, place=station, data=_data(), participants=[m1], held=True)
    with pytest.raises(NotAllowed, match="Only the office|只有"):
        services.activity_cancel(actor=world.city_member, activity=activity, reason="登记错了")
    # The right is checked before the version: with a stale version the member is still told it is the office's.
    with pytest.raises(NotAllowed):
        services.activity_cancel(actor=world.city_member, activity=activity, reason="登记错了",
                                 version=activity.version - 1)
    activity = services.activity_cancel(actor=world.city_office, activity=activity, reason="重复登记")
    assert activity.status == ActivityStatus.CANCELLED and _live() == set()
    with pytest.raises(InvalidTransition):
        services.activity_update(actor=world.city_office, activity=activity, data=_data(), participants=[m1])


def test_cancelling_a_plan_tells_the_members(world, station):
    m2 = world.members["city_member2"]
    activity = services.activity_create(actor=world.city_member, place=station, participants=[m2],
                                        data=_data(held_on=TODAY + dt.timedelta(days=3)))
    services.activity_cancel(actor=world.city_member, activity=activity, reason="天气原因")
    assert Notification.objects.filter(code="outreach.activity.cancelled", recipient=world.city_member2).exists()


@pytest.mark.parametrize("who", ["city_member3", "city_leader", "city_unit", "county_office", "county_member"])
def test_only_the_office_and_the_places_members_record_there(world, station, who):
    with pytest.raises(NotAllowed):
        services.activity_create(actor=world.users[who], place=station, data=_data(), participants=[], held=False)


def test_participants_from_another_organisation_are_refused(world, station):
    with pytest.raises(DomainError) as excinfo:
        services.activity_create(actor=world.city_office, place=station, data=_data(),
                                 participants=[world.members["county_member"]], held=True)
    assert "participants" in excinfo.value.errors


def test_a_held_activity_needs_its_members_and_a_topic(world, station):
    with pytest.raises(DomainError) as excinfo:
        services.activity_create(actor=world.city_office, place=station, data=_data(topic=" "), participants=[], held=True)
    assert {"participants", "topic"} <= set(excinfo.value.errors)


def test_a_closed_place_takes_no_activity(world, station):
    station.is_active = False
    station.save(update_fields=["is_active"])
    with pytest.raises(DomainError):
        services.activity_create(actor=world.city_office, place=station, data=_data(), participants=[])


def test_someone_else_corrected_it_first(world, station):
    m1 = world.members["city_member"]
    activity = services.activity_create(actor=world.city_member, place=station, data=_data(), participants=[m1], held=True)
    seen = activity.version
    services.activity_update(actor=world.city_office, activity=activity, data=_data(topic="新主题"), participants=[m1],
                             version=seen)
    with pytest.raises(ConcurrentChange):
        services.activity_update(actor=world.city_member, activity=activity, data=_data(), participants=[m1], version=seen)


# --- pages ----------------------------------------------------------------------------------------------------------


def test_members_see_their_activities_and_staff_all(client_as, world, station):
    other = make_place(world.city, name="另一个站", lead=world.members["city_member3"])
    mine = services.activity_create(actor=world.city_member, place=station, data=_data(),
                                    participants=[world.members["city_member"]], held=True)
    theirs = services.activity_create(actor=world.city_member3, place=other, data=_data(topic="走访"),
                                      participants=[world.members["city_member3"]], held=True)
    as_member = client_as(world.city_member).get(reverse("outreach:activity_list"))
    assert [a.pk for a in as_member.context["page"]] == [mine.pk]
    assert client_as(world.city_member).get(reverse("outreach:activity_detail", args=[theirs.pk])).status_code == 403
    as_office = client_as(world.city_office).get(reverse("outreach:activity_list"))
    assert {a.pk for a in as_office.context["page"]} == {mine.pk, theirs.pk}
    assert client_as(world.county_office).get(reverse("outreach:activity_detail", args=[mine.pk])).status_code == 404
    assert client_as(world.city_unit).get(reverse("outreach:activity_list")).status_code == 403


def test_recording_through_the_pages(client_as, world, station):
    client = client_as(world.city_member2)
    form = client.get(reverse("outreach:activity_create") + f"?place={station.pk}")
    assert form.context["form"].initial["place"] == station.pk
    assert list(form.context["form"].fields["place"].queryset) == [station]  # only his places
    response = client.post(reverse("outreach:activity_create"), {
        "place": station.pk, "kind": "reception", "topic": "委员接待日", "held_on": TODAY.isoformat(),
        "participants": [world.members["city_member2"].pk], "constituents_count": 12, "outcome": "登记问题 3 件",
        "held": "on"})
    activity = OutreachActivity.objects.get()
    assert response.status_code == 302 and activity.status == ActivityStatus.HELD
    assert _live() == {(world.members["city_member2"].name, "reception")}


def test_the_list_does_not_grow_queries_with_rows(client_as, world, station, django_assert_max_num_queries):
    client = client_as(world.city_office)
    members = [world.members["city_member"], world.members["city_member2"]]
    services.activity_create(actor=world.city_office, place=station, data=_data(), participants=members, held=True)
    client.get(reverse("outreach:activity_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("outreach:activity_list"))
    for i in range(20):
        services.activity_create(actor=world.city_office, place=station, data=_data(topic=f"第{i}次"),
                                 participants=members, held=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("outreach:activity_list"))


def test_export(client_as, world, station):
    import io

    from openpyxl import load_workbook

    services.activity_create(actor=world.city_office, place=station, data=_data(topic="=SUM(A1)"),
                             participants=[world.members["city_member"]], held=True)
    response = client_as(world.city_office).get(reverse("outreach:activity_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("日期", "类型", "主题") and rows[1][2] == "'=SUM(A1)"
