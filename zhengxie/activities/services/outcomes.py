"""Writes on the outcomes of an activity: speeches, outcome reports, their recipients and feedback."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import hooks
from zhengxie.core.choices import MemberPosition
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.files import DOCUMENT_KINDS, attachment_add
from zhengxie.core.models import Member
from zhengxie.core.promises import clean_promises
from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import audit_log, notify
from zhengxie.core.transitions import bump
from zhengxie.core.workflow import lock_for_update
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.services import record_duty_event, retract_duty_events

from .. import permissions
from ..choices import ActivityType, ReportKind, ReportStatus, SpeechKind
from ..models import Activity, OutcomeReport, ReportRecipient, Speech
from ..workflow import ACTIVITY_WORKFLOW, REPORT_WORKFLOW
from .common import activity_history, activity_url


def _speech_attributes(activity) -> dict:
    attributes = {"meeting_type": activity.duty_meeting_type}
    if activity.type != ActivityType.MEETING:
        attributes["activity_type"] = activity.type
    return attributes


def speech_create(*, actor, activity: Activity, member: Member, kind: str, title: str, text: str = "",
                  files=()) -> Speech:
    """Record a speech (大会发言, 交流发言) against an activity; it counts in the speaker's duty record."""
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    ACTIVITY_WORKFLOW.target("record_outcome", activity.status)
    if member.organisation_id != activity.organisation_id:
        raise DomainError(_("The speaker must be a member of this organisation."), errors={"member": gettext("Not found.")})
    if kind not in SpeechKind.values:
        raise DomainError(_("Choose whether the speech was delivered or submitted in writing."))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the speech a title."), errors={"title": gettext("This field is required.")})
    with transaction.atomic():
        speech = Speech.objects.create(activity=activity, member=member, kind=kind, title=title[:200],
                                       text=(text or "").strip(), created_by=actor)
        for upload in files:
            attachment_add(actor=actor, organisation=activity.organisation, owner=speech, upload=upload,
                           role="speech", allowed=DOCUMENT_KINDS)
        duty_kind = DutyEventKind.SPEECH_DELIVERED if kind == SpeechKind.DELIVERED else DutyEventKind.SPEECH_SUBMITTED
        record_duty_event(member=member, kind=duty_kind, source=speech, occurred_at=activity.starts_at,
                          attributes=_speech_attributes(activity), title=title, actor=actor)
        activity_history(activity, action="speech", actor=actor, from_state=activity.status,
                         data={"speech": speech.pk, "member": member.pk})
        audit_log(actor=actor, organisation=activity.organisation, action="activities.speech.created", obj=speech,
                  changes={"member": member, "kind": kind})
    return speech


def speech_delete(*, actor, speech: Speech) -> None:
    activity = speech.activity
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    with transaction.atomic():
        retract_duty_events(source=speech, reason="speech removed")
        audit_log(actor=actor, organisation=activity.organisation, action="activities.speech.deleted", obj=activity,
                  changes={"title": speech.title, "member": speech.member})
        speech.delete()


def _report_authors(activity, authors) -> list[Member]:
    authors = list(authors)
    if any(a.organisation_id != activity.organisation_id for a in authors):
        raise DomainError(_("Credited members must belong to this organisation."))
    return authors


CHAIRS_COUNCIL = (MemberPosition.CHAIR, MemberPosition.VICE_CHAIR, MemberPosition.SECRETARY_GENERAL)


def _report_lead(activity, lead):
    """The member of the chair's council who led the research (主席会议成员牵头), or None."""
    if lead is None:
        return None
    if lead.organisation_id != activity.organisation_id or lead.position not in CHAIRS_COUNCIL:
        raise DomainError(_("The lead must be the chair, a vice-chair or the secretary-general of this organisation."),
                          errors={"lead": gettext("Not found.")})
    return lead


