"""Writes to constituents' concerns: sent on the public page or registered by a member, routed to a place or a
member, passed to a handling unit and answered, noted, closed, rated by the person, reopened."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.context import actor_or_none
from zhengxie.core.dates import add_working_days
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import IMAGE_KINDS, attachment_add, check_upload
from zhengxie.core.models import HandlingUnit, Member
from zhengxie.core.org_settings import get_setting
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, notify
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..choices import ConcernSource, ConcernStatus, FeedbackChannel
from ..guard import COMMENT_MAX, NAME_MAX, PHOTO_MAX_BYTES
from ..models import Concern, ConcernEvent, Place
from ..models.concerns import new_tracking_code
from ..workflow import CONCERN_WORKFLOW
from .common import clean_phone, clean_text, outreach_office_users, users_of_unit

MIN_DESCRIPTION = 5


def _url(concern) -> str:
    return reverse("outreach:concern_detail", args=[concern.pk])


def _field(errors: dict, key: str, call):
    try:
        return call()
    except DomainError as exc:
        errors[key] = exc.errors.get(key) or str(exc)
        return ""


def clean_concern(organisation, data: dict) -> dict:
    """Validate what describes a concern (from the public page, a member's form or the API)."""
    errors = {}
    cleaned = {
        "submitter_name": _field(errors, "name", lambda: clean_text(data.get("name"), max_length=NAME_MAX)),
        "submitter_phone": _field(errors, "phone", lambda: clean_phone(data.get("phone"))),
        "category": clean_text(data.get("category"), max_length=40),
    }
    limit = get_setting(organisation, "outreach.description_max_length")
    cleaned["description"] = _field(errors, "description",
                                    lambda: clean_text(data.get("description"), max_length=limit, multiline=True))
    if not cleaned["submitter_name"] and "name" not in errors:
        errors["name"] = gettext("Give your name.")
    if cleaned["category"] not in get_setting(organisation, "outreach.concern_categories"):
        errors["category"] = gettext("Choose one of the listed categories.")
    if "description" not in errors and len(cleaned["description"]) < MIN_DESCRIPTION:
        errors["description"] = gettext("Describe the problem in a few words at least.")
    place = data.get("place")
    if place is not None and (place.organisation_id != organisation.pk or not place.is_active):
        errors["place"] = gettext("Choose a place of this committee.")
    cleaned["place"] = place
    if errors:
        raise DomainError(gettext("The concern could not be sent: correct the marked fields."), errors=errors)
    return cleaned


def _event(concern, action, from_state, actor, comment="", data=None, public=False) -> ConcernEvent:
    """The concern's history row (``public``: shown to the person on the tracking page), through the one
    mechanism; the caller writes the audit entry."""
    return transitions.record(concern, action, actor=actor, history=ConcernEvent,
                              history_for={"concern": concern, "is_public": public}, from_state=from_state,
                              to_state=concern.status, audit=None, comment=comment, data=data)


def _new_code(concern) -> str:
    while True:
        code = new_tracking_code()
        concern.set_code(code)
        if not Concern.objects.filter(code_digest=concern.code_digest).exists():
            return code


def _place_team(place) -> list[Member]:
    if place is None:
        return []
    team = [pm.member for pm in place.team.select_related("member")]
    return [place.lead_member, *team] if place.lead_member_id else team


def _announce_new(concern) -> None:
    """A new concern: to the place's members, or to the office when it names no place."""
    recipients = users_of_members(_place_team(concern.place)) if concern.place_id else []
    if recipients:
        notify(recipients=recipients, organisation=concern.organisation, code="outreach.concern.new",
               title=_("A new concern (%(category)s) waits at %(place)s"),
               params={"category": concern.category, "place": concern.place.name}, url=_url(concern), obj=concern)
    else:
        notify(recipients=outreach_office_users(concern.organisation), organisation=concern.organisation,
               code="outreach.concern.new", title=_("A new concern (%(category)s) waits to be routed"),
               params={"category": concern.category}, url=_url(concern), obj=concern)


def _create(*, organisation, cleaned, source, actor, upload, status=ConcernStatus.SUBMITTED, member=None,
            activity=None) -> tuple[Concern, str]:
    if upload is not None:
        check_upload(upload, allowed=IMAGE_KINDS, max_bytes=PHOTO_MAX_BYTES)
    with transaction.atomic():
        concern = Concern(organisation=organisation, source=source, status=status, assigned_member=member,
                          registered_by=actor_or_none(actor),
                          activity=activity, **cleaned)
        code = _new_code(concern)
        concern.save()
        _event(concern, "submit", "", actor, public=True)
        if member is not None:
            _event(concern, "assign", ConcernStatus.SUBMITTED, actor, data={"member": member.pk}, public=True)
        if upload is not None:
            attachment_add(actor=actor, organisation=organisation, owner=concern, upload=upload, role="photo",
                           allowed=IMAGE_KINDS)
        audit_log(actor=actor, organisation=organisation, action="outreach.concern.submitted", obj=concern,
                  changes={"source": source, "place": concern.place, "category": concern.category,
                           "member": member})
        if member is None:
            _announce_new(concern)
    return concern, code


def concern_submit_public(*, organisation, data: dict, upload=None) -> tuple[Concern, str]:
    """A concern sent by the person on the public page (the caller has applied the page's protections).
    Returns the concern and its tracking code, which is shown once and never stored."""
    cleaned = clean_concern(organisation, data)
    return _create(organisation=organisation, cleaned=cleaned, source=ConcernSource.PUBLIC, actor=None, upload=upload)


def concern_register(*, actor, organisation, data: dict, upload=None, handle_myself: bool = False,
                     activity=None) -> tuple[Concern, str]:
    """A member (or the office) registers a concern on the person's behalf; a member may handle it himself."""
    if not permissions.can_register_concern(actor, organisation):
        raise NotAllowed()
    cleaned = clean_concern(organisation, data)
    if activity is not None and activity.organisation_id != organisation.pk:
        raise NotAllowed()
    seat = permissions.seat_of(actor, organisation)
    member = seat if handle_myself and seat is not None else None
    source = ConcernSource.MEMBER if seat is not None else ConcernSource.OFFICE
    return _create(organisation=organisation, cleaned=cleaned, source=source, actor=actor, upload=upload,
                   status=ConcernStatus.HANDLING if member else ConcernStatus.SUBMITTED, member=member,
                   activity=activity)


def _lock(concern, action, version, allowed=None):
    """The concern locked; the actor's right (``allowed(concern)``) checked first, then the version, then the
    state: someone who may not act is refused (403), never told the concern changed (409)."""
    locked = lock_for_update(Concern.objects.all(), concern.pk, version=version, allowed=allowed)
    return locked, CONCERN_WORKFLOW.target(action, locked.status)


def _save(concern, fields):
    transitions.bump(concern, *fields)


def concern_route(*, actor, concern: Concern, place: Place, comment: str = "", version: int | None = None) -> Concern:
    """Send the concern to a place, where one of its members will take it up."""
    comment = clean_text(comment, max_length=COMMENT_MAX, multiline=True)
    with transaction.atomic():
        concern, target = _lock(concern, "route", version,
                                  allowed=lambda concern: permissions.can_route(actor, concern))
        if place is None or place.organisation_id != concern.organisation_id or not place.is_active:
            raise DomainError(gettext("Choose an open place of this committee."), errors={"place": gettext("Not available.")})
        old = concern.status
        concern.status, concern.place, concern.assigned_member = target, place, None
        _save(concern, ["status", "place", "assigned_member"])
        _event(concern, "route", old, actor, comment, {"place": place.pk, "place_name": place.name})
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.routed", obj=concern,
                  changes={"place": place, "status": [old, target]})
        _announce_new(concern)
    return concern


