"""Writes on activities: create, edit, send the notice, close attendance (duty events), cancel, minutes."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.org_settings import get_setting
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.services import record_duty_events_bulk, retract_duty_events

from .. import permissions
from ..attendance import Rules, duty_events_for, evaluate
from ..choices import ActivityStatus, ActivityType, Response
from ..models import Activity, Participant
from ..workflow import ACTIVITY_WORKFLOW
from .common import activity_history, activity_url

FIELDS = ["type", "meeting_type", "consultation_type", "title", "description", "location", "starts_at", "ends_at",
          "signin_opens_at", "signin_closes_at", "attendance_required", "is_open", "committee", "session",
          "plan_item", "lead_name", "itinerary", "video_url"]
#: Changes that participants must hear of.
NOTICE_FIELDS = {"title", "location", "starts_at", "ends_at", "video_url"}


def _clean(organisation, data: dict) -> dict:  # noqa: C901 (one check per field, each with its own message)
    data = {k: v for k, v in data.items() if k in FIELDS}
    errors = {}
    kind = data.get("type")
    if kind not in ActivityType.values:
        errors["type"] = gettext("Choose the type of activity.")
    if kind == ActivityType.MEETING and not data.get("meeting_type"):
        errors["meeting_type"] = gettext("Choose the kind of meeting.")
    if kind != ActivityType.MEETING:
        data["meeting_type"] = ""
    if kind == ActivityType.CONSULTATION and not data.get("consultation_type"):
        errors["consultation_type"] = gettext("Choose the kind of consultation.")
    if kind != ActivityType.CONSULTATION:
        data["consultation_type"] = ""
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if not starts or not ends:
        errors["starts_at"] = gettext("Give the start and the end.")
    elif ends <= starts:
        errors["ends_at"] = gettext("The end must come after the start.")
    else:
        if not data.get("signin_opens_at"):
            minutes = int(get_setting(organisation, "activities.signin_opens_minutes"))
            data["signin_opens_at"] = starts - dt.timedelta(minutes=minutes)
        if not data.get("signin_closes_at"):
            data["signin_closes_at"] = ends
        if data["signin_closes_at"] <= data["signin_opens_at"]:
            errors["signin_closes_at"] = gettext("Sign-in must close after it opens.")
    for key in ("committee", "session"):
        value = data.get(key)
        owner = getattr(value, "organisation_id", None) if key == "committee" else getattr(
            getattr(value, "term", None), "organisation_id", None)
        if value is not None and owner != organisation.pk:
            errors[key] = gettext("Choose one of your organisation's.")
    plan_item = data.get("plan_item")
    if plan_item is not None and plan_item.plan.organisation_id != organisation.pk:
        errors["plan_item"] = gettext("Choose one of your organisation's.")
    if errors:
        raise DomainError(_("Please correct the marked fields."), errors=errors)
    return data


def activity_create(*, actor, organisation, data: dict) -> Activity:
    if not permissions.can_organise(actor, organisation):
        raise NotAllowed()
    data = _clean(organisation, data)
    with transaction.atomic():
        activity = Activity.objects.create(organisation=organisation, created_by=actor, **data)
        activity_history(activity, action="create", actor=actor, to_state=activity.status)
        audit_log(actor=actor, organisation=organisation, action="activities.activity.created", obj=activity,
                  changes={"type": activity.type, "starts_at": activity.starts_at})
    return activity


def _moved_window(activity: Activity, data: dict) -> dict:
    """When the time moves and the sign-in window was left as it was, the window moves with it (opening as long
    before the new start, closing as long after the new end)."""
    data = dict(data)
    starts, ends = data.get("starts_at") or activity.starts_at, data.get("ends_at") or activity.ends_at
    for field, old_anchor, new_anchor in (("signin_opens_at", activity.starts_at, starts),
                                          ("signin_closes_at", activity.ends_at, ends)):
        current = getattr(activity, field)
        if current and new_anchor != old_anchor and data.get(field, current) == current:
            data[field] = current + (new_anchor - old_anchor)
    return data


def activity_update(*, actor, activity: Activity, data: dict, version: int | None = None) -> Activity:
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    data = _clean(activity.organisation, {**{f: getattr(activity, f) for f in FIELDS}, **_moved_window(activity, data)})
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.all(), activity.pk, version=version)
        ACTIVITY_WORKFLOW.target("update", activity.status)
        changes = {k: [getattr(activity, k), v] for k, v in data.items() if getattr(activity, k) != v}
        for key, value in data.items():
            setattr(activity, key, value)
        activity.version += 1
        activity.save()
        activity_history(activity, action="update", actor=actor, from_state=activity.status,
                         data={"fields": sorted(changes)})
        audit_log(actor=actor, organisation=activity.organisation, action="activities.activity.updated",
                  obj=activity, changes=changes)
        if activity.status == ActivityStatus.PUBLISHED and NOTICE_FIELDS & set(changes):
            member_ids = activity.participants.exclude(response=Response.DECLINED).values_list("member_id", flat=True)
            notify(recipients=users_of_members(member_ids), organisation=activity.organisation,
                   code="activities.activity.changed", title=_("Changed: %(title)s, now %(when)s at %(place)s"),
                   params=_notice_params(activity), url=activity_url(activity), obj=activity)
    return activity


def _notice_params(activity) -> dict:
    return {"title": activity.title, "when": timezone.localtime(activity.starts_at).strftime("%Y-%m-%d %H:%M"),
            "place": activity.location or "—"}


def activity_publish(*, actor, activity: Activity, version: int | None = None) -> Activity:
    """Send the notice (会议通知) to every participant: inbox and e-mail."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.select_related("organisation"), activity.pk, version=version)
        target = ACTIVITY_WORKFLOW.target("publish", activity.status)
        if not activity.is_open and not activity.participants.exists():
            raise DomainError(_("Choose the participants before sending the notice."), code="no_participants")
        now = timezone.now()
        before = activity.status
        activity.status, activity.published_at = target, now
        bump(activity, "status", "published_at")
        send_notices(activity, activity.participants.all(), actor=actor)
        activity_history(activity, action="publish", actor=actor, from_state=before, to_state=target)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.activity.published",
                  obj=activity)
    return activity


