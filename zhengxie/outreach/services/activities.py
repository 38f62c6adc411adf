"""Writes to activities at places. A held activity is in the duty ledger of each member who took part
(DutyEventKind.OUTREACH_ACTIVITY with ``activity_type``); editing the members or cancelling keeps it in step."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import IMAGE_KINDS, attachment_add
from zhengxie.core.models import Member
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, notify
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..choices import ActivityKind, ActivityStatus
from ..models import ActivityEvent, ActivityParticipant, OutreachActivity, Place
from ..workflow import ACTIVITY_WORKFLOW
from .common import clean_text


def _clean(place: Place, data: dict, participants, *, held: bool) -> tuple[dict, list[Member]]:
    errors = {}
    cleaned = {}
    if data.get("kind") not in ActivityKind.values:
        errors["kind"] = gettext("Choose the type of activity.")
    cleaned["kind"] = data.get("kind")
    cleaned["topic"] = clean_text(data.get("topic"), max_length=200)
    if not cleaned["topic"]:
        errors["topic"] = gettext("Give the topic.")
    cleaned["held_on"] = data.get("held_on")
    if cleaned["held_on"] is None:
        errors["held_on"] = gettext("Give the date.")
    elif held and cleaned["held_on"] > timezone.localdate():
        errors["held_on"] = gettext("An activity that was held cannot be in the future.")
    cleaned["constituents_count"] = int(data.get("constituents_count") or 0)
    if not 0 <= cleaned["constituents_count"] <= 100000:
        errors["constituents_count"] = gettext("Give a number from 0 to 100,000.")
    cleaned["outcome"] = clean_text(data.get("outcome"), max_length=4000, multiline=True)
    members = list(participants)
    if any(m.organisation_id != place.organisation_id for m in members):
        errors["participants"] = gettext("Every participant must be a member of this organisation.")
    if held and not members:
        errors["participants"] = gettext("Name the members who took part.")
    if errors:
        raise DomainError(gettext("The activity could not be saved: correct the marked fields."), errors=errors)
    return cleaned, members


def _sync_duty_events(activity: OutreachActivity, actor) -> None:
    """Held: each participant has the event, others none. Otherwise: nobody has it."""
    if activity.status != ActivityStatus.HELD:
        retract_duty_events(source=activity, kind=DutyEventKind.OUTREACH_ACTIVITY,
                            reason=gettext("The activity was cancelled."))
        return
    members = list(Member.objects.filter(outreach_participations__activity=activity))
    for member in members:
        record_duty_event(member=member, kind=DutyEventKind.OUTREACH_ACTIVITY, source=activity,
                          occurred_at=activity.occurred_at, attributes={"activity_type": activity.kind},
                          title=f"{activity.get_kind_display()}：{activity.topic}", actor=actor)
    stale = DutyEvent.objects.live().filter(
        source_type=ContentType.objects.get_for_model(OutreachActivity), source_id=str(activity.pk),
        kind=DutyEventKind.OUTREACH_ACTIVITY,
    ).exclude(member_id__in=[m.pk for m in members]).values_list("member_id", flat=True)
    for member in Member.objects.filter(pk__in=list(stale)):
        retract_duty_events(source=activity, kind=DutyEventKind.OUTREACH_ACTIVITY, member=member,
                            reason=gettext("No longer listed as a participant."))


def _set_participants(activity: OutreachActivity, members: list[Member]) -> set[int]:
    """Replace the participants; return the ids of those added."""
    current = set(ActivityParticipant.objects.filter(activity=activity).values_list("member_id", flat=True))
    wanted = {m.pk for m in members}
    ActivityParticipant.objects.filter(activity=activity, member_id__in=current - wanted).delete()
    ActivityParticipant.objects.bulk_create([ActivityParticipant(activity=activity, member_id=pk)
                                             for pk in wanted - current])
    return wanted - current


def _history(activity, action, from_state, actor, comment="", data=None):
    """A history row alone: the creation, whose audit entry names the participants."""
    transitions.record(activity, action, actor=actor, history=ActivityEvent, history_for={"activity": activity},
                       from_state=from_state, to_state=activity.status, audit=None, comment=comment, data=data)


def _move(activity, action, actor, *, audit, changes, fields=(), comment=""):
    """The locked activity along ``action`` (``core.transitions``): the table, the version, history and audit."""
    activity.updated_at = timezone.now()
    return transitions.transition(activity, action, workflow=ACTIVITY_WORKFLOW, actor=actor, history=ActivityEvent,
                                  history_for={"activity": activity}, audit=audit, fields=[*fields, "updated_at"],
                                  comment=comment, audit_changes=changes)


def _url(activity) -> str:
    from django.urls import reverse

    return reverse("outreach:activity_detail", args=[activity.pk])


def activity_create(*, actor, place: Place, data: dict, participants, held: bool = False) -> OutreachActivity:
    """Plan an activity, or record one that was held (``held``: its members get it in their duty record)."""
    if not permissions.can_record_activity_at(actor, place):
        raise NotAllowed()
    if not place.is_active:
        raise DomainError(gettext("The place is closed: activities can no longer be added to it."))
    cleaned, members = _clean(place, data, participants, held=held)
    with transaction.atomic():
        activity = OutreachActivity.objects.create(
            organisation=place.organisation, place=place, created_by=actor,
            status=ActivityStatus.HELD if held else ActivityStatus.PLANNED, **cleaned,
        )
        _set_participants(activity, members)
        _history(activity, "record" if held else "plan", "", actor)
        _sync_duty_events(activity, actor)
        audit_log(actor=actor, organisation=place.organisation,
                  action="outreach.activity.recorded" if held else "outreach.activity.planned", obj=activity,
                  changes={**cleaned, "place": place, "participants": [m.pk for m in members]})
        others = [m for m in members if m.person_id != getattr(actor, "person_id", None)]
        if others:
            title = (_("You took part in “%(topic)s” at %(place)s") if held
                     else _("You are invited to “%(topic)s” at %(place)s on %(date)s"))
            notify(recipients=users_of_members(others), organisation=place.organisation,
                   code="outreach.activity.participant", title=title,
                   params={"topic": activity.topic, "place": place.name, "date": activity.held_on.isoformat()},
                   url=_url(activity), obj=activity)
    return activity


def _locked(actor, activity, action, version, allowed=None):
    """The row locked (alone: its place and organisation stay free), the right checked on it (``allowed``, or the
    right to edit it), and the target."""
    activity = transitions.lock(OutreachActivity, activity, version=version,
                                allowed=allowed or (lambda activity: permissions.can_edit_activity(actor, activity)))
    return activity, ACTIVITY_WORKFLOW.target(action, activity.status)


def _may_cancel(actor, activity) -> bool:
    if not permissions.can_edit_activity(actor, activity):
        return False
    if activity.status == ActivityStatus.HELD and not permissions.can_manage(actor, activity.organisation):
        raise NotAllowed(gettext("Only the office can withdraw the record of a held activity."))
    return True


def activity_update(*, actor, activity: OutreachActivity, data: dict, participants,
                    version: int | None = None) -> OutreachActivity:
    """Correct an activity (planned or held); the duty ledger follows the list of participants."""
    with transaction.atomic():
        activity, _target = _locked(actor, activity, "update", version)
        cleaned, members = _clean(activity.place, data, participants, held=activity.status == ActivityStatus.HELD)
        before = {k: getattr(activity, k) for k in cleaned}
        for key, value in cleaned.items():
            setattr(activity, key, value)
        _move(activity, "update", actor, audit="outreach.activity.updated", fields=list(cleaned),
              changes={k: [before[k], v] for k, v in cleaned.items() if before[k] != v}
              | {"participants": [m.pk for m in members]})
        added = _set_participants(activity, members)
        _sync_duty_events(activity, actor)
        if added and activity.status == ActivityStatus.PLANNED:
            notify(recipients=users_of_members([m for m in members if m.pk in added]),
                   organisation=activity.organisation, code="outreach.activity.participant",
                   title=_("You are invited to “%(topic)s” at %(place)s on %(date)s"),
                   params={"topic": activity.topic, "place": activity.place.name,
                           "date": activity.held_on.isoformat()}, url=_url(activity), obj=activity)
    return activity


def activity_record(*, actor, activity: OutreachActivity, outcome: str, constituents_count: int, participants,
                    version: int | None = None) -> OutreachActivity:
    """A planned activity took place: who came, how many constituents, what came of it."""
    with transaction.atomic():
        activity, target = _locked(actor, activity, "record", version)
        data = {"kind": activity.kind, "topic": activity.topic, "held_on": activity.held_on, "outcome": outcome,
                "constituents_count": constituents_count}
        cleaned, members = _clean(activity.place, data, participants, held=True)
        old = activity.status
        activity.outcome = cleaned["outcome"]
        activity.constituents_count = cleaned["constituents_count"]
        _move(activity, "record", actor, audit="outreach.activity.recorded", fields=["outcome", "constituents_count"],
              changes={"status": [old, target], "constituents_count": activity.constituents_count,
                       "participants": [m.pk for m in members]})
        _set_participants(activity, members)
        _sync_duty_events(activity, actor)
    return activity


def activity_cancel(*, actor, activity: OutreachActivity, reason: str = "", version: int | None = None) -> OutreachActivity:
    """Call off a planned activity, or withdraw a record made by mistake (its duty events are retracted)."""
    reason = clean_text(reason, max_length=500)
    with transaction.atomic():
        activity, target = _locked(actor, activity, "cancel", version,
                                   allowed=lambda activity: _may_cancel(actor, activity))
        old = _move(activity, "cancel", actor, audit="outreach.activity.cancelled", comment=reason,
                    changes={"status": [activity.status, target], "reason": reason})
        _sync_duty_events(activity, actor)
        if old == ActivityStatus.PLANNED:
            members = Member.objects.filter(outreach_participations__activity=activity).exclude(
                person_id=getattr(actor, "person_id", None))
            notify(recipients=users_of_members(members), organisation=activity.organisation,
                   code="outreach.activity.cancelled", title=_("“%(topic)s” on %(date)s is cancelled"),
                   params={"topic": activity.topic, "date": activity.held_on.isoformat()}, url=_url(activity),
                   obj=activity)
    return activity


def activity_add_photo(*, actor, activity: OutreachActivity, upload):
    if not permissions.can_edit_activity(actor, activity):
        raise NotAllowed()
    return attachment_add(actor=actor, organisation=activity.organisation, owner=activity, upload=upload,
                          role="photo", allowed=IMAGE_KINDS)

