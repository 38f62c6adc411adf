"""Reads of the meeting tools (votes, seating, materials): one visibility rule per model, each starting from the
meetings whose papers the user may see (their organisers and their participants)."""

from django.db.models import Exists, OuterRef

from zhengxie.core import permissions as core
from zhengxie.core.files import attachments_of
from zhengxie.core.selectors import get_visible

from . import permissions
from .choices import ActivityStatus
from .models import Activity, MeetingMaterial, Motion, Participant, Seat, VoteCast
from .voting_rules import MotionStatus, Tally, votes_needed


def meetings_with_papers_for(user, organisation):
    """The activities whose materials, seats and votes the user may see: all of them for its organisers, the
    ones they take part in (never a draft) for a member."""
    qs = Activity.objects.filter(organisation=organisation)
    if permissions.can_organise(user, organisation):
        return qs
    seat = core.current_member(user, organisation)
    if seat is None:
        return qs.none()
    return qs.exclude(status=ActivityStatus.DRAFT).filter(
        Exists(Participant.objects.filter(activity=OuterRef("pk"), member=seat)))


def motions_visible_to(user, organisation):
    """Matters put to the vote: organisers see drafts too; participants see them once the vote has opened."""
    qs = Motion.objects.filter(organisation=organisation,
                               activity__in=meetings_with_papers_for(user, organisation).values("pk"))
    if not permissions.can_organise(user, organisation):
        qs = qs.filter(status__in=[MotionStatus.OPEN, MotionStatus.CLOSED])
    return qs.select_related("activity")


def motion_get_for_user(user, organisation, pk) -> Motion:
    return get_visible(motions_visible_to(user, organisation).select_related("activity__organisation"), pk,
                       organisation=organisation)


def materials_visible_to(user, organisation):
    return MeetingMaterial.objects.filter(
        organisation=organisation,
        activity__in=meetings_with_papers_for(user, organisation).values("pk")).select_related("activity")


def material_get_for_user(user, organisation, pk) -> MeetingMaterial:
    return get_visible(materials_visible_to(user, organisation).select_related("activity__organisation"), pk,
                       organisation=organisation)


def seats_visible_to(user, organisation):
    return Seat.objects.filter(activity__organisation=organisation,
                               activity__in=meetings_with_papers_for(user, organisation).values("pk"))


def seating_plan(activity) -> list[dict]:
    """The plan as rows of seats, for the printable page: ``[{"row": 1, "seats": [seat, …]}, …]``."""
    seats = (Seat.objects.filter(activity=activity)
             .select_related("participant__member__person", "participant__member__sector").order_by("row", "number"))
    rows: dict[int, list] = {}
    for seat in seats:
        rows.setdefault(seat.row, []).append(seat)
    return [{"row": row, "block": items[0].block, "seats": items} for row, items in rows.items()]


def seat_of(user, activity) -> Seat | None:
    mine = permissions.participant_of(user, activity)
    if mine is None:
        return None
    return Seat.objects.filter(participant=mine).first()


def materials_of(activity) -> list[MeetingMaterial]:
    materials = list(activity.materials.all())
    for material in materials:
        material.files = list(attachments_of(material))
    return materials


def motion_board(motion: Motion, *, reveal: bool) -> dict:
    """What the screen shows: turnout always; the counts of a secret vote only once it is closed."""
    present = motion.present
    if motion.status == MotionStatus.OPEN:
        present = Participant.objects.filter(activity_id=motion.activity_id, signed_in_at__isnull=False,
                                             left_at__isnull=True).count()
    tally = Tally(motion.electorate, present, motion.yes_count, motion.no_count, motion.abstain_count)
    shown = reveal and (not motion.secret or motion.status == MotionStatus.CLOSED)
    return {"tally": tally, "cast": motion.cast_count, "shown": shown,
            "needed": votes_needed(motion.majority_rule, tally) if motion.majority_rule else None}


def my_vote(user, motion) -> VoteCast | None:
    mine = permissions.participant_of(user, motion.activity)
    if mine is None:
        return None
    return VoteCast.objects.filter(motion=motion, member_id=mine.member_id).first()


def open_votes_for(user, organisation):
    """Open votes the user may cast now (the member's to-do)."""
    seat = core.current_member(user, organisation)
    if seat is None:
        return Motion.objects.none()
    signed_in = Participant.objects.filter(activity=OuterRef("activity"), member=seat, signed_in_at__isnull=False,
                                           left_at__isnull=True)
    voted = VoteCast.objects.filter(motion=OuterRef("pk"), member=seat)
    return (Motion.objects.filter(organisation=organisation, status=MotionStatus.OPEN)
            .filter(Exists(signed_in)).exclude(Exists(voted)).select_related("activity"))