def report_create(*, actor, activity: Activity, kind: str, title: str, body: str, suggestion_count: int = 1,
                  authors=(), lead=None) -> OutcomeReport:
    if not permissions.can_manage_activity(actor, activity):
        raise NotAllowed()
    ACTIVITY_WORKFLOW.target("record_outcome", activity.status)
    if kind not in ReportKind.values or not (title or "").strip() or not (body or "").strip():
        raise DomainError(_("Give the kind, the title and the text of the report."))
    with transaction.atomic():
        report = OutcomeReport.objects.create(
            organisation=activity.organisation, activity=activity, kind=kind, title=title.strip()[:200],
            body=body.strip(), suggestion_count=max(1, int(suggestion_count or 1)), created_by=actor,
            lead=_report_lead(activity, lead))
        report.authors.set(_report_authors(activity, authors))
        activity_history(activity, action="report", actor=actor, from_state=activity.status, data={"report": report.pk})
        audit_log(actor=actor, organisation=activity.organisation, action="activities.report.created", obj=report,
                  changes={"kind": kind, "suggestions": report.suggestion_count})
    return report


def report_update(*, actor, report: OutcomeReport, data: dict, authors=None, version: int | None = None) -> OutcomeReport:
    if not permissions.can_manage_activity(actor, report.activity):
        raise NotAllowed()
    with transaction.atomic():
        report = lock_for_update(OutcomeReport.objects.select_related("activity"), report.pk, version=version)
        REPORT_WORKFLOW.target("update", report.status)
        changes = {}
        if "lead" in data:
            data = {**data, "lead": _report_lead(report.activity, data["lead"])}
        for key in ("kind", "title", "body", "suggestion_count", "lead"):
            if key in data and data[key] != getattr(report, key):
                changes[key] = [getattr(report, key), data[key]]
                setattr(report, key, data[key])
        report.version += 1
        report.save()
        if authors is not None:
            report.authors.set(_report_authors(report.activity, authors))
        audit_log(actor=actor, organisation=report.organisation, action="activities.report.updated", obj=report,
                  changes=changes)
    return report


def report_send(*, actor, report: OutcomeReport, names=(), units=()) -> OutcomeReport:
    """Send the report to its recipients: named bodies (市委, 市政府) and/or handling units."""
    if not permissions.can_manage_activity(actor, report.activity):
        raise NotAllowed()
    names = [n.strip() for n in names if n and n.strip()]
    units = list(units)
    if any(u.organisation_id != report.organisation_id for u in units):
        raise DomainError(_("Choose units of your organisation."))
    if not names and not units:
        raise DomainError(_("Name at least one recipient."), errors={"names": gettext("This field is required.")})
    with transaction.atomic():
        report = lock_for_update(OutcomeReport.objects.all(), report.pk)
        before = report.status
        target = REPORT_WORKFLOW.target("send", before)
        now = timezone.now()
        ReportRecipient.objects.bulk_create(
            [ReportRecipient(report=report, name=n[:100], sent_at=now) for n in names]
            + [ReportRecipient(report=report, name=u.name[:100], handling_unit=u, sent_at=now) for u in units])
        report.status, report.sent_at = target, report.sent_at or now
        bump(report, "status", "sent_at")
        if report.lead_id:  # the chair's-council member who led the research is credited with the report
            record_duty_event(member=report.lead, kind=DutyEventKind.RESEARCH_ATTENDED, source=report,
                              occurred_at=report.sent_at, title=report.title, actor=actor,
                              attributes={"activity_type": ActivityType.RESEARCH, "research_report": "lead"})
        audit_log(actor=actor, organisation=report.organisation, action="activities.report.sent", obj=report,
                  changes={"recipients": names + [u.name for u in units]})
    return report


