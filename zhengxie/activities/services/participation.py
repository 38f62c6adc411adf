"""Writes on participants: choose them, answer the notice, leave requests, sign-in (QR, by hand, remote),
early leave, and corrections after attendance was closed."""

import datetime as dt
import re
import time

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core.choices import MemberPosition, Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Member, User
from zhengxie.core.selectors import users_of_members, users_with_role
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions, tokens
from ..attendance import ACTIVITY_KINDS, Rules, duty_events_for, evaluate
from ..choices import ActivityStatus, ParticipantRole, Response, SignInMethod
from ..models import Activity, Participant
from ..workflow import ACTIVITY_WORKFLOW, RESPONSE_WORKFLOW
from .activities import send_notices
from .common import activity_url, participant_history

#: Groups staff can invite at once.
GROUP_ALL = "all"
GROUP_STANDING = "standing"
GROUP_CHAIR_COUNCIL = "chair_council"
GROUPS = [
    (GROUP_ALL, _("All members")),
    (GROUP_STANDING, _("Members of the standing committee")),
    (GROUP_CHAIR_COUNCIL, _("Chair's council (chair, vice-chairs, secretary-general)")),
]
NAME_SEPARATORS = re.compile(r"[\s,，、;；]+")


def select_members(organisation, *, sectors=(), committees=(), groups=(), names: str = ""):
    """Current members chosen by sector, committee, role group or name. Returns (members, names not found)."""
    current = Member.objects.current().filter(organisation=organisation)
    condition = Q(pk__in=[])
    if GROUP_ALL in groups:
        condition = Q()
    else:
        if sectors:
            condition |= Q(sector__in=sectors)
        if committees:
            condition |= Q(committee__in=committees)
        if GROUP_STANDING in groups:
            condition |= Q(is_standing_committee=True)
        if GROUP_CHAIR_COUNCIL in groups:
            condition |= Q(position__in=[MemberPosition.CHAIR, MemberPosition.VICE_CHAIR,
                                         MemberPosition.SECRETARY_GENERAL])
    wanted = [n for n in NAME_SEPARATORS.split(names or "") if n]
    if wanted:
        condition |= Q(person__name__in=wanted)
    chosen = current.filter(condition).select_related("person")
    found = set(chosen.filter(person__name__in=wanted).values_list("person__name", flat=True)) if wanted else set()
    return chosen, [n for n in wanted if n not in found]


