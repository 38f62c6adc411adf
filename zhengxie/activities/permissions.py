"""Who may do what with activities, deliberation topics and contests: small predicates reused by views, the API,
templates and tests. Staff of an organisation (office, committee staff, leaders, administrators) organise; members
take part in what they are invited to or what is open to them."""

from zhengxie.core import permissions as core
from zhengxie.core.choices import Role

from .choices import ActivityStatus, ContestStatus, TopicScope, TopicStatus

ORGANISER_ROLES = (Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, Role.PROPOSAL_OFFICE, Role.INFORMATION_OFFICE,
                   Role.LEADER, Role.ADMINISTRATOR)


def can_organise(user, organisation) -> bool:
    """Create and run activities, topics and contests; approve leave; sign members in by hand."""
    return core.has_role(user, organisation, *ORGANISER_ROLES)


def can_manage_activity(user, activity) -> bool:
    return can_organise(user, activity.organisation)


def participant_of(user, activity):
    """The user's participant row in the activity (for the seat in the activity's organisation), if any."""
    seat = core.current_member(user, activity.organisation)
    if seat is None:
        return None
    return core.request_cached(user, "activities.participation", activity.pk,
                               lambda: activity.participants.filter(member=seat).first())


def can_view_activity(user, activity) -> bool:
    if can_manage_activity(user, activity):
        return True
    if activity.status == ActivityStatus.DRAFT:
        return False
    if activity.is_open and core.current_member(user, activity.organisation) is not None:
        return True
    return participant_of(user, activity) is not None


def can_decide_leave(user, participant) -> bool:
    return can_manage_activity(user, participant.activity)


def can_answer(user, participant) -> bool:
    return participant.member.person_id is not None and participant.member.person_id == user.person_id


# --- meeting tools: voting, seating, materials ------------------------------------------------------------


def can_view_materials(user, activity) -> bool:
    """The meeting's papers, seating plan and votes: its organisers and its participants only (an open activity's
    other members do not see them)."""
    return can_manage_activity(user, activity) or (
        activity.status != ActivityStatus.DRAFT and participant_of(user, activity) is not None)


def can_vote(user, motion) -> bool:
    """A participant signed in to the meeting (and not gone) votes while the vote is open."""
    from .voting_rules import MotionStatus

    mine = participant_of(user, motion.activity)
    return (motion.status == MotionStatus.OPEN and mine is not None and mine.signed_in_at is not None
            and mine.left_at is None)


# --- deliberation -------------------------------------------------------------------------------------------


def topic_committee_ids(topic) -> frozenset:
    """The committees whose members take part: the host, and for a topic open to several committees each of them
    (kept on the topic for the request)."""
    if topic.scope != TopicScope.JOINT:
        return frozenset({topic.organisation_id})
    cached = topic.__dict__.get("_committee_ids")
    if cached is None:
        cached = frozenset({topic.organisation_id, *topic.committees.values_list("organisation_id", flat=True)})
        topic.__dict__["_committee_ids"] = cached
    return cached


def topic_seat(user, topic):
    """The seat with which the user takes part: in the host committee, or (a topic open to several committees) in
    the first of them where the user sits."""
    seat = core.current_member(user, topic.organisation)
    if seat is not None or topic.scope != TopicScope.JOINT:
        return seat
    from zhengxie.core.models import Organisation

    for organisation in Organisation.objects.filter(pk__in=topic_committee_ids(topic) - {topic.organisation_id}).order_by("path"):
        seat = core.current_member(user, organisation)
        if seat is not None:
            return seat
    return None


def in_topic_scope(member, topic) -> bool:
    if member is None:
        return False
    if topic.scope == TopicScope.JOINT:
        return member.organisation_id in topic_committee_ids(topic)
    if member.organisation_id != topic.organisation_id:
        return False
    if topic.scope == TopicScope.SECTOR:
        return member.sector_id == topic.sector_id
    if topic.scope == TopicScope.COMMITTEE:
        return member.committee_id == topic.committee_id
    return True


def moderated_committee_ids(user, topic) -> frozenset:
    """Whose posts the user may hide: the host's staff every post; on a topic open to several committees, the staff
    of each other committee taking part the posts of their own members."""
    if can_organise(user, topic.organisation):
        return topic_committee_ids(topic)
    if topic.scope != TopicScope.JOINT:
        return frozenset()
    from zhengxie.core.models import Organisation

    others = Organisation.objects.filter(pk__in=topic_committee_ids(topic) - {topic.organisation_id})
    return frozenset(o.pk for o in others if can_organise(user, o))


def can_moderate_post(user, post) -> bool:
    topic = post.topic
    if can_organise(user, topic.organisation):
        return True
    return post.author is not None and post.author.organisation_id in moderated_committee_ids(user, topic)


def can_view_topic(user, topic) -> bool:
    if can_organise(user, topic.organisation):
        return True
    if topic.status == TopicStatus.DRAFT:
        return False
    return bool(moderated_committee_ids(user, topic)) or in_topic_scope(topic_seat(user, topic), topic)


def can_post(user, topic) -> bool:
    return topic.is_open() and in_topic_scope(topic_seat(user, topic), topic)


# --- contests -----------------------------------------------------------------------------------------------


def contest_seat(user, contest):
    """The seat with which the user may take the contest: in its organisation, or (for a system-wide contest)
    in one of the organisations below it."""
    if not getattr(user, "person_id", None):
        return None
    from zhengxie.core.models import Member

    seats = Member.objects.current().filter(person_id=user.person_id).select_related("organisation")
    for seat in seats:
        if seat.organisation_id == contest.organisation_id:
            return seat
    if contest.include_lower_levels:
        path = contest.organisation.path
        for seat in seats:
            if seat.organisation.path.startswith(path):
                return seat
    return None


def can_view_contest(user, contest) -> bool:
    if can_organise(user, contest.organisation):
        return True
    return contest.status == ContestStatus.PUBLISHED and contest_seat(user, contest) is not None
