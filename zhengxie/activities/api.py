"""The activities API for the mobile app: my activities, answering a notice, asking for leave, signing in with
the QR code's token, joining a video consultation, online deliberation; and leave decisions for staff."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from zhengxie.api.common import Id, PageNumbers, PromiseIn, Rows, active_organisation, errors
from zhengxie.core import permissions as core_permissions
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.promises import MAX_PROMISES

from . import permissions, selectors
from .models import Participant, Post, ReportRecipient
from .services import deliberation, outcomes, participation

router = Router(tags=["activities"])


class ParticipationOut(Schema):
    id: int
    response: str
    response_label: str
    leave_reason: str
    leave_comment: str
    signed_in_at: dt.datetime | None
    signin_method: str
    outcome: str
    is_late: bool
    left_early: bool
    version: int

    @staticmethod
    def resolve_response_label(obj):
        return obj.get_response_display()


class ActivityOut(Schema):
    id: int
    type: str
    type_label: str
    meeting_type: str
    consultation_type: str
    title: str
    description: str
    location: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    signin_opens_at: dt.datetime
    signin_closes_at: dt.datetime
    status: str
    attendance_required: bool
    is_open: bool
    video_url: str

    @staticmethod
    def resolve_type_label(obj):
        return obj.subtype_label


class MyActivityOut(Schema):
    activity: ActivityOut
    participation: ParticipationOut


class ActivityDetailOut(ActivityOut):
    participation: ParticipationOut | None = None


class RespondIn(Schema):
    answer: Literal["attend", "decline", "leave"]
    reason: str = ""
    version: int | None = None


class SignInIn(Schema):
    token: str


class SignInOut(Schema):
    activity_id: Id
    title: str
    participation: ParticipationOut


class LeaveDecisionIn(Schema):
    approve: bool
    comment: str = ""
    version: int | None = None


@router.get("/mine", response={200: list[MyActivityOut], **errors()}, summary="My activities",
            description="The activities the user is invited to in the active organisation, newest first. "
                        "`upcoming=true` keeps those not yet over, soonest first.")
@paginate(PageNumbers, size=20)
def my_activities(request, upcoming: bool = False):
    org = active_organisation(request)
    qs = selectors.my_participations(request.user, org)
    if upcoming:
        qs = qs.filter(activity__ends_at__gte=timezone.now()).order_by("activity__starts_at")
    return Rows(qs, lambda items: [{"activity": p.activity, "participation": p} for p in items])


@router.get("/calendar", response={200: list[ActivityOut], **errors()}, summary="Activities in a period",
            description="What the calendar shows between `start` and `end` (ISO dates): the user's own activities "
                        "(`mine=true`) or all those they may see in the organisation.")
def calendar(request, start: dt.date, end: dt.date, mine: bool = True):
    org = active_organisation(request)
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    if (finish - begin).days > 92:
        finish = begin + dt.timedelta(days=92)
    return list(selectors.calendar_activities(request.user, org, begin, finish, mine=mine))


@router.get("/{int:activity_id}", response={200: ActivityDetailOut, **errors(404, 409)}, summary="One activity",
            description="An activity the user may see, with the user's own participation if invited.")
def activity_detail(request, activity_id: Id):
    org = active_organisation(request)
    activity = selectors.activity_get_for_user(request.user, org, activity_id)
    activity.participation = permissions.participant_of(request.user, activity)
    return activity


@router.post("/{int:activity_id}/respond", response={200: ParticipationOut, **errors(404, 409)},
             summary="Answer the notice or ask for leave",
             description="`attend`; `leave` with a `reason` (staff then approve or refuse); `decline` only when "
                         "attendance is optional. Send the `version` you saw to be told of a change in between.")
def respond(request, activity_id: Id, payload: RespondIn):
    org = active_organisation(request)
    activity = selectors.activity_get_for_user(request.user, org, activity_id)
    mine = permissions.participant_of(request.user, activity)
    if mine is None:
        raise NotAllowed()
    return participation.participant_respond(actor=request.user, participant=mine, answer=payload.answer,
                                             reason=payload.reason, version=payload.version)


@router.post("/sign-in", response={200: SignInOut, **errors(404, 409)}, summary="Sign in with the QR code's token",
             description="The token is the last part of the URL the sign-in screen's QR code holds "
                         "(`/activities/sign-in/<token>/`). It changes every 30 seconds and is valid for at most a "
                         "minute, during the activity's sign-in window. Signing in twice is refused (409).")
def sign_in(request, payload: SignInIn):
    participant = participation.participant_sign_in(actor=request.user, token=payload.token.strip().rstrip("/").rsplit("/", 1)[-1])
    return {"activity_id": participant.activity_id, "title": participant.activity.title, "participation": participant}


@router.post("/{int:activity_id}/join", response={200: ParticipationOut, **errors(404, 409)},
             summary="Join a video consultation",
             description="Records remote attendance (once) during the sign-in window; the app then opens `video_url`.")
def join(request, activity_id: Id):
    org = active_organisation(request)
    activity = selectors.activity_get_for_user(request.user, org, activity_id)
    return participation.participant_join_remote(actor=request.user, activity=activity)


@router.post("/{int:activity_id}/participants/{int:participant_id}/leave", response={200: ParticipationOut, **errors(404, 409)},
             summary="Approve or refuse a leave request (staff)",
             description="Only staff of the activity's organisation; refusing needs a `comment`.")
def decide_leave(request, activity_id: Id, participant_id: Id, payload: LeaveDecisionIn):
    org = active_organisation(request)
    activity = selectors.activity_get_for_user(request.user, org, activity_id)
    participant = get_object_or_404(Participant.objects.select_related("activity__organisation"), pk=participant_id,
                                    activity=activity)
    return participation.participant_decide_leave(actor=request.user, participant=participant, approve=payload.approve,
                                                  comment=payload.comment, version=payload.version)


# --- outcome reports: what their recipients answered --------------------------------------------------------------


class RecipientFeedbackIn(Schema):
    feedback: str = Field("", max_length=4000)
    adopted: bool = False
    instruction_leader: str = Field("", max_length=60)
    instruction_level: Literal["", "county", "city", "province", "central"] = ""
    instruction_text: str = Field("", max_length=4000)
    promises: list[PromiseIn] | None = Field(
        None, max_length=MAX_PROMISES,
        description="The measures promised on adopting the suggestions, each with its date; "
                    "each becomes a tracked item of the work lists. Omitted: those recorded stay.")


class PromiseOut(Schema):
    measure: str
    due_on: dt.date


class RecipientOut(Schema):
    id: int
    name: str
    handling_unit_id: int | None
    sent_at: dt.datetime
    feedback: str
    feedback_at: dt.datetime | None
    adopted: bool
    instruction_leader: str
    instruction_level: str
    instruction_text: str
    promises: list[PromiseOut]


@router.post("/reports/{int:report_id}/recipients/{int:recipient_id}/feedback",
             response={200: RecipientOut, **errors(404, 409)}, summary="Record a recipient's feedback on an outcome report",
             description="Staff of the activity's organisation: what the recipient answered, whether the suggestions "
                         "were adopted (the report's credited members then get their duty event), a leader's "
                         "instruction (with the leader and level), and on adopting, the measures promised with their "
                         "dates (a date in the past or measures without `adopted` are refused, 400).")
def recipient_feedback(request, report_id: Id, recipient_id: Id, payload: RecipientFeedbackIn):
    org = active_organisation(request)
    report = selectors.report_get_for_user(request.user, org, report_id)
    recipient = get_object_or_404(ReportRecipient, pk=recipient_id, report=report)
    promises = None if payload.promises is None else [p.model_dump() for p in payload.promises]
    return outcomes.recipient_feedback(
        actor=request.user, recipient=recipient, feedback=payload.feedback, adopted=payload.adopted,
        instruction_leader=payload.instruction_leader, instruction_level=payload.instruction_level,
        instruction_text=payload.instruction_text, promises=promises)


# --- online deliberation ---------------------------------------------------------------------------------------


class TopicOut(Schema):
    id: int
    title: str
    description: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    scope: str
    status: str
    is_open: bool

    @staticmethod
    def resolve_is_open(obj):
        return obj.is_open()


class PostOut(Schema):
    id: int
    parent_id: Id | None
    author: str
    text: str
    created_at: dt.datetime
    like_count: int
    hidden: bool
    hidden_reason: str

    @staticmethod
    def resolve_author(obj):
        return obj.author.person.name if obj.author_id else ""

    @staticmethod
    def resolve_hidden(obj):
        return obj.is_hidden


class PostIn(Schema):
    text: str
    parent_id: Id | None = None


class TopicFilter(Schema):
    open_only: bool = False


@router.get("/topics", response={200: list[TopicOut], **errors()}, summary="Online deliberation topics",
            description="Topics the user may take part in (their scope: all members, their sector or committee).")
@paginate(PageNumbers, size=20)
def topics(request, filters: Query[TopicFilter]):
    org = active_organisation(request)
    qs = selectors.topics_visible_to(request.user, org)
    if filters.open_only:
        now = timezone.now()
        qs = qs.filter(status="published", opens_at__lte=now, closes_at__gt=now)
    return qs


def _with_replies(posts) -> list:
    """Each top-level view followed by its replies (prefetched by the selector)."""
    return [item for post in posts for item in (post, *post.replies.all())]


@router.get("/topics/{int:topic_id}/posts", response={200: list[PostOut], **errors(404, 409)}, summary="Views on a topic",
            description="Top-level views newest first, then replies are found by `parent_id`. A hidden post is "
                        "returned only to staff and to its author, with the reason.")
@paginate(PageNumbers)
def topic_posts(request, topic_id: Id):
    org = active_organisation(request)
    topic = selectors.topic_get_for_user(request.user, org, topic_id)
    return Rows(selectors.topic_posts(topic, request.user), _with_replies)


@router.post("/topics/{int:topic_id}/posts", response={200: PostOut, **errors(404, 409)}, summary="Post a view or a reply",
             description="While the topic is open and the user is in its scope; counts in the duty record.")
def post_create(request, topic_id: Id, payload: PostIn):
    org = active_organisation(request)
    topic = selectors.topic_get_for_user(request.user, org, topic_id)
    parent = get_object_or_404(Post, pk=payload.parent_id, topic=topic) if payload.parent_id else None
    post = deliberation.post_create(actor=request.user, topic=topic, text=payload.text, parent=parent)
    post.author = core_permissions.current_member(request.user, org)
    return post

from . import api_meeting  # noqa: E402,F401  (the meeting tools register their operations on this router)
