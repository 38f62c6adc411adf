"""The meeting tools in the API (the mobile app): the matters put to the vote and voting, the member's seat and the
seating plan, the meeting's materials. Registered on the activities router."""

import datetime as dt
from typing import Literal

from ninja import Schema

from zhengxie.api.common import Id, active_organisation, errors
from zhengxie.core.exceptions import NotAllowed

from . import meeting_selectors as meeting
from . import permissions, selectors
from .api import router
from .services import voting


class MotionOut(Schema):
    id: int
    activity_id: int
    kind: str
    kind_label: str
    title: str
    text: str
    secret: bool
    status: str
    status_label: str
    result: str
    electorate: int
    present: int
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    version: int
    may_vote: bool = False
    voted: bool = False
    my_choice: str = ""
    counts: dict[str, int] | None = None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class VoteIn(Schema):
    choice: Literal["yes", "no", "abstain"]


class MeetingSeatOut(Schema):
    block: str
    row: int
    number: int
    name: str


class MaterialFileOut(Schema):
    id: int
    name: str
    url: str


class MaterialOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    files: list[MaterialFileOut]


def _meeting(request, activity_id):
    org = active_organisation(request)
    activity = selectors.activity_get_for_user(request.user, org, activity_id)
    if not permissions.can_view_materials(request.user, activity):
        raise NotAllowed()
    return activity


def _motion_out(request, motion):
    manage = permissions.can_manage_activity(request.user, motion.activity)
    mine = meeting.my_vote(request.user, motion)
    board = meeting.motion_board(motion, reveal=manage or motion.status == "closed")
    motion.may_vote = permissions.can_vote(request.user, motion) and mine is None
    motion.voted, motion.my_choice = mine is not None, mine.choice if mine else ""
    motion.counts = ({"yes": motion.yes_count, "no": motion.no_count, "abstain": motion.abstain_count}
                     if board["shown"] else None)
    return motion


@router.get("/{int:activity_id}/motions", response={200: list[MotionOut], **errors(404)},
            summary="Matters put to the vote at a meeting",
            description="For the meeting's participants (once a vote opens) and organisers. `counts` is given for a "
                        "closed vote, and to organisers for an open (not secret) one.")
def motions(request, activity_id: Id):
    activity = _meeting(request, activity_id)
    qs = meeting.motions_visible_to(request.user, activity.organisation).filter(activity=activity)
    return [_motion_out(request, m) for m in qs]


@router.post("/motions/{int:motion_id}/vote", response={200: MotionOut, **errors(404, 409)},
             summary="Vote on a matter",
             description="`yes`, `no` or `abstain`, once, by a member signed in to the meeting while the vote is "
                         "open. A second vote is refused (400, code `already_voted`). A secret vote records that the "
                         "member voted, never how.")
def vote(request, motion_id: Id, payload: VoteIn):
    org = active_organisation(request)
    motion = meeting.motion_get_for_user(request.user, org, motion_id)
    voting.vote_cast(actor=request.user, motion=motion, choice=payload.choice)
    return _motion_out(request, meeting.motion_get_for_user(request.user, org, motion_id))


class MotionActionIn(Schema):
    version: int | None = None


@router.post("/motions/{int:motion_id}/{action}", response={200: MotionOut, **errors(404, 409)},
             summary="Open or close a vote (staff)",
             description="`open` (needs the quorum of the organisation's setting signed in) or `close` (decides the "
                         "result by the majority rule kept when it opened).")
def motion_action(request, motion_id: Id, action: Literal["open", "close"], payload: MotionActionIn):
    org = active_organisation(request)
    motion = meeting.motion_get_for_user(request.user, org, motion_id)
    call = voting.motion_open if action == "open" else voting.motion_close
    call(actor=request.user, motion=motion, version=payload.version)
    return _motion_out(request, meeting.motion_get_for_user(request.user, org, motion_id))


@router.get("/{int:activity_id}/my-seat", response={200: MeetingSeatOut | None, **errors(404)}, summary="My seat",
            description="The member's seat at the meeting (block, row, number), or null before the plan is made.")
def my_seat(request, activity_id: Id):
    activity = _meeting(request, activity_id)
    seat = meeting.seat_of(request.user, activity)
    if seat is None:
        return None
    return {"block": seat.block, "row": seat.row, "number": seat.number, "name": seat.participant.member.person.name}


@router.get("/{int:activity_id}/materials", response={200: list[MaterialOut], **errors(404)},
            summary="The meeting's agenda and documents",
            description="For the meeting's participants and organisers only; each file's `url` downloads it.")
def materials(request, activity_id: Id):
    from django.urls import reverse

    activity = _meeting(request, activity_id)
    return [{"id": m.pk, "kind": m.kind, "title": m.title, "text": m.text,
             "files": [{"id": f.pk, "name": f.original_name, "url": reverse("activities:material_file", args=[f.pk])}
                       for f in m.files]} for m in meeting.materials_of(activity)]