def concern_assign(*, actor, concern: Concern, member: Member, comment: str = "",
                   version: int | None = None) -> Concern:
    """Give the concern to a member to handle (a member on duty at its place may take it up himself)."""
    comment = clean_text(comment, max_length=COMMENT_MAX, multiline=True)
    with transaction.atomic():
        concern, target = _lock(concern, "assign", version,
                                  allowed=lambda concern: permissions.can_assign(actor, concern, member))
        old = concern.status
        concern.status, concern.assigned_member = target, member
        _save(concern, ["status", "assigned_member"])
        _event(concern, "assign", old, actor, comment, {"member": member.pk, "member_name": member.name},
               public=old == ConcernStatus.SUBMITTED)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.assigned", obj=concern,
                  changes={"member": member, "status": [old, target]})
        if member.person_id != getattr(actor, "person_id", None):
            notify(recipients=users_of_members([member]), organisation=concern.organisation,
                   code="outreach.concern.assigned", title=_("Please handle a concern (%(category)s)"),
                   params={"category": concern.category}, url=_url(concern), obj=concern)
    return concern


def concern_pass_to_unit(*, actor, concern: Concern, unit: HandlingUnit, due_on: dt.date | None = None,
                         comment: str = "", version: int | None = None) -> Concern:
    """Pass the concern to a handling unit (承办单位), to answer by ``due_on`` (default: the setting)."""
    comment = clean_text(comment, max_length=COMMENT_MAX, multiline=True)
    today = timezone.localdate()
    with transaction.atomic():
        concern, target = _lock(concern, "pass_to_unit", version,
                                  allowed=lambda concern: permissions.can_handle(actor, concern))
        if unit is None or unit.organisation_id != concern.organisation_id or not unit.is_active:
            raise DomainError(gettext("Choose an active handling unit of this committee."),
                              errors={"unit": gettext("Not available.")})
        due_on = due_on or add_working_days(
            today, get_setting(concern.organisation, "outreach.unit_due_working_days"), concern.organisation)
        if due_on < today:
            raise DomainError(gettext("The due date cannot be in the past."), errors={"due_on": gettext("In the past.")})
        old = concern.status
        concern.status, concern.handling_unit, concern.unit_due_on = target, unit, due_on
        concern.passed_at, concern.reminded_on = timezone.now(), None
        _save(concern, ["status", "handling_unit", "unit_due_on", "passed_at", "reminded_on"])
        _event(concern, "pass_to_unit", old, actor, comment,
               {"unit": unit.pk, "unit_name": unit.name, "due_on": due_on.isoformat()}, public=True)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.passed_to_unit",
                  obj=concern, changes={"unit": unit, "due_on": due_on, "status": [old, target]})
        notify(recipients=users_of_unit(concern.organisation, unit), organisation=concern.organisation,
               code="outreach.concern.at_unit", title=_("A constituent's concern (%(category)s) to answer by %(due)s"),
               params={"category": concern.category, "due": due_on.isoformat()}, url=_url(concern), obj=concern)
    return concern