def participants_add(*, actor, activity: Activity, members, role: str = ParticipantRole.PARTICIPANT) -> int:
    """Invite members; if the notice was already sent, the newcomers get it now. Returns how many were added."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.select_related("organisation"), activity.pk)
        ACTIVITY_WORKFLOW.target("invite", activity.status)
        member_ids = set(
            Member.objects.current().filter(organisation=activity.organisation,
                                            pk__in=[m.pk for m in members]).values_list("pk", flat=True))
        existing = set(activity.participants.values_list("member_id", flat=True))
        new_ids = member_ids - existing
        Participant.objects.bulk_create(
            [Participant(activity=activity, member_id=member_id, role=role) for member_id in sorted(new_ids)],
            batch_size=1000, ignore_conflicts=True,
        )
        if activity.status == ActivityStatus.PUBLISHED and new_ids:
            send_notices(activity, activity.participants.filter(member_id__in=new_ids), actor=actor)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.added",
                  obj=activity, changes={"added": len(new_ids), "role": role})
    return len(new_ids)


def participant_remove(*, actor, participant: Participant) -> None:
    activity = participant.activity
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        participant = lock_for_update(Participant.objects.select_related("activity", "member__person"), participant.pk)
        ACTIVITY_WORKFLOW.target("invite", participant.activity.status)
        if participant.signed_in_at:
            raise DomainError(_("A member who signed in cannot be removed."), code="signed_in")
        audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.removed",
                  obj=activity, changes={"member": participant.member})
        participant.delete()


def _organisers(activity) -> list[User]:
    """Who hears of leave requests: the activity's author, else the organisation's general office."""
    if activity.created_by_id and activity.created_by.is_active:
        return [activity.created_by]
    return users_with_role(activity.organisation, Role.GENERAL_OFFICE)


ANSWERS = {"attend": "attend", "decline": "decline", "leave": "request_leave"}


def participant_respond(*, actor, participant: Participant, answer: str, reason: str = "",
                        version: int | None = None) -> Participant:
    """The member's answer to the notice: attend, not attend (optional activities only), or ask for leave."""
    if not permissions.can_answer(actor, participant):
        raise NotAllowed()
    action = ANSWERS.get(answer)
    if action is None:
        raise DomainError(_("Choose an answer."))
    reason = (reason or "").strip()
    with transaction.atomic():
        participant = lock_for_update(Participant.objects.select_related("activity__organisation", "member__person"),
                                      participant.pk, version=version)
        activity = participant.activity
        if activity.status != ActivityStatus.PUBLISHED or timezone.now() >= activity.ends_at:
            raise DomainError(_("The activity is over: answers are closed."), code="closed")
        before = participant.response
        target = RESPONSE_WORKFLOW.target(action, before)
        if action == "decline" and activity.attendance_required:
            raise DomainError(_("Attendance is mandatory: ask for leave with a reason instead."), code="mandatory")
        if action == "request_leave" and not reason:
            raise DomainError(_("Give the reason for your leave request."),
                              errors={"reason": gettext("This field is required.")})
        participant.response, participant.responded_at = target, timezone.now()
        participant.leave_reason = reason[:300] if action == "request_leave" else participant.leave_reason
        if action == "request_leave":
            participant.leave_decided_by, participant.leave_decided_at, participant.leave_comment = None, None, ""
        bump(participant, "response", "responded_at", "leave_reason", "leave_decided_by", "leave_decided_at", "leave_comment")
        participant_history(participant, action=action, actor=actor, from_state=before, to_state=target,
                            comment=reason)
        audit_log(actor=actor, organisation=activity.organisation, action=f"activities.participant.{action}",
                  obj=activity, changes={"member": participant.member, "reason": reason})
        if action == "request_leave":
            notify(recipients=_organisers(activity), organisation=activity.organisation,
                   code="activities.leave.requested", title=_("%(name)s asks for leave from %(title)s"),
                   body=_("Reason: %(reason)s"),
                   params={"name": participant.member.person.name, "title": activity.title, "reason": reason},
                   url=activity_url(activity) + "participants/", obj=activity)
    return participant


def participant_decide_leave(*, actor, participant: Participant, approve: bool, comment: str = "",
                             version: int | None = None) -> Participant:
    """Staff of the activity's organisation approve or refuse a leave request; the member is told."""
    if not permissions.can_decide_leave(actor, participant):
        raise NotAllowed()
    action = "approve_leave" if approve else "refuse_leave"
    comment = (comment or "").strip()
    with transaction.atomic():
        participant = lock_for_update(Participant.objects.select_related("activity__organisation", "member__person"),
                                      participant.pk, version=version)
        activity = participant.activity
        if activity.status not in (ActivityStatus.PUBLISHED, ActivityStatus.CLOSED):
            raise DomainError(_("Leave can be decided only for an activity whose notice was sent."))
        before = participant.response
        target = RESPONSE_WORKFLOW.target(action, before)
        if not approve and not comment:
            raise DomainError(_("Say why the leave is refused."), errors={"comment": gettext("This field is required.")})
        participant.response = target
        participant.leave_decided_by, participant.leave_decided_at = actor, timezone.now()
        participant.leave_comment = comment[:300]
        bump(participant, "response", "leave_decided_by", "leave_decided_at", "leave_comment")
        participant_history(participant, action=action, actor=actor, from_state=before, to_state=target,
                            comment=comment)
        audit_log(actor=actor, organisation=activity.organisation, action=f"activities.participant.{action}",
                  obj=activity, changes={"member": participant.member, "comment": comment})
        if activity.status == ActivityStatus.CLOSED:
            _reevaluate(activity, participant, actor=actor)
        title = (_("Your leave from %(title)s was approved") if approve
                 else _("Your leave from %(title)s was refused: please attend"))
        notify(recipients=users_of_members([participant.member_id]),
               organisation=activity.organisation, code=f"activities.leave.{'approved' if approve else 'refused'}",
               title=title, body=comment, params={"title": activity.title}, url=activity_url(activity), obj=activity)
    return participant


