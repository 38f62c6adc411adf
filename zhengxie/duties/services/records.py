"""Writes to a member's record besides the ledger itself: self-reported duties (submit, edit, withdraw;
staff confirm, return or revoke), manual entries by staff, and the yearly self-report (述职)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, IMAGE_KINDS, attachment_add, attachments_of, check_upload
from zhengxie.core.org_settings import get_setting
from zhengxie.core.selectors import users_with_role
from zhengxie.core.services import audit_log, notify

from .. import permissions
from ..choices import DutyEventKind, RuleSetStatus, SelfReportStatus, SelfReportType
from ..models import DutyStatement, ManualEntry, RuleSet, SelfReport, SelfReportHistory
from ..workflow import SELF_REPORT_WORKFLOW
from .ledger import record_duty_event, retract_duty_events

EVIDENCE_KINDS = (*IMAGE_KINDS, *[k for k in DOCUMENT_KINDS if k not in IMAGE_KINDS])
MAX_EVIDENCE_FILES = 9
REPORT_FIELDS = ["report_type", "title", "description", "occurred_on", "place"]
AUDIT_ACTIONS = {
    "update": "duties.self_report.updated", "resubmit": "duties.self_report.resubmitted",
    "confirm": "duties.self_report.confirmed", "reject": "duties.self_report.returned",
    "revoke": "duties.self_report.revoked",
}


def _year_closed(organisation, year: int) -> bool:
    return RuleSet.objects.filter(organisation=organisation, year=year, status=RuleSetStatus.CLOSED).exists()


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def _check_day(organisation, day: dt.date, *, max_age_days: int | None = None) -> None:
    today = timezone.localdate()
    if day > today:
        raise DomainError(_("The date cannot be in the future."), errors={"occurred_on": [_("In the future.")]})
    if max_age_days is not None and (today - day).days > max_age_days:
        raise DomainError(
            gettext("Duties can be reported up to %(days)d days after they took place.") % {"days": max_age_days},
            errors={"occurred_on": [gettext("Too long ago.")]},
        )
    if _year_closed(organisation, day.year):
        raise DomainError(gettext("The %(year)d evaluation is closed: nothing can be added to it.") % {"year": day.year},
                          errors={"occurred_on": [gettext("The year is closed.")]})


def _record_url(member) -> str:
    return reverse("duties:member_record", args=[member.pk])


def _report_url(report) -> str:
    return reverse("duties:self_report", args=[report.pk])


def _move(report, action, actor, *, audit, fields=(), comment="", changes=None):
    """The locked report along ``action`` (``core.transitions``): the table, the version, history and audit."""
    return transitions.transition(report, action, workflow=SELF_REPORT_WORKFLOW, actor=actor,
                                  history=SelfReportHistory, history_for={"report": report}, audit=audit,
                                  fields=fields, comment=comment, audit_changes=changes or {})


def _keepers(member):
    """Who confirms a member's reports: the general office, and committee staff (of the member's committee,
    when their role names one)."""
    return users_with_role(member.organisation_id, Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF,
                           committee=member.committee_id)


def _clean_report(organisation, data: dict, *, check_age: bool) -> dict:
    if data.get("report_type") not in SelfReportType.values:
        raise DomainError(_("Choose the kind of duty."), errors={"report_type": [_("Required.")]})
    if not (data.get("title") or "").strip():
        raise DomainError(_("Give the activity a title."), errors={"title": [_("Required.")]})
    if not (data.get("description") or "").strip():
        raise DomainError(_("Say what you did."), errors={"description": [_("Required.")]})
    max_age = get_setting(organisation, "duties.self_report_max_age_days") if check_age else None
    _check_day(organisation, data["occurred_on"], max_age_days=max_age)
    return {**data, "title": data["title"].strip()[:120], "description": data["description"].strip(),
            "place": (data.get("place") or "").strip()[:100]}


def _check_files(files, existing: int = 0) -> None:
    if len(files) + existing > MAX_EVIDENCE_FILES:
        raise DomainError(gettext("Attach at most %(n)d files.") % {"n": MAX_EVIDENCE_FILES},
                          errors={"files": [gettext("Too many files.")]})
    for upload in files:
        check_upload(upload, allowed=EVIDENCE_KINDS)


def self_report_submit(*, actor, member, data: dict, files=()) -> SelfReport:
    """A member reports a duty the ledger does not know of, with photos or files as evidence."""
    if not permissions.can_report(actor, member):
        raise NotAllowed()
    data = _clean_report(member.organisation, data, check_age=True)
    files = list(files)
    if not files and get_setting(member.organisation, "duties.self_report_evidence_required"):
        raise DomainError(_("Attach at least one photo or file as evidence."), errors={"files": [_("Required.")]})
    _check_files(files)
    with transaction.atomic():
        report = SelfReport.objects.create(organisation=member.organisation, member=member,
                                           **{f: data[f] for f in REPORT_FIELDS})
        for upload in files:
            attachment_add(actor=actor, organisation=member.organisation, owner=report, upload=upload,
                           role="evidence", allowed=EVIDENCE_KINDS)
        transitions.record(report, "submit", actor=actor, history=SelfReportHistory, history_for={"report": report},
                           from_state="", to_state=report.status, audit="duties.self_report.submitted",
                           audit_changes={f: data[f] for f in REPORT_FIELDS} | {"files": len(files)})
        notify(recipients=_keepers(member), organisation=member.organisation, code="duties.self_report_submitted",
               title=_("%(name)s reported a duty to confirm: %(title)s"),
               params={"name": member.person.name, "title": report.title}, url=_report_url(report), obj=report)
    return report


def _lock(report, version):
    return transitions.lock(SelfReport, report, version=version)  # only its row: not the member's


def self_report_update(*, actor, report: SelfReport, version: int | None, data: dict, files=()) -> SelfReport:
    """Edit a report waiting for confirmation, or edit a returned one and submit it again."""
    if not permissions.can_report(actor, report.member):
        raise NotAllowed()
    data = _clean_report(report.organisation, data, check_age=False)
    files = list(files)
    with transaction.atomic():
        locked = _lock(report, version)
        action = "resubmit" if locked.status == SelfReportStatus.REJECTED else "update"
        SELF_REPORT_WORKFLOW.target(action, locked.status)
        _check_files(files, existing=attachments_of(locked).count())
        before = {f: getattr(locked, f) for f in REPORT_FIELDS}
        for field in REPORT_FIELDS:
            setattr(locked, field, data[field])
        fields = list(REPORT_FIELDS)
        if action == "resubmit":
            locked.submitted_at = timezone.now()
            locked.decision_note = ""
            fields += ["submitted_at", "decision_note"]
        for upload in files:
            attachment_add(actor=actor, organisation=locked.organisation, owner=locked, upload=upload,
                           role="evidence", allowed=EVIDENCE_KINDS)
        _move(locked, action, actor, audit=AUDIT_ACTIONS[action], fields=fields,
              changes={f: [before[f], data[f]] for f in REPORT_FIELDS if before[f] != data[f]} | {"files": len(files)})
        if action == "resubmit":
            notify(recipients=_keepers(locked.member), organisation=locked.organisation,
                   code="duties.self_report_submitted", title=_("%(name)s reported a duty to confirm: %(title)s"),
                   params={"name": locked.member.person.name, "title": locked.title}, url=_report_url(locked),
                   obj=locked)
    return locked


def self_report_withdraw(*, actor, report: SelfReport, version: int | None) -> SelfReport:
    if not permissions.can_report(actor, report.member):
        raise NotAllowed()
    with transaction.atomic():
        locked = _lock(report, version)
        _move(locked, "withdraw", actor, audit="duties.self_report.withdrawn")
    return locked


def _decide(actor, report, version, action: str, note: str) -> SelfReport:
    if not permissions.can_keep_records(actor, report.organisation):
        raise NotAllowed()
    locked = _lock(report, version)
    old = locked.status
    SELF_REPORT_WORKFLOW.target(action, old)
    if _year_closed(locked.organisation, locked.occurred_on.year):
        raise DomainError(gettext("The %(year)d evaluation is closed: its records cannot change.")
                          % {"year": locked.occurred_on.year})
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_note = note[:200]
    _move(locked, action, actor, audit=AUDIT_ACTIONS[action], fields=["decided_at", "decided_by", "decision_note"],
          comment=note, changes={"status": [old, SELF_REPORT_WORKFLOW.target(action, old)], "note": note})
    return locked


def self_report_confirm(*, actor, report: SelfReport, version: int | None, note: str = "") -> SelfReport:
    """Confirm the report: it becomes a ``self_reported`` duty event and earns what the rules give."""
    with transaction.atomic():
        locked = _decide(actor, report, version, "confirm", (note or "").strip())
        record_duty_event(member=locked.member, kind=DutyEventKind.SELF_REPORTED, source=locked,
                          occurred_at=_noon(locked.occurred_on), attributes={"report_type": locked.report_type},
                          title=locked.title, actor=actor)
        user = getattr(locked.member.person, "user", None)
        notify(recipients=[user], organisation=locked.organisation, code="duties.self_report_confirmed",
               title=_("Your reported duty was confirmed: %(title)s"), params={"title": locked.title},
               url=_report_url(locked), obj=locked)
    return locked


def self_report_reject(*, actor, report: SelfReport, version: int | None, reason: str) -> SelfReport:
    """Return the report to the member with a reason (they may correct it and submit it again)."""
    reason = _required_reason(reason, _("Say why the report is returned."))
    with transaction.atomic():
        locked = _decide(actor, report, version, "reject", reason)
        _notify_returned(locked, reason)
    return locked


def self_report_revoke(*, actor, report: SelfReport, version: int | None, reason: str) -> SelfReport:
    """Take back a confirmation (the evidence turned out wrong): the duty event and its points go."""
    reason = _required_reason(reason, _("Say why the confirmation is revoked."))
    with transaction.atomic():
        locked = _decide(actor, report, version, "revoke", reason)
        retract_duty_events(source=locked, kind=DutyEventKind.SELF_REPORTED, reason=reason)
        _notify_returned(locked, reason)
    return locked


def _required_reason(reason: str, message) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(message, errors={"reason": [gettext("Required.")]})
    return reason


def _notify_returned(report, reason):
    notify(recipients=[getattr(report.member.person, "user", None)], organisation=report.organisation,
           code="duties.self_report_returned", title=_("Your reported duty was returned: %(title)s"),
           body=_("Reason given: %(reason)s"), params={"title": report.title, "reason": reason},
           url=_report_url(report), obj=report)


def manual_entry_add(*, actor, member, occurred_on: dt.date, title: str, points, reason: str) -> ManualEntry:
    """Staff add (or deduct) points by hand, with a reason: a ``manual`` duty event, audited."""
    organisation = member.organisation
    if not permissions.can_keep_records(actor, organisation):
        raise NotAllowed()
    title, reason = (title or "").strip(), (reason or "").strip()
    errors = {}
    if not title:
        errors["title"] = [gettext("Required.")]
    if not reason:
        errors["reason"] = [gettext("Required.")]
    try:
        points = Decimal(str(points)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        points = Decimal(0)
    limit = get_setting(organisation, "duties.manual_points_limit")
    if points == 0 or abs(points) > limit:
        errors["points"] = [gettext("Between -%(limit)s and %(limit)s, not 0.") % {"limit": limit}]
    if errors:
        raise DomainError(_("The entry is not complete."), errors=errors)
    _check_day(organisation, occurred_on)
    with transaction.atomic():
        entry = ManualEntry.objects.create(organisation=organisation, member=member, occurred_on=occurred_on,
                                           title=title[:120], points=points, reason=reason[:200], created_by=actor)
        record_duty_event(member=member, kind=DutyEventKind.MANUAL, source=entry, occurred_at=_noon(occurred_on),
                          attributes={"points": str(points), "reason": entry.reason}, title=entry.title, actor=actor)
        audit_log(actor=actor, organisation=organisation, action="duties.manual_entry.added", obj=entry,
                  changes={"member": member, "points": points, "title": title, "reason": reason,
                           "occurred_on": occurred_on})
        notify(recipients=[getattr(member.person, "user", None)], organisation=organisation,
               code="duties.manual_entry", title=_("Your duty record was adjusted: %(title)s (%(points)s points)"),
               body=_("Reason given: %(reason)s"), params={"title": entry.title, "points": f"{points:+}", "reason": entry.reason},
               url=_record_url(member), obj=entry)
    return entry


def manual_entry_retract(*, actor, entry: ManualEntry, reason: str) -> ManualEntry:
    if not permissions.can_keep_records(actor, entry.organisation):
        raise NotAllowed()
    reason = _required_reason(reason, _("Say why the entry is withdrawn."))
    with transaction.atomic():
        locked = ManualEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.retracted_at:
            raise DomainError(_("The entry was withdrawn already."))
        if _year_closed(locked.organisation, locked.occurred_on.year):
            raise DomainError(gettext("The %(year)d evaluation is closed: its records cannot change.")
                              % {"year": locked.occurred_on.year})
        locked.retracted_at = timezone.now()
        locked.retracted_by = actor
        locked.retraction_reason = reason[:200]
        locked.save(update_fields=["retracted_at", "retracted_by", "retraction_reason"])
        retract_duty_events(source=locked, kind=DutyEventKind.MANUAL, reason=reason)
        audit_log(actor=actor, organisation=locked.organisation, action="duties.manual_entry.retracted", obj=locked,
                  changes={"reason": reason})
    return locked


def statement_save(*, actor, member, year: int, text: str, submit: bool = False) -> DutyStatement:
    """The member's yearly self-report (述职): saved as a draft, or submitted to the office."""
    if not permissions.can_report(actor, member):
        raise NotAllowed()
    text = (text or "").strip()
    if submit and not text:
        raise DomainError(_("Write the self-report before submitting it."), errors={"text": [_("Required.")]})
    if len(text) > 6000:
        raise DomainError(_("The self-report is limited to 6,000 characters."), errors={"text": [_("Too long.")]})
    if _year_closed(member.organisation, year):
        raise DomainError(gettext("The %(year)d evaluation is closed: nothing can be added to it.") % {"year": year})
    with transaction.atomic():
        statement, created = DutyStatement.objects.select_for_update().get_or_create(
            member=member, year=year, defaults={"organisation": member.organisation, "text": text})
        statement.text = text
        if submit:
            statement.submitted_at = timezone.now()
        statement.save()
        audit_log(actor=actor, organisation=member.organisation,
                  action="duties.statement.submitted" if submit else "duties.statement.saved", obj=statement,
                  changes={"year": year, "length": len(text)})
    return statement
