"""The activity workflow through its services: notice, answers, leave, sign-in, closing, cancelling."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from zhengxie.activities import tokens
from zhengxie.activities.choices import ActivityStatus, ActivityType, Outcome, Response, SignInMethod
from zhengxie.activities.models import Activity, Participant
from zhengxie.activities.services import activities as services
from zhengxie.activities.services import participation
from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

from .factories import make_activity, participant

pytestmark = pytest.mark.django_db


def live_kinds(member, activity=None):
    qs = DutyEvent.objects.live().filter(member=member)
    if activity is not None:
        qs = qs.filter(source_id=str(activity.pk))
    return sorted(qs.values_list("kind", flat=True))


def test_create_fills_the_sign_in_window_from_the_setting(world):
    starts = timezone.now() + dt.timedelta(days=2)
    activity = services.activity_create(actor=world.city_office, organisation=world.city, data={
        "type": ActivityType.MEETING, "meeting_type": "plenary", "title": "全体会议", "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=3)})
    assert activity.status == ActivityStatus.DRAFT
    assert activity.signin_opens_at == starts - dt.timedelta(minutes=60)
    assert activity.signin_closes_at == activity.ends_at
    assert activity.history.filter(action="create").exists()


def test_create_refuses_bad_input_and_other_roles(world):
    starts = timezone.now()
    with pytest.raises(DomainError) as exc:
        services.activity_create(actor=world.city_office, organisation=world.city, data={
            "type": ActivityType.MEETING, "title": "x", "starts_at": starts, "ends_at": starts})
    assert {"meeting_type", "ends_at"} <= set(exc.value.errors)
    for user in (world.city_member, world.city_unit, world.city2_office):
        with pytest.raises(NotAllowed):
            services.activity_create(actor=user, organisation=world.city, data={})


def test_publish_sends_the_notice_to_each_participant(world, django_capture_on_commit_callbacks):
    activity = make_activity(world.city, status=ActivityStatus.DRAFT, members=[world.members["city_member"], world.members["city_member2"]],
                             created_by=world.city_office)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_publish(actor=world.city_office, activity=activity)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    notices = Notification.objects.filter(code="activities.activity.notice")
    assert set(notices.values_list("recipient__username", flat=True)) == {"city_member", "city_member2"}
    assert len(mail.outbox) == 2
    assert not Participant.objects.filter(activity=activity, notified_at__isnull=True).exists()
    with pytest.raises(InvalidTransition):
        services.activity_publish(actor=world.city_office, activity=activity)


def test_publish_needs_participants_unless_open(world):
    activity = make_activity(world.city, status=ActivityStatus.DRAFT)
    with pytest.raises(DomainError):
        services.activity_publish(actor=world.city_office, activity=activity)
    Activity.objects.filter(pk=activity.pk).update(is_open=True)
    activity.refresh_from_db()
    services.activity_publish(actor=world.city_office, activity=activity)


def test_member_asks_for_leave_and_staff_of_that_organisation_decide(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], created_by=world.city_office)
    p = participant(activity, world.members["city_member"])
    with pytest.raises(DomainError):
        participation.participant_respond(actor=world.city_member, participant=p, answer="leave", reason="")
    with pytest.raises(NotAllowed):  # someone else answering for the member
        participation.participant_respond(actor=world.city_member2, participant=p, answer="leave", reason="出差")
    participation.participant_respond(actor=world.city_member, participant=p, answer="leave", reason="赴省外出差")
    p.refresh_from_db()
    assert p.response == Response.LEAVE_REQUESTED
    assert Notification.objects.filter(recipient=world.city_office, code="activities.leave.requested").exists()
    for outsider in (world.city2_office, world.county_office, world.province_office, world.city_member2, world.city_unit):
        with pytest.raises(NotAllowed):
            participation.participant_decide_leave(actor=outsider, participant=p, approve=True)
    with pytest.raises(DomainError):  # refusing needs a reason
        participation.participant_decide_leave(actor=world.city_office, participant=p, approve=False)
    participation.participant_decide_leave(actor=world.city_committee, participant=p, approve=True, comment="同意")
    p.refresh_from_db()
    assert p.response == Response.LEAVE_APPROVED and p.leave_decided_by == world.city_committee
    assert Notification.objects.filter(recipient=world.city_member, code="activities.leave.approved").exists()
    with pytest.raises(InvalidTransition):
        participation.participant_decide_leave(actor=world.city_office, participant=p, approve=False, comment="x")
    assert list(p.history.values_list("action", flat=True)) == ["request_leave", "approve_leave"]


def test_decline_only_when_attendance_is_optional(world):
    mandatory = make_activity(world.city, members=[world.members["city_member"]])
    with pytest.raises(DomainError):
        participation.participant_respond(actor=world.city_member, participant=participant(mandatory, world.members["city_member"]),
                                          answer="decline")
    optional = make_activity(world.city, members=[world.members["city_member"]], attendance_required=False)
    p = participation.participant_respond(actor=world.city_member, participant=participant(optional, world.members["city_member"]),
                                          answer="decline")
    assert p.response == Response.DECLINED


def test_answers_close_with_the_activity(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=-dt.timedelta(hours=3))
    with pytest.raises(DomainError):
        participation.participant_respond(actor=world.city_member, participant=participant(activity, world.members["city_member"]),
                                          answer="attend")


def test_qr_sign_in_once_within_the_window(world):
    activity = make_activity(world.city, members=[world.members["city_member"]])
    p = participation.participant_sign_in(actor=world.city_member, token=tokens.make_token(activity.pk))
    assert p.signed_in_at and p.signin_method == SignInMethod.QR
    with pytest.raises(DomainError) as exc:
        participation.participant_sign_in(actor=world.city_member, token=tokens.make_token(activity.pk))
    assert exc.value.code == "already_signed_in"
    assert Participant.objects.get(pk=p.pk).history.filter(action="sign_in").count() == 1


@pytest.mark.parametrize("opens,closes", [(dt.timedelta(minutes=30), dt.timedelta(hours=1)),
                                          (-dt.timedelta(hours=2), -dt.timedelta(minutes=1))])
def test_no_sign_in_outside_the_window(world, opens, closes):
    now = timezone.now()
    activity = make_activity(world.city, members=[world.members["city_member"]], signin_opens_at=now + opens,
                             signin_closes_at=now + closes)
    with pytest.raises(DomainError) as exc:
        participation.participant_sign_in(actor=world.city_member, token=tokens.make_token(activity.pk))
    assert exc.value.code == "signin_closed"
    assert not Participant.objects.filter(activity=activity, signed_in_at__isnull=False).exists()


def test_expired_and_forged_tokens_are_refused(world):
    activity = make_activity(world.city, members=[world.members["city_member"]])
    old = tokens.make_token(activity.pk, tokens.current_step() - 2)
    with pytest.raises(tokens.ExpiredToken):
        participation.participant_sign_in(actor=world.city_member, token=old)
    future = tokens.make_token(activity.pk, tokens.current_step() + 1)
    with pytest.raises(tokens.ExpiredToken):
        participation.participant_sign_in(actor=world.city_member, token=future)
    good = tokens.make_token(activity.pk)
    activity_id, step, mac = good.split(".")
    for forged in (f"{activity_id}.{step}.{'0' * len(mac)}", f"{int(activity_id) + 1}.{step}.{mac}", "nonsense", ""):
        with pytest.raises(tokens.InvalidToken):
            participation.participant_sign_in(actor=world.city_member, token=forged)
    # A code of the previous step (still on the screen a moment ago) is accepted.
    previous = tokens.make_token(activity.pk, tokens.current_step() - 1)
    assert participation.participant_sign_in(actor=world.city_member, token=previous).signed_in_at


def test_a_scan_remembered_before_logging_in_still_counts(world):
    activity = make_activity(world.city, members=[world.members["city_member"]])
    scanned = timezone.now().timestamp() - 100
    token = tokens.make_token(activity.pk, tokens.current_step(scanned))
    with pytest.raises(tokens.ExpiredToken):
        participation.participant_sign_in(actor=world.city_member, token=token)
    assert participation.participant_sign_in(actor=world.city_member, token=token, scanned_at=scanned).signed_in_at
    # a scan time from long ago is not believed
    other = make_activity(world.city, members=[world.members["city_member2"]])
    long_ago = timezone.now().timestamp() - 3600
    with pytest.raises(tokens.ExpiredToken):
        participation.participant_sign_in(actor=world.city_member2, scanned_at=long_ago,
                                          token=tokens.make_token(other.pk, tokens.current_step(long_ago)))


def test_only_invited_members_sign_in_to_a_closed_activity(world):
    activity = make_activity(world.city, members=[world.members["city_member"]])
    with pytest.raises(NotAllowed):
        participation.participant_sign_in(actor=world.city_member2, token=tokens.make_token(activity.pk))
    with pytest.raises(NotAllowed):  # a member of another organisation
        participation.participant_sign_in(actor=world.city2_member, token=tokens.make_token(activity.pk))
    Activity.objects.filter(pk=activity.pk).update(is_open=True)
    p = participation.participant_sign_in(actor=world.city_member2, token=tokens.make_token(activity.pk))
    assert p.member == world.members["city_member2"]


def test_close_turns_attendance_into_duty_events(world):
    members = [world.members[k] for k in ("city_member", "city_member2", "city_member3")]
    activity = make_activity(world.city, members=members, starts_in=-dt.timedelta(minutes=30), hours=3)
    # member: on time; member2: leave approved; member3: never came → absent
    Participant.objects.filter(activity=activity, member=world.members["city_member"]).update(signed_in_at=activity.starts_at)
    Participant.objects.filter(activity=activity, member=world.members["city_member2"]).update(response=Response.LEAVE_APPROVED)
    services.activity_close(actor=world.city_office, activity=activity)
    assert live_kinds(world.members["city_member"], activity) == [K.MEETING_ATTENDED]
    assert live_kinds(world.members["city_member2"], activity) == [K.MEETING_LEAVE]
    assert live_kinds(world.members["city_member3"], activity) == [K.MEETING_ABSENT]
    event = DutyEvent.objects.get(member=world.members["city_member"], kind=K.MEETING_ATTENDED)
    assert event.attributes == {"meeting_type": "standing"}
    assert Participant.objects.get(activity=activity, member=world.members["city_member3"]).outcome == Outcome.ABSENT


def test_late_early_and_the_two_thirds_rule(world):
    members = [world.members["city_member"], world.members["city_member2"]]
    activity = make_activity(world.city, members=members, starts_in=-dt.timedelta(hours=4), hours=3)
    start = activity.starts_at
    # member: 20 minutes late, stays → attended + late; member2: leaves after 1 hour of 3 → absent
    Participant.objects.filter(activity=activity, member=world.members["city_member"]).update(signed_in_at=start + dt.timedelta(minutes=20))
    Participant.objects.filter(activity=activity, member=world.members["city_member2"]).update(
        signed_in_at=start, left_at=start + dt.timedelta(hours=1))
    services.activity_close(actor=world.city_office, activity=activity)
    assert live_kinds(world.members["city_member"], activity) == [K.MEETING_ATTENDED, K.MEETING_LATE]
    assert DutyEvent.objects.get(member=world.members["city_member"], kind=K.MEETING_ATTENDED).attributes["minutes"] == 160
    assert live_kinds(world.members["city_member2"], activity) == [K.MEETING_ABSENT]


def test_the_fraction_is_a_setting(world):
    world.city.settings = {"activities.min_attendance_fraction": 0.3}
    world.city.save(update_fields=["settings"])
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=-dt.timedelta(hours=4), hours=3)
    Participant.objects.filter(activity=activity).update(signed_in_at=activity.starts_at,
                                                         left_at=activity.starts_at + dt.timedelta(hours=1))
    services.activity_close(actor=world.city_office, activity=activity)
    assert live_kinds(world.members["city_member"], activity) == [K.MEETING_ATTENDED, K.MEETING_LEFT_EARLY]


def test_non_meeting_types_use_their_own_kind(world):
    activity = make_activity(world.city, type=ActivityType.INSPECTION, members=[world.members["city_member"]],
                             starts_in=-dt.timedelta(hours=1), attendance_required=False)
    Participant.objects.filter(activity=activity).update(signed_in_at=activity.starts_at)
    services.activity_close(actor=world.city_office, activity=activity)
    event = DutyEvent.objects.get(member=world.members["city_member"])
    assert event.kind == K.INSPECTION_ATTENDED and event.attributes == {"activity_type": "inspection"}


def test_correction_after_closing_replaces_the_events(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=-dt.timedelta(hours=3), hours=2)
    services.activity_close(actor=world.city_office, activity=activity)
    assert live_kinds(world.members["city_member"], activity) == [K.MEETING_ABSENT]
    p = participant(activity, world.members["city_member"])
    participation.participant_sign_in_manual(actor=world.city_office, participant=p, at=activity.starts_at)
    assert live_kinds(world.members["city_member"], activity) == [K.MEETING_ATTENDED]


def test_cannot_close_before_the_start_or_twice(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=dt.timedelta(hours=1))
    with pytest.raises(DomainError):
        services.activity_close(actor=world.city_office, activity=activity)
    Activity.objects.filter(pk=activity.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=1))
    activity.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.activity_close(actor=world.city2_office, activity=activity)
    services.activity_close(actor=world.city_office, activity=activity)
    with pytest.raises(InvalidTransition):
        services.activity_close(actor=world.city_office, activity=activity)


def test_cancelling_retracts_every_event(world):
    from zhengxie.activities.services import outcomes

    activity = make_activity(world.city, members=[world.members["city_member"], world.members["city_member2"]],
                             starts_in=-dt.timedelta(hours=3), hours=2)
    Participant.objects.filter(activity=activity, member=world.members["city_member"]).update(signed_in_at=activity.starts_at)
    services.activity_close(actor=world.city_office, activity=activity)
    outcomes.speech_create(actor=world.city_office, activity=activity, member=world.members["city_member"], kind="delivered",
                           title="关于乡村振兴的发言")
    assert DutyEvent.objects.live().filter(member=world.members["city_member"]).count() == 2
    with pytest.raises(DomainError):
        services.activity_cancel(actor=world.city_office, activity=activity, reason="")
    services.activity_cancel(actor=world.city_office, activity=activity, reason="议程调整")
    assert not DutyEvent.objects.live().filter(member__in=[world.members["city_member"], world.members["city_member2"]]).exists()
    assert Notification.objects.filter(code="activities.activity.cancelled", recipient=world.city_member2).exists()


def test_changed_time_is_announced(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=dt.timedelta(days=3))
    services.activity_update(actor=world.city_office, activity=activity,
                             data={"starts_at": activity.starts_at + dt.timedelta(hours=1)}, version=activity.version)
    assert Notification.objects.filter(code="activities.activity.changed", recipient=world.city_member).exists()
    from zhengxie.core.exceptions import ConcurrentChange

    with pytest.raises(ConcurrentChange):
        services.activity_update(actor=world.city_office, activity=activity, data={"title": "新标题"}, version=1)


def test_participants_by_sector_committee_group_and_name(world):
    from zhengxie.core.models import Member, Sector

    city_seats = set(Member.objects.filter(organisation=world.city))
    education = Sector.objects.get(organisation=world.city, name="教育界")
    Member.objects.filter(pk=world.members["city_member3"].pk).update(sector=education, is_standing_committee=True)
    by_sector, _none = participation.select_members(world.city, sectors=[education])
    assert list(by_sector) == [world.members["city_member3"]]
    standing, _none = participation.select_members(world.city, groups=["standing"])
    assert list(standing) == [world.members["city_member3"]]
    by_name, unknown = participation.select_members(world.city, names="天水member2、无此人")
    assert list(by_name) == [world.members["city_member2"]] and unknown == ["无此人"]
    everyone, _none = participation.select_members(world.city, groups=["all"])
    assert set(everyone) == city_seats and len(city_seats) == 4  # three members and the city seat of "multi"
    activity = make_activity(world.city, status=ActivityStatus.DRAFT)
    assert participation.participants_add(actor=world.city_office, activity=activity, members=list(everyone)) == 4
    assert participation.participants_add(actor=world.city_office, activity=activity, members=list(everyone)) == 0
    # members of another organisation are never added
    assert participation.participants_add(actor=world.city_office, activity=activity,
                                          members=[world.members["city2_member"]]) == 0


def test_moving_the_time_moves_the_sign_in_window(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=dt.timedelta(days=3))
    before = (activity.signin_opens_at - activity.starts_at, activity.signin_closes_at - activity.ends_at)
    later = dt.timedelta(days=1, hours=2)
    # the edit form sends the window back as it was shown
    moved = services.activity_update(actor=world.city_office, activity=activity, version=activity.version, data={
        "starts_at": activity.starts_at + later, "ends_at": activity.ends_at + later,
        "signin_opens_at": activity.signin_opens_at, "signin_closes_at": activity.signin_closes_at})
    assert (moved.signin_opens_at - moved.starts_at, moved.signin_closes_at - moved.ends_at) == before
    # a window set by hand in the same edit is kept
    opens = moved.starts_at - dt.timedelta(hours=2)
    kept = services.activity_update(actor=world.city_office, activity=moved, version=moved.version, data={
        "starts_at": moved.starts_at + later, "ends_at": moved.ends_at + later, "signin_opens_at": opens})
    assert kept.signin_opens_at == opens