def _unit_answer(*, actor, concern, action, text, version, audit_action, keep_unit: bool) -> Concern:
    text = clean_text(text, max_length=4000, multiline=True)
    if not text:
        raise DomainError(gettext("Write the answer or the reason."), errors={"text": gettext("Required.")})
    with transaction.atomic():
        concern, target = _lock(concern, action, version,
                                  allowed=lambda concern: permissions.can_act_for_unit(actor, concern))
        old, unit = concern.status, concern.handling_unit
        concern.status = target
        fields = ["status"]
        if not keep_unit:
            concern.handling_unit, concern.unit_due_on = None, None
            fields += ["handling_unit", "unit_due_on"]
        _save(concern, fields)
        _event(concern, action, old, actor, text, {"unit": unit.pk, "unit_name": unit.name})
        audit_log(actor=actor, organisation=concern.organisation, action=audit_action, obj=concern,
                  changes={"unit": unit, "status": [old, target]})
        title = (_("%(unit)s answered a concern you handle") if keep_unit
                 else _("%(unit)s returned a concern you handle"))
        notify(recipients=users_of_members([concern.assigned_member]), organisation=concern.organisation,
               code=f"outreach.concern.{action}", title=title, params={"unit": unit.name}, url=_url(concern),
               obj=concern)
    return concern


def concern_unit_reply(*, actor, concern: Concern, answer: str, version: int | None = None) -> Concern:
    """The handling unit answers; the member handling the concern takes it from there."""
    return _unit_answer(actor=actor, concern=concern, action="unit_reply", text=answer, version=version,
                        audit_action="outreach.concern.unit_replied", keep_unit=True)


def concern_unit_return(*, actor, concern: Concern, reason: str, version: int | None = None) -> Concern:
    """The unit says the concern is not its business: it goes back to the member, without the unit."""
    return _unit_answer(actor=actor, concern=concern, action="unit_return", text=reason, version=version,
                        audit_action="outreach.concern.unit_returned", keep_unit=False)