def _reevaluate(activity, participant, *, actor) -> None:
    """After attendance was closed, a correction decides the outcome again and replaces the duty events."""
    result = evaluate(participant, activity, Rules.of(activity.organisation))
    participant.outcome, participant.is_late, participant.left_early, participant.minutes_present = (
        result.outcome, result.is_late, result.left_early, result.minutes_present)
    participant.save(update_fields=["outcome", "is_late", "left_early", "minutes_present"])
    wanted = dict(duty_events_for(activity, participant))
    for kind in ACTIVITY_KINDS - set(wanted):
        retract_duty_events(source=activity, kind=kind, member=participant.member, reason="attendance corrected")
    for kind, attributes in wanted.items():
        record_duty_event(member=participant.member, kind=kind, source=activity, occurred_at=activity.starts_at,
                          attributes=attributes, title=activity.title, actor=actor)


def _sign_in(participant, *, actor, method: str, at: dt.datetime, by=None) -> Participant:
    if participant.signed_in_at is not None:
        raise DomainError(
            _("%(name)s already signed in at %(time)s.") % {
                "name": participant.member.person.name,
                "time": timezone.localtime(participant.signed_in_at).strftime("%H:%M")},
            code="already_signed_in")
    participant.signed_in_at, participant.signin_method, participant.signed_in_by = at, method, by
    if participant.response == Response.INVITED:  # coming is the answer
        participant.response = RESPONSE_WORKFLOW.target("attend", participant.response)
        participant.responded_at = at
    bump(participant, "signed_in_at", "signin_method", "signed_in_by", "response", "responded_at")
    participant_history(participant, action="sign_in", actor=actor, from_state=participant.response,
                        data={"method": method, "at": at.isoformat()})
    return participant


def sign_in_refusal(actor, activity) -> str | None:
    """Why ``actor`` cannot sign in to ``activity`` whatever the time (shown before the confirm button), or None."""
    seat = core_permissions.current_member(actor, activity.organisation)
    if seat is None:
        return _("Only members of %(org)s can sign in here.") % {"org": activity.organisation.short_name}
    if not activity.is_open and not Participant.objects.filter(activity=activity, member=seat).exists():
        return str(_("You are not among the participants of this activity."))
    return None


def _own_participant(actor, activity) -> Participant:
    """The actor's participant row (created for an open activity), locked."""
    seat = core_permissions.current_member(actor, activity.organisation)
    if seat is None:
        raise NotAllowed(_("Only members of %(org)s can sign in here.") % {"org": activity.organisation.short_name})
    found = Participant.objects.select_for_update().filter(activity=activity, member=seat).first()
    if found is None:
        if not activity.is_open:
            raise NotAllowed(_("You are not among the participants of this activity."))
        try:
            with transaction.atomic():
                Participant.objects.create(activity=activity, member=seat, response=Response.ATTENDING)
        except IntegrityError:  # a second scan at the same moment created it
            pass
        found = Participant.objects.select_for_update().get(activity=activity, member=seat)
    found.member = seat
    return found


def participant_sign_in(*, actor, token: str, scanned_at: float | None = None,
                        method: str = SignInMethod.QR) -> Participant:
    """A member signs themself in with the code scanned from the sign-in screen.

    ``scanned_at``: when the server first saw the code (kept in the member's session, so that logging in first
    does not expire it); at most ``tokens.SCAN_MEMORY_SECONDS`` ago, else the code is judged now."""
    now_ts = time.time()
    if scanned_at is None or not (now_ts - tokens.SCAN_MEMORY_SECONDS <= scanned_at <= now_ts):
        scanned_at = now_ts
    activity_id = tokens.verify_token(token, now=scanned_at)
    with transaction.atomic():
        activity = Activity.objects.select_related("organisation").filter(pk=activity_id).first()
        if activity is None:
            raise tokens.InvalidToken()
        now = timezone.now()
        if not activity.signin_open(now):
            raise DomainError(_("Sign-in for %(title)s is open from %(opens)s to %(closes)s.") % {
                "title": activity.title,
                "opens": timezone.localtime(activity.signin_opens_at).strftime("%m-%d %H:%M"),
                "closes": timezone.localtime(activity.signin_closes_at).strftime("%m-%d %H:%M")},
                code="signin_closed")
        participant = _sign_in(_own_participant(actor, activity), actor=actor, method=method, at=now)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.signed_in",
                  obj=activity, changes={"method": method})
    return participant


