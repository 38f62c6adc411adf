"""The workflow of constituents' concerns through its services: every step allowed and refused (wrong state,
wrong person, wrong organisation), the duty ledger, notifications, history and the tracking code."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.outreach import selectors, services
from zhengxie.outreach.choices import ConcernSource, ConcernStatus, FeedbackChannel
from zhengxie.outreach.models import Concern

from .factories import concern_data, submit

pytestmark = pytest.mark.django_db


def test_public_submission_waits_at_its_place_and_tells_its_members(world, station):
    concern, code = submit(world.city, place=station)
    assert concern.status == ConcernStatus.SUBMITTED and concern.source == ConcernSource.PUBLIC
    assert len(code) == 12 and concern.code_hint == code[-4:]
    assert code not in str(Concern.objects.filter(pk=concern.pk).values().first())  # only a digest is kept
    assert selectors.concern_by_code(code) == concern
    assert selectors.concern_by_code(f"{code[:4]}-{code[4:8]} {code[8:].lower()}") == concern
    told = set(Notification.objects.filter(code="outreach.concern.new").values_list("recipient__username", flat=True))
    assert told == {"city_member", "city_member2"}
    assert AuditEntry.objects.filter(action="outreach.concern.submitted").exists()


def test_a_concern_without_a_place_goes_to_the_office(world):
    submit(world.city)
    told = set(Notification.objects.filter(code="outreach.concern.new").values_list("recipient__username", flat=True))
    assert told == {"city_office"}


@pytest.mark.parametrize("field,value", [
    ("name", ""), ("name", "名" * 41), ("phone", "12345"), ("phone", "<script>"), ("category", "不存在的类别"),
    ("description", "短"), ("description", "长" * 1001),
])
def test_bad_content_is_refused_field_by_field(world, field, value):
    with pytest.raises(DomainError) as excinfo:
        submit(world.city, **{field: value})
    assert field in excinfo.value.errors
    assert not Concern.objects.exists()


def test_a_place_of_another_organisation_cannot_be_named(world, other_place):
    with pytest.raises(DomainError) as excinfo:
        submit(world.city, place=other_place)
    assert "place" in excinfo.value.errors


def test_control_and_bidi_characters_are_removed(world):
    concern, _code = submit(world.city, name="王\u202e秀\x00兰", description="路坏了\u200b很久\r\n请修一修")
    assert concern.submitter_name == "王秀兰"
    assert concern.description == "路坏了很久\n请修一修"


def test_member_registers_and_handles_it_himself(world, station):
    concern, code = services.concern_register(actor=world.city_member2, organisation=world.city,
                                              data=concern_data(place=station), handle_myself=True)
    assert concern.status == ConcernStatus.HANDLING
    assert concern.assigned_member == world.members["city_member2"]
    assert concern.source == ConcernSource.MEMBER and concern.registered_by == world.city_member2
    assert not Notification.objects.filter(code="outreach.concern.new").exists()


@pytest.mark.parametrize("who", ["city_unit", "city_partygov", "city_informant", "county_office"])
def test_only_members_and_the_office_register(world, who):
    with pytest.raises(NotAllowed):
        services.concern_register(actor=world.users[who], organisation=world.city, data=concern_data())


def test_office_registers_with_source_office(world):
    concern, _code = services.concern_register(actor=world.city_office, organisation=world.city, data=concern_data())
    assert concern.source == ConcernSource.OFFICE and concern.status == ConcernStatus.SUBMITTED


def test_the_whole_journey(world, station):
    concern, code = submit(world.city, place=station)
    # a member on duty takes it up himself
    concern = services.concern_assign(actor=world.city_member2, concern=concern, member=world.members["city_member2"])
    assert concern.status == ConcernStatus.HANDLING
    concern = services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0,
                                            comment="请尽快维修")
    assert concern.status == ConcernStatus.AT_UNIT
    assert concern.unit_due_on > timezone.localdate()
    unit_users = set(Notification.objects.filter(code="outreach.concern.at_unit").values_list("recipient__username", flat=True))
    assert unit_users == {"city_unit", "city_unitlead"}
    services.concern_add_note(actor=world.city_unit, concern=concern, text="已派人查看", is_public=True)
    concern = services.concern_unit_reply(actor=world.city_unit, concern=concern, answer="已列入本月维修计划")
    assert concern.status == ConcernStatus.HANDLING and concern.handling_unit == world.city_unit0
    concern = services.concern_close(actor=world.city_member2, concern=concern, result="道路已修复")
    assert concern.status == ConcernStatus.CLOSED and concern.closed_at
    event = DutyEvent.objects.get(kind=DutyEventKind.CONCERN_HANDLED)
    assert event.member == world.members["city_member2"] and event.retracted_at is None
    concern = services.concern_feedback(concern=concern, satisfied=True, comment="谢谢")
    assert concern.satisfied is True and concern.feedback_channel == FeedbackChannel.ONLINE
    actions = list(concern.events.values_list("action", flat=True))
    assert actions == ["submit", "assign", "pass_to_unit", "note", "unit_reply", "close", "feedback"]
    public = [e.action for e in selectors.public_history(concern)]
    assert "unit_reply" not in public and "note" in public


def test_lead_member_routes_and_assigns_within_the_team(world, station):
    concern, _code = submit(world.city, place=station)
    with pytest.raises(NotAllowed):  # city_member3 is not on the team
        services.concern_assign(actor=world.city_member, concern=concern, member=world.members["city_member3"])
    concern = services.concern_assign(actor=world.city_member, concern=concern, member=world.members["city_member2"])
    assert Notification.objects.filter(code="outreach.concern.assigned", recipient=world.city_member2).exists()


def test_a_member_not_on_the_team_cannot_take_it_up(world, station):
    concern, _code = submit(world.city, place=station)
    with pytest.raises(NotAllowed):
        services.concern_assign(actor=world.city_member3, concern=concern, member=world.members["city_member3"])
    with pytest.raises(NotAllowed):  # a member on duty may take it himself, not give it to another
        services.concern_assign(actor=world.city_member2, concern=concern, member=world.members["city_member"])


def test_office_routes_to_a_place_and_assigns_anyone(world, station, room):
    concern, _code = submit(world.city)
    concern = services.concern_route(actor=world.city_office, concern=concern, place=room)
    assert concern.place == room and concern.status == ConcernStatus.SUBMITTED
    concern = services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member3"])
    assert concern.status == ConcernStatus.HANDLING
    concern = services.concern_route(actor=world.city_office, concern=concern, place=station)
    assert concern.assigned_member is None and concern.status == ConcernStatus.SUBMITTED


@pytest.mark.parametrize("who", ["city_proposal", "city_leader", "city_unit", "city_member2", "county_office"])
def test_others_cannot_route(world, station, room, who):
    concern, _code = submit(world.city, place=station)
    with pytest.raises(NotAllowed):
        services.concern_route(actor=world.users[who], concern=concern, place=room)


def test_office_cannot_route_to_another_organisations_place(world, other_place):
    concern, _code = submit(world.city)
    with pytest.raises(DomainError):
        services.concern_route(actor=world.city_office, concern=concern, place=other_place)


def test_assign_to_a_member_of_another_organisation_is_refused(world):
    concern, _code = submit(world.city)
    with pytest.raises(NotAllowed):
        services.concern_assign(actor=world.city_office, concern=concern, member=world.members["county_member"])


def _handling(world, station):
    concern, code = submit(world.city, place=station)
    return services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member2"]), code


def test_only_the_member_handling_it_or_the_office_pass_it_on(world, station):
    concern, _code = _handling(world, station)
    for who in ("city_member", "city_member3", "city_unit", "city_leader"):
        with pytest.raises(NotAllowed):
            services.concern_pass_to_unit(actor=world.users[who], concern=concern, unit=world.city_unit0)
    with pytest.raises(DomainError):  # a unit of another organisation
        services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.county_unit0)
    with pytest.raises(DomainError):  # a due date in the past
        services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0,
                                      due_on=timezone.localdate() - dt.timedelta(days=1))


def test_only_the_units_users_answer(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0)
    for who in ("city_unit2", "city_member2", "city_office", "county_unit"):
        with pytest.raises(NotAllowed):
            services.concern_unit_reply(actor=world.users[who], concern=concern, answer="答复")
    with pytest.raises(DomainError):  # an empty answer
        services.concern_unit_reply(actor=world.city_unitlead, concern=concern, answer="  ")


def test_a_unit_returns_what_is_not_its_business_and_loses_it(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0)
    concern = services.concern_unit_return(actor=world.city_unit, concern=concern, reason="不属于本单位职责")
    assert concern.status == ConcernStatus.HANDLING and concern.handling_unit is None
    assert not selectors.concerns_visible_to(world.city_unit, world.city).filter(pk=concern.pk).exists()
    assert Notification.objects.filter(code="outreach.concern.unit_return", recipient=world.city_member2).exists()


@pytest.mark.parametrize("state,action", [
    ("submitted", "close"), ("submitted", "pass_to_unit"), ("handling", "unit_reply"), ("closed", "close"),
    ("closed", "assign"), ("closed", "decline"), ("handling", "feedback"), ("declined", "close"),
])
def test_wrong_state_is_refused(world, station, state, action):
    concern, _code = submit(world.city, place=station)
    Concern.objects.filter(pk=concern.pk).update(status=state, assigned_member=world.members["city_member2"],
                                                 handling_unit=world.city_unit0, closed_at=timezone.now())
    concern.refresh_from_db()
    calls = {
        "close": lambda: services.concern_close(actor=world.city_office, concern=concern, result="结果"),
        "pass_to_unit": lambda: services.concern_pass_to_unit(actor=world.city_office, concern=concern, unit=world.city_unit0),
        "unit_reply": lambda: services.concern_unit_reply(actor=world.city_unit, concern=concern, answer="答复"),
        "assign": lambda: services.concern_assign(actor=world.city_office, concern=concern, member=world.members["city_member"]),
        "decline": lambda: services.concern_decline(actor=world.city_office, concern=concern, reason="理由"),
        "feedback": lambda: services.concern_feedback(concern=concern, satisfied=True),
    }
    with pytest.raises(InvalidTransition):
        calls[action]()


def test_someone_else_changed_it_first(world, station):
    concern, _code = _handling(world, station)
    seen = concern.version
    services.concern_add_note(actor=world.city_member2, concern=concern, text="已电话联系")  # a note changes nothing
    services.concern_pass_to_unit(actor=world.city_office, concern=concern, unit=world.city_unit0, version=seen)
    with pytest.raises(ConcurrentChange):
        services.concern_close(actor=world.city_member2, concern=concern, result="已解决", version=seen)


def test_the_right_before_the_version(world, station):
    """Someone who may not close the concern is refused, not told it changed."""
    concern, _code = _handling(world, station)
    with pytest.raises(NotAllowed):
        services.concern_close(actor=world.city_unit, concern=concern, result="已解决", version=concern.version - 1)
    with pytest.raises(ConcurrentChange):
        services.concern_close(actor=world.city_member2, concern=concern, result="已解决", version=concern.version - 1)


def test_feedback_once_within_the_time_limit(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_close(actor=world.city_member2, concern=concern, result="已解决")
    services.concern_feedback(concern=concern, satisfied=False, comment="路还是坏的")
    told = set(Notification.objects.filter(code="outreach.concern.unsatisfied").values_list("recipient__username", flat=True))
    assert told == {"city_member2", "city_office"}
    with pytest.raises(DomainError) as excinfo:
        services.concern_feedback(concern=concern, satisfied=True)
    assert excinfo.value.code == "feedback_given"


def test_feedback_too_late(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_close(actor=world.city_member2, concern=concern, result="已解决")
    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))
    with pytest.raises(DomainError) as excinfo:
        services.concern_feedback(concern=concern, satisfied=True)
    assert excinfo.value.code == "feedback_late"


def test_feedback_on_behalf_by_the_handler_only(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_close(actor=world.city_member2, concern=concern, result="已解决")
    with pytest.raises(NotAllowed):
        services.concern_feedback(actor=world.city_member3, concern=concern, satisfied=True)
    concern = services.concern_feedback(actor=world.city_member2, concern=concern, satisfied=True)
    assert concern.feedback_channel == FeedbackChannel.ON_BEHALF


def test_reopen_retracts_the_duty_event_and_closing_again_revives_it(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_close(actor=world.city_member2, concern=concern, result="已解决")
    concern = services.concern_feedback(concern=concern, satisfied=False)
    with pytest.raises(NotAllowed):
        services.concern_reopen(actor=world.city_member2, concern=concern, member=world.members["city_member2"],
                                reason="群众不满意")
    concern = services.concern_reopen(actor=world.city_office, concern=concern, member=world.members["city_member"],
                                      reason="群众不满意")
    assert concern.status == ConcernStatus.HANDLING and concern.satisfied is None and concern.result == ""
    assert DutyEvent.objects.live().filter(kind=DutyEventKind.CONCERN_HANDLED).count() == 0
    concern = services.concern_close(actor=world.city_member, concern=concern, result="已彻底修好")
    assert set(DutyEvent.objects.live().values_list("member__person__name", flat=True)) == {world.members["city_member"].name}
    services.concern_feedback(concern=concern, satisfied=True)


def test_decline_by_the_lead_member_with_a_reason(world, station):
    concern, _code = submit(world.city, place=station)
    with pytest.raises(DomainError):
        services.concern_decline(actor=world.city_member, concern=concern, reason=" ")
    with pytest.raises(NotAllowed):
        services.concern_decline(actor=world.city_member3, concern=concern, reason="与本站无关")
    concern = services.concern_decline(actor=world.city_member, concern=concern, reason="已进入司法程序")
    assert concern.status == ConcernStatus.DECLINED and concern.result == "已进入司法程序"
    assert not DutyEvent.objects.exists()


def test_a_new_code_replaces_the_old_one(world, station):
    concern, old = _handling(world, station)
    with pytest.raises(NotAllowed):
        services.concern_reissue_code(actor=world.city_member3, concern=concern)
    new = services.concern_reissue_code(actor=world.city_member2, concern=concern)
    assert new != old
    assert selectors.concern_by_code(old) is None
    assert selectors.concern_by_code(new) == concern


def test_notes_by_the_unit_only_while_it_has_it(world, station):
    concern, _code = _handling(world, station)
    with pytest.raises(NotAllowed):
        services.concern_add_note(actor=world.city_unit, concern=concern, text="说明")
    with pytest.raises(NotAllowed):
        services.concern_add_note(actor=world.city_member3, concern=concern, text="说明")


def test_overdue_reminders_once_a_day(world, station):
    concern, _code = _handling(world, station)
    concern = services.concern_pass_to_unit(actor=world.city_member2, concern=concern, unit=world.city_unit0)
    Concern.objects.filter(pk=concern.pk).update(unit_due_on=timezone.localdate() - dt.timedelta(days=2))
    from zhengxie.outreach.tasks import remind_overdue_concerns

    assert remind_overdue_concerns.call() == 1
    assert remind_overdue_concerns.call() == 0
    told = set(Notification.objects.filter(code="outreach.concern.overdue").values_list("recipient__username", flat=True))
    assert told == {"city_unit", "city_unitlead", "city_member2"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert services.concern_remind_overdue(today=tomorrow) == 1


def test_management_command_runs_the_reminders(world, station):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("outreach_reminders", stdout=out)
    assert "0 overdue" in out.getvalue()