def concern_add_note(*, actor, concern: Concern, text: str, is_public: bool = False) -> ConcernEvent:
    """A progress note; a public one is shown to the person on the tracking page."""
    text = clean_text(text, max_length=2000, multiline=True)
    if not text:
        raise DomainError(gettext("Write the note."), errors={"text": gettext("Required.")})
    with transaction.atomic():
        concern, _same = _lock(concern, "note", None)
        unit_user = permissions.can_act_for_unit(actor, concern) and concern.status == ConcernStatus.AT_UNIT
        if not (permissions.can_handle(actor, concern) or unit_user):
            raise NotAllowed()
        event = _event(concern, "note", concern.status, actor, text, public=is_public)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.noted", obj=concern,
                  changes={"public": is_public})
        if unit_user and concern.assigned_member_id:
            notify(recipients=users_of_members([concern.assigned_member]), organisation=concern.organisation,
                   code="outreach.concern.noted", title=_("%(unit)s added a note to a concern you handle"),
                   params={"unit": concern.handling_unit.name}, url=_url(concern), obj=concern)
    return event


def concern_close(*, actor, concern: Concern, result: str, version: int | None = None) -> Concern:
    """Close the concern with its result, which the person reads with the tracking code."""
    result = clean_text(result, max_length=4000, multiline=True)
    if not result:
        raise DomainError(gettext("Write the result for the person."), errors={"result": gettext("Required.")})
    with transaction.atomic():
        concern, target = _lock(concern, "close", version,
                                  allowed=lambda concern: permissions.can_handle(actor, concern))
        old = concern.status
        concern.status, concern.result, concern.closed_at = target, result, timezone.now()
        _save(concern, ["status", "result", "closed_at"])
        _event(concern, "close", old, actor, result, public=True)
        if concern.assigned_member_id:
            record_duty_event(member=concern.assigned_member, kind=DutyEventKind.CONCERN_HANDLED, source=concern,
                              occurred_at=concern.closed_at, title=f"{concern.category}：{concern.summary}",
                              actor=actor)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.closed", obj=concern,
                  changes={"status": [old, target]})
        if concern.registered_by_id and concern.registered_by_id != actor.pk:
            notify(recipients=[concern.registered_by], organisation=concern.organisation,
                   code="outreach.concern.closed", title=_("A concern you registered is closed"), url=_url(concern),
                   obj=concern)
    return concern


def concern_decline(*, actor, concern: Concern, reason: str, version: int | None = None) -> Concern:
    """Not taken up (not a matter for the committee, in court, abusive …): the reason is shown to the person."""
    reason = clean_text(reason, max_length=2000, multiline=True)
    if not reason:
        raise DomainError(gettext("Give the reason: the person will read it."), errors={"reason": gettext("Required.")})
    with transaction.atomic():
        concern, target = _lock(concern, "decline", version, allowed=lambda concern: (
            permissions.can_handle(actor, concern) or permissions.can_route(actor, concern)))
        old = concern.status
        concern.status, concern.result, concern.closed_at = target, reason, timezone.now()
        _save(concern, ["status", "result", "closed_at"])
        _event(concern, "decline", old, actor, reason, public=True)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.declined", obj=concern,
                  changes={"status": [old, target]})
    return concern


def concern_feedback(*, concern: Concern, satisfied: bool, comment: str = "", actor=None) -> Concern:
    """The person's verdict on the result: online with the tracking code (``actor`` None; the caller checked the
    code), or recorded on the person's behalf by the member handling it or the office."""
    comment = clean_text(comment, max_length=COMMENT_MAX, multiline=True)
    with transaction.atomic():
        concern, _same = _lock(concern, "feedback", None)
        if actor is not None and not permissions.can_handle(actor, concern):
            raise NotAllowed()
        if concern.feedback_at is not None:
            raise DomainError(gettext("Feedback on this result was given already."), code="feedback_given")
        days = get_setting(concern.organisation, "outreach.feedback_days")
        if timezone.now() > concern.closed_at + dt.timedelta(days=days):
            raise DomainError(gettext("Feedback can be given within %(n)d days of closure.") % {"n": days},
                              code="feedback_late")
        concern.satisfied, concern.feedback_comment = bool(satisfied), comment
        concern.feedback_at = timezone.now()
        concern.feedback_channel = FeedbackChannel.ON_BEHALF if actor is not None else FeedbackChannel.ONLINE
        _save(concern, ["satisfied", "feedback_comment", "feedback_at", "feedback_channel"])
        _event(concern, "feedback", concern.status, actor, comment,
               {"satisfied": concern.satisfied, "channel": concern.feedback_channel}, public=True)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.feedback", obj=concern,
                  changes={"satisfied": concern.satisfied, "channel": concern.feedback_channel})
        if not concern.satisfied:
            recipients = users_of_members([concern.assigned_member]) + outreach_office_users(concern.organisation)
            notify(recipients=recipients, organisation=concern.organisation, code="outreach.concern.unsatisfied",
                   title=_("The person is not satisfied with the result of concern %(ref)s"),
                   params={"ref": concern.reference}, url=_url(concern), obj=concern)
    return concern