def participant_join_remote(*, actor, activity: Activity) -> Participant:
    """Joining a video consultation by its link counts as remote attendance (once)."""
    if not activity.is_video:
        raise DomainError(_("This activity has no video meeting."))
    with transaction.atomic():
        activity = Activity.objects.select_related("organisation").get(pk=activity.pk)
        now = timezone.now()
        if not activity.signin_open(now):
            raise DomainError(_("The video meeting can be joined from %(opens)s.") % {
                "opens": timezone.localtime(activity.signin_opens_at).strftime("%m-%d %H:%M")}, code="signin_closed")
        participant = _own_participant(actor, activity)
        if participant.signed_in_at is None:
            _sign_in(participant, actor=actor, method=SignInMethod.REMOTE, at=now)
            audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.joined_remote",
                      obj=activity)
    return participant


def _lock_for_attendance(actor, participant, *, refused) -> Participant:
    """Staff's attendance records: while the notice is out, or as a correction once attendance was closed."""
    if not permissions.can_manage_activity(actor, participant.activity):
        raise NotAllowed()
    participant = lock_for_update(Participant.objects.select_related("activity__organisation", "member__person"),
                                  participant.pk)
    status = participant.activity.status
    if status != ActivityStatus.PUBLISHED and not ACTIVITY_WORKFLOW.can("correct", status):
        raise DomainError(refused)
    return participant


def participant_sign_in_manual(*, actor, participant: Participant, at: dt.datetime | None = None) -> Participant:
    """Staff sign a member in by hand (a member without a phone, a correction)."""
    with transaction.atomic():
        participant = _lock_for_attendance(actor, participant,
                                           refused=_("Members can be signed in once the notice was sent."))
        activity = participant.activity
        at = at or timezone.now()
        if at > timezone.now() or not (activity.signin_opens_at <= at <= activity.ends_at):
            raise DomainError(_("The time must lie between the opening of sign-in and the end of the activity."),
                              errors={"at": gettext("Out of range.")})
        _sign_in(participant, actor=actor, method=SignInMethod.MANUAL, at=at, by=actor)
        if activity.status == ActivityStatus.CLOSED:
            _reevaluate(activity, participant, actor=actor)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.signed_in",
                  obj=activity, changes={"member": participant.member, "method": SignInMethod.MANUAL, "at": at})
    return participant


def participant_mark_left(*, actor, participant: Participant, at: dt.datetime | None = None) -> Participant:
    """Record that a member left before the end (early leave)."""
    with transaction.atomic():
        participant = _lock_for_attendance(actor, participant,
                                           refused=_("Early leave can be recorded once the notice was sent."))
        activity = participant.activity
        if participant.signed_in_at is None:
            raise DomainError(_("%(name)s has not signed in.") % {"name": participant.member.person.name})
        at = at or timezone.now()
        if not (participant.signed_in_at <= at < activity.ends_at):
            raise DomainError(_("The time must lie between the sign-in and the end of the activity."),
                              errors={"at": gettext("Out of range.")})
        participant.left_at = at
        bump(participant, "left_at")
        participant_history(participant, action="left_early", actor=actor, from_state=participant.response,
                            data={"at": at.isoformat()})
        if activity.status == ActivityStatus.CLOSED:
            _reevaluate(activity, participant, actor=actor)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.participant.left_early",
                  obj=activity, changes={"member": participant.member, "at": at})
    return participant
