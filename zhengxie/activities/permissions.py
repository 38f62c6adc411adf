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


# --- deliberation -------------------------------------------------------------------------------------------


def in_topic_scope(member, topic) -> bool:
    if member is None or member.organisation_id != topic.organisation_id:
        return False
    if topic.scope == TopicScope.SECTOR:
        return member.sector_id == topic.sector_id
    if topic.scope == TopicScope.COMMITTEE:
        return member.committee_id == topic.committee_id
    return True


def can_view_topic(user, topic) -> bool:
    if can_organise(user, topic.organisation):
        return True
    if topic.status == TopicStatus.DRAFT:
        return False
    return in_topic_scope(core.current_member(user, topic.organisation), topic)


def can_post(user, topic) -> bool:
    return topic.is_open() and in_topic_scope(core.current_member(user, topic.organisation), topic)


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