def concern_reopen(*, actor, concern: Concern, member: Member, reason: str, version: int | None = None) -> Concern:
    """The office reopens a closed (or declined) concern and gives it to a member again."""
    reason = clean_text(reason, max_length=2000, multiline=True)
    if not reason:
        raise DomainError(gettext("Give the reason for reopening."), errors={"reason": gettext("Required.")})
    with transaction.atomic():
        concern, target = _lock(concern, "reopen", version,
                                  allowed=lambda concern: permissions.can_reopen(actor, concern))
        if member is None or member.organisation_id != concern.organisation_id:
            raise DomainError(gettext("Choose the member who will handle it."), errors={"member": gettext("Required.")})
        old = concern.status
        previous = {"result": concern.result, "satisfied": concern.satisfied, "feedback": concern.feedback_comment}
        concern.status, concern.assigned_member = target, member
        concern.result, concern.closed_at = "", None
        concern.satisfied, concern.feedback_comment, concern.feedback_at, concern.feedback_channel = None, "", None, ""
        _save(concern, ["status", "assigned_member", "result", "closed_at", "satisfied", "feedback_comment",
                        "feedback_at", "feedback_channel"])
        _event(concern, "reopen", old, actor, reason, {"member": member.pk, "previous": previous}, public=True)
        retract_duty_events(source=concern, kind=DutyEventKind.CONCERN_HANDLED, reason=gettext("The concern was reopened."))
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.reopened", obj=concern,
                  changes={"status": [old, target], "member": member, "reason": reason})
        notify(recipients=users_of_members([member]), organisation=concern.organisation,
               code="outreach.concern.reopened", title=_("A concern was reopened: please handle it again"),
               url=_url(concern), obj=concern)
    return concern


def concern_reissue_code(*, actor, concern: Concern) -> str:
    """A new tracking code for a person who lost theirs; the old code stops working."""
    with transaction.atomic():
        concern, _same = _lock(concern, "reissue_code", None,
                                  allowed=lambda concern: permissions.can_reissue_code(actor, concern))
        code = _new_code(concern)
        _save(concern, ["code_digest", "code_hint"])
        _event(concern, "reissue_code", concern.status, actor)
        audit_log(actor=actor, organisation=concern.organisation, action="outreach.concern.code_reissued", obj=concern)
    return code


def concern_add_photo(*, actor, concern: Concern, upload):
    if not (permissions.can_handle(actor, concern) or concern.registered_by_id == actor.pk):
        raise NotAllowed()
    return attachment_add(actor=actor, organisation=concern.organisation, owner=concern, upload=upload,
                          role="photo", allowed=IMAGE_KINDS)


def concern_remind_overdue(*, organisation_id: int | None = None, today: dt.date | None = None) -> int:
    """Remind the units (and the members handling them) of concerns past their due date; once a day each."""
    today = today or timezone.localdate()
    qs = Concern.objects.filter(status=ConcernStatus.AT_UNIT, unit_due_on__lt=today).exclude(reminded_on=today)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    reminded = 0
    for pk in qs.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            concern = Concern.objects.select_for_update().filter(pk=pk, status=ConcernStatus.AT_UNIT).exclude(
                reminded_on=today).first()
            if concern is None:
                continue
            concern.reminded_on = today
            concern.save(update_fields=["reminded_on"])
            recipients = users_of_unit(concern.organisation, concern.handling_unit) + users_of_members(
                [concern.assigned_member])
            notify(recipients=recipients, organisation=concern.organisation, code="outreach.concern.overdue",
                   title=_("Concern %(ref)s is past its due date (%(due)s)"),
                   params={"ref": concern.reference, "due": concern.unit_due_on.isoformat()}, url=_url(concern),
                   obj=concern)
            audit_log(actor=None, organisation=concern.organisation, action="outreach.concern.reminded", obj=concern,
                      changes={"due_on": concern.unit_due_on})
            reminded += 1
    return reminded