def recipient_feedback(*, actor, recipient: ReportRecipient, feedback: str, adopted: bool,
                       instruction_leader: str = "", instruction_level: str = "", instruction_text: str = "",
                       promises=None) -> ReportRecipient:
    """Record what a recipient answered, and any leader's instruction (批示). A report whose suggestions are
    adopted counts for its credited members (SUGGESTION_ADOPTED). ``promises``: the measures the recipient
    promised on adopting them, with their dates (core.promises; ``None`` keeps those recorded): each is followed as
    its own item of the work lists, owned by the recipient's unit; an adoption without measures is followed as one
    item with the default deadline."""
    report = recipient.report
    if not permissions.can_manage_activity(actor, report.activity):
        raise NotAllowed()
    if instruction_text and not (instruction_leader and instruction_level):
        raise DomainError(_("Name the instructing leader and their level."),
                          errors={"instruction_leader": gettext("This field is required.")})
    if promises is not None:
        promises = clean_promises(promises)
        if promises and not adopted:
            raise DomainError(_("Measures are promised on adopting the suggestions: tick “adopted” or leave them out."),
                              errors={"adopted": gettext("This field is required.")})
    with transaction.atomic():
        report = lock_for_update(OutcomeReport.objects.select_related("activity"), report.pk)
        REPORT_WORKFLOW.target("feedback", report.status)
        recipient = ReportRecipient.objects.select_for_update().get(pk=recipient.pk, report=report)
        recipient.feedback, recipient.adopted = (feedback or "").strip(), bool(adopted)
        recipient.instruction_leader = instruction_leader.strip()[:60]
        recipient.instruction_level = instruction_level if instruction_text else ""
        recipient.instruction_text = (instruction_text or "").strip()
        recipient.feedback_at, recipient.recorded_by = timezone.now(), actor
        if promises is not None:
            recipient.promises = promises
        recipient.save()
        newly_adopted = adopted and report.status == ReportStatus.SENT
        if newly_adopted:
            report.status = REPORT_WORKFLOW.target("adopt", report.status)
            report.adopted_at = timezone.now()
            bump(report, "status", "adopted_at")
        if adopted:
            _track_promises(report, recipient, actor=actor, newly_adopted=newly_adopted)
        if report.status == ReportStatus.ADOPTED:
            _credit_authors(report, actor=actor, announce=newly_adopted)
        audit_log(actor=actor, organisation=report.organisation, action="activities.report.feedback", obj=report,
                  changes={"recipient": recipient.name, "adopted": adopted, "instruction_level": instruction_level,
                           "promises": len(recipient.promises)})
    return recipient


def _track_promises(report, recipient, *, actor, newly_adopted: bool) -> None:
    """An adopted outcome (建议案, consultation report) becomes tracked commitments of whoever adopted it: one item
    per measure the recipient promised, with its date (heard after the commit, once each: the work lists keep the
    source unique); without measures, the report itself once, when it is first adopted."""
    common = {"organisation": report.organisation, "unit": recipient.handling_unit, "text": recipient.feedback,
              "actor": actor, "origin": report.activity, "origin_url": activity_url(report.activity),
              "source_label": report.title,
              "kind": "recommendation" if report.kind == ReportKind.SUGGESTION else "consultation"}
    for n, promise in enumerate(recipient.promises, start=1):
        hooks.emit_on_commit("commitment.made", source=recipient, part=n, title=promise["measure"],
                             due_on=dt.date.fromisoformat(promise["due_on"]), **common)
    if newly_adopted and not recipient.promises:
        hooks.emit_on_commit("commitment.made", source=report, title=report.title, due_on=None, **common)


def _credit_authors(report, *, actor, announce: bool) -> None:
    levels = [r.instruction_level for r in report.recipients.all() if r.instruction_level]
    attributes = {"suggestions": report.suggestion_count, "report_kind": report.kind}
    if levels:
        order = ["county", "city", "province", "central"]
        attributes["instruction_level"] = max(levels, key=order.index)
    authors = list(report.authors.all())
    for member in authors:
        record_duty_event(member=member, kind=DutyEventKind.SUGGESTION_ADOPTED, source=report,
                          occurred_at=report.adopted_at, attributes=attributes, title=report.title, actor=actor)
    if announce:
        notify(recipients=users_of_members(m.pk for m in authors), organisation=report.organisation,
               code="activities.report.adopted", title=_("The suggestions of “%(title)s” were adopted"),
               params={"title": report.title}, url=activity_url(report.activity), obj=report)


def report_add_file(*, actor, report: OutcomeReport, upload):
    if not permissions.can_manage_activity(actor, report.activity):
        raise NotAllowed()
    return attachment_add(actor=actor, organisation=report.organisation, owner=report, upload=upload, role="report")

