"""Electronic voting: the rules, who may open, vote and close, once-only votes, secret ballots that keep no link
from a ballot to its voter, the pages as each role sees them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import meeting_selectors
from zhengxie.activities.choices import ActivityType, MeetingType
from zhengxie.activities.models import Motion, MotionEvent, Participant, VoteCast
from zhengxie.activities.services import voting
from zhengxie.activities.voting_rules import MajorityRule, MotionResult, QuorumRule, Tally, result_of
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import AuditEntry
from zhengxie.core.tests.visibility import check_details_follow_lists

from .factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("tally", "quorum", "majority", "expected"), [
    (Tally(10, 6, 6, 0, 0), QuorumRule.MORE_THAN_HALF, MajorityRule.HALF_OF_ALL, MotionResult.ADOPTED),
    (Tally(10, 6, 5, 1, 0), QuorumRule.MORE_THAN_HALF, MajorityRule.HALF_OF_ALL, MotionResult.REJECTED),
    (Tally(10, 5, 5, 0, 0), QuorumRule.MORE_THAN_HALF, MajorityRule.HALF_OF_ALL, MotionResult.NO_QUORUM),
    (Tally(10, 6, 4, 1, 1), QuorumRule.MORE_THAN_HALF, MajorityRule.HALF_OF_PRESENT, MotionResult.ADOPTED),
    (Tally(10, 8, 3, 2, 0), QuorumRule.MORE_THAN_HALF, MajorityRule.HALF_OF_CAST, MotionResult.ADOPTED),
    (Tally(9, 6, 5, 0, 1), QuorumRule.TWO_THIRDS, MajorityRule.TWO_THIRDS_OF_ALL, MotionResult.REJECTED),
    (Tally(9, 6, 6, 0, 0), QuorumRule.TWO_THIRDS, MajorityRule.TWO_THIRDS_OF_ALL, MotionResult.ADOPTED),
    (Tally(9, 5, 5, 0, 0), QuorumRule.TWO_THIRDS, MajorityRule.HALF_OF_ALL, MotionResult.NO_QUORUM),
])
def test_quorum_and_majority_rules(tally, quorum, majority, expected):
    assert result_of(tally, quorum_rule=quorum, majority_rule=majority) == expected


@pytest.fixture
def meeting(world):
    members = [world.members[k] for k in ("city_member", "city_member2", "city_member3")]
    activity = make_activity(world.city, meeting_type=MeetingType.STANDING, members=members,
                             title="市政协常委会第十二次会议")
    Participant.objects.filter(activity=activity, member__in=members[:2]).update(signed_in_at=timezone.now())
    return activity


def _motion(world, meeting, **kw):
    return voting.motion_create(actor=world.city_office, activity=meeting, kind=kw.pop("kind", "resolution"),
                                title=kw.pop("title", "关于加快县域经济发展的决议（草案）"), **kw)


def test_a_vote_from_opening_to_its_result(world, meeting):
    motion = _motion(world, meeting)
    with pytest.raises(NotAllowed):
        voting.motion_open(actor=world.city_member, motion=motion)
    motion = voting.motion_open(actor=world.city_office, motion=motion, version=motion.version)
    assert (motion.electorate, motion.present, motion.quorum_rule, motion.majority_rule) == (
        3, 2, "more_than_half", "half_of_all")
    voting.vote_cast(actor=world.city_member, motion=motion, choice="yes")
    with pytest.raises(DomainError) as twice:
        voting.vote_cast(actor=world.city_member, motion=motion, choice="no")
    assert twice.value.code == "already_voted"
    with pytest.raises(NotAllowed):  # invited but not signed in
        voting.vote_cast(actor=world.city_member3, motion=motion, choice="yes")
    with pytest.raises(NotAllowed):
        voting.vote_cast(actor=world.city_office, motion=motion, choice="yes")
    voting.vote_cast(actor=world.city_member2, motion=motion, choice="yes")
    with pytest.raises(NotAllowed):
        voting.motion_close(actor=world.city_member, motion=motion)
    motion = voting.motion_close(actor=world.city_office, motion=Motion.objects.get(pk=motion.pk))
    assert (motion.status, motion.yes_count, motion.result) == ("closed", 2, MotionResult.ADOPTED)
    assert list(MotionEvent.objects.filter(motion=motion).order_by("pk").values_list("action", flat=True)) == [
        "create", "open", "vote", "vote", "close"]
    with pytest.raises(DomainError):
        voting.vote_cast(actor=world.city_member3, motion=motion, choice="yes")


def test_no_vote_opens_without_a_quorum_and_only_at_voting_meetings(world, meeting):
    Participant.objects.filter(activity=meeting).update(signed_in_at=None)
    motion = _motion(world, meeting)
    with pytest.raises(DomainError) as refused:
        voting.motion_open(actor=world.city_office, motion=motion)
    assert refused.value.code == "no_quorum"
    chair = make_activity(world.city, meeting_type=MeetingType.CHAIR)
    with pytest.raises(DomainError):
        _motion(world, chair)
    study = make_activity(world.city, type=ActivityType.STUDY)
    with pytest.raises(DomainError):
        _motion(world, study)


def test_a_secret_ballot_keeps_no_link_from_the_vote_to_the_voter(world, meeting):
    motion = _motion(world, meeting, kind="personnel", title="关于增补常务委员的人事事项")
    assert motion.secret  # personnel matters are always secret
    voting.motion_open(actor=world.city_office, motion=motion)
    voting.vote_cast(actor=world.city_member, motion=motion, choice="no")
    row = VoteCast.objects.get(motion=motion)
    assert (row.choice, row.cast_at) == ("", None)
    assert not MotionEvent.objects.filter(motion=motion, action="vote").exists()
    entry = AuditEntry.objects.get(action="activities.motion.voted")
    assert "no" not in str(entry.changes)
    motion.refresh_from_db()
    assert motion.no_count == 1
    board = meeting_selectors.motion_board(motion, reveal=True)
    assert not board["shown"]  # the counts wait for the close


def test_pages_as_each_role(world, client_as, meeting):
    motion = _motion(world, meeting)
    office, member, member3 = (client_as(world.city_office), client_as(world.city_member),
                               client_as(world.city_member3))
    assert member.get(reverse("activities:motion_detail", args=[motion.pk])).status_code == 403  # a draft
    office.post(reverse("activities:motion_open", args=[motion.pk]), {"version": motion.version})
    page = member.get(reverse("activities:motion_detail", args=[motion.pk])).content.decode()
    assert 'name="choice"' in page
    assert 'name="choice"' not in member3.get(reverse("activities:motion_detail", args=[motion.pk])).content.decode()
    member.post(reverse("activities:motion_vote", args=[motion.pk]), {"choice": "abstain"})
    assert VoteCast.objects.get(motion=motion).choice == "abstain"
    assert member.get(reverse("activities:motion_screen", args=[motion.pk])).status_code == 403
    assert office.get(reverse("activities:motion_screen", args=[motion.pk])).status_code == 200
    assert client_as(world.city2_office).get(reverse("activities:motion_detail", args=[motion.pk])).status_code == 404
    assert client_as(world.city_office).post(reverse("activities:votes", args=[meeting.pk]), {
        "kind": "recommendation", "title": "关于推进乡村振兴的建议案"}).status_code == 302
    assert member.post(reverse("activities:votes", args=[meeting.pk]), {
        "kind": "recommendation", "title": "委员不能添加"}).status_code == 200
    assert not Motion.objects.filter(title="委员不能添加").exists()


def test_every_motion_address_refuses_what_the_lists_hide(world, client_as, meeting):
    draft = _motion(world, meeting, title="未开始")
    opened = voting.motion_open(actor=world.city_office, motion=_motion(world, meeting, title="表决中"))
    other = make_activity(world.city, meeting_type=MeetingType.PLENARY, members=[world.members["city_member2"]],
                          is_open=True)
    Participant.objects.filter(activity=other).update(signed_in_at=timezone.now())
    elsewhere = voting.motion_open(actor=world.city_office, motion=_motion(world, other, title="全会表决"))
    users = [world.users[u] for u in ("city_member", "city_member2", "city_member3", "city_office", "city_unit",
                                      "county_member")]
    check_details_follow_lists(client_as, users=users, objects=[draft, opened, elsewhere], organisation=world.city,
                               visible=meeting_selectors.motions_visible_to,
                               url=lambda m: reverse("activities:motion_detail", args=[m.pk]))


def test_the_database_refuses_a_second_vote_row(world, meeting):
    from django.db import IntegrityError, transaction

    motion = _motion(world, meeting)
    VoteCast.objects.create(motion=motion, member=world.members["city_member"])
    with pytest.raises(IntegrityError), transaction.atomic():
        VoteCast.objects.create(motion=motion, member=world.members["city_member"])
