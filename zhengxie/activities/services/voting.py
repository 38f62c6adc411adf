"""Writes of electronic voting (电子表决): a matter is drafted, put to the vote, voted on by the members signed in
to the meeting (each once), closed with its result decided by the organisation's quorum and majority rules.

A secret vote stores no link from a ballot to its voter: see ``models/voting.py``."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.org_settings import get_setting
from zhengxie.core.services import audit_log

from .. import permissions
from ..choices import ActivityStatus, ActivityType
from ..models import Activity, Motion, MotionEvent, Participant, VoteCast
from ..voting_rules import (
    MOTION_WORKFLOW,
    VOTING_MEETING_TYPES,
    MotionKind,
    MotionStatus,
    Tally,
    VoteChoice,
    quorum_met,
    result_of,
)

logger = logging.getLogger(__name__)

COUNTERS = {VoteChoice.YES: "yes_count", VoteChoice.NO: "no_count", VoteChoice.ABSTAIN: "abstain_count"}


def _move(motion, action, *, actor, fields=(), data=None, comment=""):
    return transitions.transition(
        motion, action, workflow=MOTION_WORKFLOW, actor=actor,
        allowed=permissions.can_manage_activity(actor, motion.activity), history=MotionEvent,
        history_for={"motion": motion}, audit=f"activities.motion.{action}", fields=fields, data=data,
        comment=comment)


def _check_meeting(activity: Activity) -> None:
    if activity.type != ActivityType.MEETING or activity.meeting_type not in VOTING_MEETING_TYPES:
        raise DomainError(_("Only plenary sessions and standing committee meetings hold electronic votes."))
    if activity.status in (ActivityStatus.CANCELLED, ActivityStatus.CLOSED):
        raise DomainError(_("This meeting is over: no matter can be added to it."))


def _clean(kind: str, title: str) -> str:
    title = (title or "").strip()
    errors = {}
    if kind not in MotionKind.values:
        errors["kind"] = gettext("Choose the kind of matter.")
    if not title:
        errors["title"] = gettext("Give the matter a title.")
    if errors:
        raise DomainError(_("Correct the fields marked below."), errors=errors)
    return title


def motion_create(*, actor, activity: Activity, kind: str, title: str, text: str = "", secret: bool = False) -> Motion:
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    _check_meeting(activity)
    title = _clean(kind, title)
    if kind == MotionKind.PERSONNEL:
        secret = True  # personnel matters are always decided by secret ballot
    with transaction.atomic():
        order = (activity.motions.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
        motion = Motion.objects.create(organisation=activity.organisation, activity=activity, kind=kind, title=title,
                                       text=(text or "").strip(), secret=secret, sort_order=order, created_by=actor)
        transitions.record(motion, "create", actor=actor, history=MotionEvent, history_for={"motion": motion},
                           from_state="", to_state=motion.status, audit="activities.motion.created",
                           data={"kind": kind, "secret": secret})
    return motion


def motion_update(*, actor, motion: Motion, kind: str, title: str, text: str = "", secret: bool = False,
                  version: int | None = None) -> Motion:
    title = _clean(kind, title)
    with transaction.atomic():
        motion = transitions.lock(Motion, motion, version=version)
        motion.kind, motion.title, motion.text = kind, title, (text or "").strip()
        motion.secret = True if kind == MotionKind.PERSONNEL else secret
        _move(motion, "update", actor=actor, fields=["kind", "title", "text", "secret"])
    return motion


def _electorate(activity) -> tuple[int, int]:
    """All members of the meeting (its participants) and those signed in and not gone."""
    rows = Participant.objects.filter(activity=activity)
    return rows.count(), rows.filter(signed_in_at__isnull=False, left_at__isnull=True).count()


def motion_open(*, actor, motion: Motion, version: int | None = None) -> Motion:
    """Put the matter to the vote: the rules are taken from the organisation's settings and kept with it; refused
    without a quorum signed in."""
    with transaction.atomic():
        motion = transitions.lock(Motion, motion, version=version)
        activity = motion.activity
        if not permissions.can_manage_activity(actor, activity):
            raise NotAllowed()
        if activity.status != ActivityStatus.PUBLISHED:
            raise DomainError(_("The meeting must be under way (notice sent, attendance not closed) to vote."))
        if activity.motions.filter(status=MotionStatus.OPEN).exclude(pk=motion.pk).exists():
            raise DomainError(_("Another vote is open: close it first."), code="another_open")
        org = motion.organisation
        motion.quorum_rule = get_setting(org, "activities.vote_quorum")
        motion.majority_rule = get_setting(org, "activities.vote_majority")
        motion.electorate, motion.present = _electorate(activity)
        if not quorum_met(motion.quorum_rule, electorate=motion.electorate, present=motion.present):
            raise DomainError(
                _("No quorum: %(present)d of %(all)d members are signed in.") % {
                    "present": motion.present, "all": motion.electorate}, code="no_quorum")
        motion.opened_at = timezone.now()
        _move(motion, "open", actor=actor,
              fields=["quorum_rule", "majority_rule", "electorate", "present", "opened_at"],
              data={"electorate": motion.electorate, "present": motion.present, "quorum": motion.quorum_rule,
                    "majority": motion.majority_rule})
    return motion


def vote_cast(*, actor, motion: Motion, choice: str) -> VoteCast:
    """The member's vote, counted once: a second attempt (a double tap, a second phone) is refused."""
    if choice not in VoteChoice.values:
        raise DomainError(_("Choose for, against or abstain."), errors={"choice": gettext("Choose one.")})
    try:
        with transaction.atomic():
            motion = transitions.lock(Motion, motion)
            if not MOTION_WORKFLOW.can("vote", motion.status):
                raise DomainError(_("This vote is not open."), code="not_open")
            if not permissions.can_vote(actor, motion):
                raise NotAllowed(_("Only members signed in to this meeting may vote."))
            member = permissions.participant_of(actor, motion.activity).member
            if VoteCast.objects.filter(motion=motion, member=member).exists():
                raise DomainError(_("You have already voted on this matter."), code="already_voted")
            vote = VoteCast.objects.create(motion=motion, member=member,
                                           choice="" if motion.secret else choice,
                                           cast_at=None if motion.secret else timezone.now())
            Motion.objects.filter(pk=motion.pk).update(**{COUNTERS[choice]: F(COUNTERS[choice]) + 1})
            if motion.secret:
                # who voted, never how: the audit entry and the history keep no choice
                audit_log(actor=actor, organisation=motion.organisation, action="activities.motion.voted",
                          obj=motion, changes={"secret": True})
            else:
                transitions.record(motion, "vote", actor=actor, history=MotionEvent, history_for={"motion": motion},
                                   from_state=motion.status, to_state=motion.status,
                                   audit="activities.motion.voted", data={"choice": choice})
    except IntegrityError:
        # the unique constraint caught a concurrent second vote that the check above could not see yet
        raise DomainError(_("You have already voted on this matter."), code="already_voted") from None
    return vote


def motion_close(*, actor, motion: Motion, version: int | None = None) -> Motion:
    """Close the vote: the members signed in now and the counters decide the result, kept with the meeting."""
    with transaction.atomic():
        motion = transitions.lock(Motion, motion, version=version)
        motion.electorate, present = _electorate(motion.activity)
        motion.present = max(present, motion.cast_count)
        tally = Tally(motion.electorate, motion.present, motion.yes_count, motion.no_count, motion.abstain_count)
        motion.result = result_of(tally, quorum_rule=motion.quorum_rule, majority_rule=motion.majority_rule)
        motion.closed_at = timezone.now()
        _move(motion, "close", actor=actor, fields=["electorate", "present", "result", "closed_at"],
              data={"for": tally.yes, "against": tally.no, "abstain": tally.abstain, "present": tally.present,
                    "electorate": tally.electorate, "result": motion.result})
    logger.info("motion %s closed: %s", motion.pk, motion.result)
    return motion


def motion_withdraw(*, actor, motion: Motion, version: int | None = None) -> Motion:
    with transaction.atomic():
        motion = transitions.lock(Motion, motion, version=version)
        _move(motion, "withdraw", actor=actor)
    return motion