def send_notices(activity, participants, *, actor) -> int:
    """Notify the given participants of the activity (the notice); marks them notified."""
    participants = list(participants.select_related("member"))
    if not participants:
        return 0
    notify(recipients=users_of_members(p.member_id for p in participants), organisation=activity.organisation,
           code="activities.activity.notice", title=_("Notice: %(title)s, %(when)s at %(place)s"),
           body=_("Please answer the notice: attend, or ask for leave with a reason."),
           params=_notice_params(activity), url=activity_url(activity), obj=activity)
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(notified_at=timezone.now())
    return len(participants)


def activity_close(*, actor, activity: Activity, version: int | None = None) -> Activity:
    """Close attendance: every participant's outcome is decided and becomes duty events."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.select_related("organisation"), activity.pk, version=version)
        target = ACTIVITY_WORKFLOW.target("close", activity.status)
        if timezone.now() < activity.starts_at:
            raise DomainError(_("Attendance can be closed once the activity has begun."), code="not_started")
        rules = Rules.of(activity.organisation)
        participants = list(activity.participants.select_related("member").select_for_update(of=("self",)))
        rows = []
        for p in participants:
            result = evaluate(p, activity, rules)
            p.outcome, p.is_late, p.left_early, p.minutes_present = (
                result.outcome, result.is_late, result.left_early, result.minutes_present)
            rows += [{"member": p.member, "kind": kind, "source": activity, "occurred_at": activity.starts_at,
                      "attributes": attributes, "title": activity.title}
                     for kind, attributes in duty_events_for(activity, p)]
        Participant.objects.bulk_update(participants, ["outcome", "is_late", "left_early", "minutes_present"],
                                        batch_size=500)
        record_duty_events_bulk(rows)
        before = activity.status
        activity.status, activity.closed_at = target, timezone.now()
        bump(activity, "status", "closed_at")
        counts = {}
        for p in participants:
            counts[p.outcome] = counts.get(p.outcome, 0) + 1
        activity_history(activity, action="close", actor=actor, from_state=before, to_state=target, data=counts)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.activity.closed",
                  obj=activity, changes=counts)
    return activity


def activity_cancel(*, actor, activity: Activity, reason: str, version: int | None = None) -> Activity:
    """Cancel: participants are told, and every duty event the activity made is retracted."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for cancelling."), errors={"reason": gettext("This field is required.")})
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.select_related("organisation"), activity.pk, version=version)
        before = activity.status
        target = ACTIVITY_WORKFLOW.target("cancel", before)
        activity.status, activity.cancelled_at, activity.cancel_reason = target, timezone.now(), reason[:200]
        bump(activity, "status", "cancelled_at", "cancel_reason")
        retracted = retract_duty_events(source=activity, reason="activity cancelled")
        for speech in activity.speeches.all():
            retracted += retract_duty_events(source=speech, reason="activity cancelled")
        for report in activity.reports.all():
            retracted += retract_duty_events(source=report, reason="activity cancelled")
        if before != ActivityStatus.DRAFT:
            notify(recipients=users_of_members(activity.participants.values_list("member_id", flat=True)),
                   organisation=activity.organisation, code="activities.activity.cancelled",
                   title=_("Cancelled: %(title)s (%(when)s)"), body=_("Reason: %(reason)s"),
                   params={**_notice_params(activity), "reason": reason}, url=activity_url(activity), obj=activity)
        activity_history(activity, action="cancel", actor=actor, from_state=before, to_state=target, comment=reason,
                         data={"retracted": retracted})
        audit_log(actor=actor, organisation=activity.organisation, action="activities.activity.cancelled",
                  obj=activity, changes={"reason": reason, "retracted_duty_events": retracted})
    return activity


def activity_minutes_save(*, actor, activity: Activity, minutes: str) -> Activity:
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        activity = lock_for_update(Activity.objects.all(), activity.pk)
        ACTIVITY_WORKFLOW.target("record_outcome", activity.status)
        activity.minutes = minutes.strip()
        activity.save(update_fields=["minutes"])
        activity_history(activity, action="minutes", actor=actor, from_state=activity.status)
        audit_log(actor=actor, organisation=activity.organisation, action="activities.activity.minutes_saved",
                  obj=activity, changes={"length": len(activity.minutes)})
    return activity


def activity_file_add(*, actor, activity: Activity, upload, role: str):
    """A photo or a minutes document of the activity."""
    from zhengxie.core.files import DOCUMENT_KINDS, IMAGE_KINDS, attachment_add

    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    ACTIVITY_WORKFLOW.target("record_outcome", activity.status)
    allowed = IMAGE_KINDS if role == "photo" else DOCUMENT_KINDS
    return attachment_add(actor=actor, organisation=activity.organisation, owner=activity, upload=upload, role=role,
                          allowed=allowed)
