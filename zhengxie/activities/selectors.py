"""Reads of the activities app: organisation-scoped, permission-filtered querysets with their joins."""

import datetime as dt

from django.db.models import Avg, Count, Exists, Max, OuterRef, Prefetch, Q, Sum

from zhengxie.core import permissions as core
from zhengxie.core.models import Member
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import ActivityStatus, ContestStatus, Outcome, ReportStatus, Response, TopicScope, TopicStatus
from .models import (
    Activity,
    Attempt,
    Contest,
    OutcomeReport,
    Participant,
    Plan,
    Poll,
    PollOption,
    PollVote,
    Post,
    PostLike,
    Topic,
)


def activities_visible_to(user, organisation):
    """Staff see all of the organisation's activities; a member sees the ones they are invited to and the open
    ones (never a draft)."""
    qs = Activity.objects.filter(organisation=organisation).select_related("committee")
    if permissions.can_organise(user, organisation):
        return qs
    seat = core.current_member(user, organisation)
    if seat is None:
        return qs.none()
    invited = Participant.objects.filter(activity=OuterRef("pk"), member=seat)
    return qs.exclude(status=ActivityStatus.DRAFT).filter(Q(is_open=True) | Exists(invited))


def activity_search(qs, *, type="", status="", year=None, q=""):
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(starts_at__year=year)
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(location__contains=q))
    return qs


def activity_get_for_user(user, organisation, pk) -> Activity:
    qs = activities_visible_to(user, organisation).select_related("organisation", "session", "plan_item__plan",
                                                                   "created_by")
    return get_visible(qs, pk, organisation=organisation)


def matters_visible_to(user, organisation):
    """Matters raised at the activities the user may see."""
    from .models import Matter

    return Matter.objects.filter(organisation=organisation, activity__in=activities_visible_to(user, organisation))


def matter_get_for_user(user, organisation, pk):
    return get_visible(matters_visible_to(user, organisation).select_related("activity", "member__person"), pk,
                       organisation=organisation)


def participants_of(activity):
    return activity.participants.select_related("member__person", "member__sector", "member__committee",
                                                "leave_decided_by")


def attendance_counts(activity) -> dict:
    return activity.participants.aggregate(
        total=Count("pk"),
        signed_in=Count("pk", filter=Q(signed_in_at__isnull=False)),
        remote=Count("pk", filter=Q(signin_method="remote")),
        attending=Count("pk", filter=Q(response=Response.ATTENDING)),
        leave=Count("pk", filter=Q(response=Response.LEAVE_APPROVED)),
        leave_requested=Count("pk", filter=Q(response=Response.LEAVE_REQUESTED)),
        unanswered=Count("pk", filter=Q(response=Response.INVITED)),
        attended=Count("pk", filter=Q(outcome=Outcome.ATTENDED)),
        absent=Count("pk", filter=Q(outcome=Outcome.ABSENT)),
        late=Count("pk", filter=Q(is_late=True)),
        left_early=Count("pk", filter=Q(left_early=True)),
    )


def my_participations(user, organisation):
    """The user's participant rows in the organisation's activities whose notice was sent."""
    seat = core.current_member(user, organisation)
    if seat is None:
        return Participant.objects.none()
    return (Participant.objects.filter(member=seat)
            .exclude(activity__status=ActivityStatus.DRAFT)
            .select_related("activity", "activity__organisation")
            .order_by("-activity__starts_at"))


def leave_requests_waiting(organisation):
    return Participant.objects.filter(activity__organisation=organisation, response=Response.LEAVE_REQUESTED,
                                      activity__status=ActivityStatus.PUBLISHED)


def calendar_activities(user, organisation, start: dt.datetime, end: dt.datetime, *, mine: bool):
    """Activities between ``start`` and ``end``: the user's own (``mine``) or all they may see."""
    qs = activities_visible_to(user, organisation).filter(starts_at__lt=end, ends_at__gte=start).exclude(
        status=ActivityStatus.CANCELLED)
    if mine:
        seat = core.current_member(user, organisation)
        if seat is None:
            return qs.none()
        # One condition on the same participant row (an exclude across the relation would drop an activity when
        # any other participant declined).
        coming = Participant.objects.filter(member=seat).exclude(
            response__in=[Response.DECLINED, Response.LEAVE_APPROVED])
        qs = qs.filter(pk__in=coming.values("activity_id"))
    return qs.order_by("starts_at", "pk")


def feed_participations(user, since: dt.datetime):
    """Everything on a member's phone calendar: every seat's invitations (cancelled ones too, so they vanish)."""
    if not user.person_id:
        return Participant.objects.none()
    seats = Member.objects.current().filter(person_id=user.person_id)
    return (Participant.objects.filter(member__in=seats, activity__starts_at__gte=since)
            .exclude(activity__status=ActivityStatus.DRAFT)
            .exclude(response=Response.DECLINED)
            .select_related("activity__organisation").order_by("activity__starts_at"))


# --- plans and outcomes -----------------------------------------------------------------------------------------


def plans_of(organisation):
    return Plan.objects.filter(organisation=organisation).annotate(item_count=Count("items"))


def plan_items_with_progress(plan):
    """The plan's items, each with its activities (to show what was done)."""
    return plan.items.select_related("lead_committee").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.exclude(status=ActivityStatus.CANCELLED).order_by("starts_at")))


def reports_visible_to(user, organisation):
    """Outcome reports of the activities the user may see."""
    return OutcomeReport.objects.filter(organisation=organisation,
                                        activity__in=activities_visible_to(user, organisation).values("pk"))


def report_get_for_user(user, organisation, pk) -> OutcomeReport:
    qs = reports_visible_to(user, organisation).select_related("activity__organisation")
    return get_visible(qs, pk, organisation=organisation)


def reports_of(activity):
    return activity.reports.prefetch_related("authors__person", "recipients__handling_unit")


def suggestions_adopted(organisation, year: int | None = None) -> int:
    """The figure "建议 N 条" of the annual report: suggestions in adopted outcome reports."""
    qs = OutcomeReport.objects.filter(organisation=organisation, status=ReportStatus.ADOPTED)
    if year:
        qs = qs.filter(adopted_at__year=year)
    return qs.aggregate(n=Sum("suggestion_count"))["n"] or 0


# --- deliberation --------------------------------------------------------------------------------------------


def topics_visible_to(user, organisation):
    """The organisation's topics (its staff: all; its members: the published ones in their scope), and the topics of
    another committee open to several committees among which ``organisation`` takes part (its staff and members,
    once published)."""
    from .models import TopicCommittee

    shared = Q(scope=TopicScope.JOINT, pk__in=TopicCommittee.objects.filter(organisation=organisation)
               .values("topic_id")) & ~Q(status=TopicStatus.DRAFT) & ~Q(organisation=organisation)
    qs = Topic.objects.select_related("sector", "committee", "organisation")
    if permissions.can_organise(user, organisation):
        return qs.filter(Q(organisation=organisation) | shared)
    seat = core.current_member(user, organisation)
    if seat is None:
        return qs.none()
    own = Q(organisation=organisation) & ~Q(status=TopicStatus.DRAFT) & (
        Q(scope__in=[TopicScope.ALL, TopicScope.JOINT]) | Q(scope=TopicScope.SECTOR, sector_id=seat.sector_id)
        | Q(scope=TopicScope.COMMITTEE, committee_id=seat.committee_id))
    return qs.filter(own | shared)


def topic_get_for_user(user, organisation, pk) -> Topic:
    qs = topics_visible_to(user, organisation).select_related("organisation", "activity")
    return get_visible(qs, pk, organisation=organisation)


def topic_posts(topic, user):
    """Top-level posts with their replies. Hidden posts are shown to staff and to their author only."""
    visible = Post.objects.select_related("author__person", "author__sector", "author__organisation", "hidden_by")
    if not permissions.can_organise(user, topic.organisation):
        # a committee taking part in a shared topic: its staff see its own members' hidden posts (they moderate them)
        moderated = permissions.moderated_committee_ids(user, topic)
        visible = visible.filter(Q(hidden_at__isnull=True) | Q(user=user) | Q(author__organisation_id__in=moderated))
    liked = PostLike.objects.filter(post=OuterRef("pk"), user=user)
    visible = visible.annotate(liked=Exists(liked))
    return (visible.filter(topic=topic, parent__isnull=True)
            .prefetch_related(Prefetch("replies", queryset=visible.order_by("created_at", "pk")))
            .order_by("-created_at", "-pk"))


def topic_polls(topic, member):
    polls = list(Poll.objects.filter(topic=topic).prefetch_related(
        Prefetch("options", queryset=PollOption.objects.annotate(vote_count=Count("votes")))))
    mine = set()
    if member is not None:
        mine = set(PollVote.objects.filter(poll__topic=topic, member=member)
                   .values_list("option_id", flat=True))
    for poll in polls:
        options = list(poll.options.all())
        total = sum(o.vote_count for o in options)
        for option in options:
            option.share = round(100 * option.vote_count / total) if total else 0
            option.mine = option.pk in mine
        poll.option_list, poll.total_votes, poll.voted = options, total, any(o.mine for o in options)
    return polls


def topic_counts(topic) -> dict:
    return topic.posts.aggregate(posts=Count("pk", filter=Q(hidden_at__isnull=True)),
                                 people=Count("author", distinct=True, filter=Q(hidden_at__isnull=True)),
                                 hidden=Count("pk", filter=Q(hidden_at__isnull=False)))


# --- contests ---------------------------------------------------------------------------------------------------


def _system_wide_from_above(organisation):
    """Published contests of the organisations above that are open to the members of the ones below."""
    return Q(organisation__in=organisation.ancestors(), include_lower_levels=True, status=ContestStatus.PUBLISHED)


def contests_visible_to(user, organisation):
    """The organisation's contests (drafts for its staff only; published ones for its members) and, for its
    members, the system-wide ones of the levels above."""
    condition = Q(pk__in=[])
    seated = core.current_member(user, organisation) is not None
    if permissions.can_organise(user, organisation):
        condition |= Q(organisation=organisation)
    elif seated:
        condition |= Q(organisation=organisation, status=ContestStatus.PUBLISHED)
    if seated:
        condition |= _system_wide_from_above(organisation)
    return Contest.objects.filter(condition).select_related("organisation")


def contest_get_for_user(user, organisation, pk) -> Contest:
    """A contest the list shows the user; another level's contest that is not open to them is not found."""
    return get_visible(contests_visible_to(user, organisation), pk)


def ranking_by_member(contest):
    return (Attempt.objects.filter(contest=contest, submitted_at__isnull=False)
            .select_related("member__person", "member__organisation", "member__sector")
            .order_by("-score", "seconds_used", "submitted_at", "pk"))


def ranking_by_organisation(contest):
    return (Attempt.objects.filter(contest=contest, submitted_at__isnull=False)
            .values("member__organisation_id", "member__organisation__short_name")
            .annotate(people=Count("pk"), average=Avg("score"), best=Max("score"))
            .order_by("-average", "-people"))
