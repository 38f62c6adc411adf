"""Services of the 《社情民意》 bulletin: create an issue (numbered per year), place edited reports in it, submit it
for sign-off, return or sign off (a leader), send it to the Party committee and the government (recipients
recorded), delete an empty draft.

Signing an issue off publishes its reports: each is adopted at this level (本级采用) and its author is told."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import transitions
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Organisation
from zhengxie.core.services import audit_log, notify

from . import permissions
from .feedback import adopt_locally
from .models import BulletinIssue, BulletinTransition, Report
from .org_settings import review_steps_of
from .services import move, office_users, report_forward
from .signoff import notify_reviewers
from .workflow import BULLETIN_WORKFLOW


def bulletin_url(bulletin) -> str:
    return reverse("opinions:bulletin_detail", args=[bulletin.pk])


def _record(bulletin, action, actor, *, audit, from_state=None, comment="", data=None, changes=None):
    """The issue's history row and audit entry (``core.transitions``) for an event that keeps its state."""
    state = bulletin.status if from_state is None else from_state
    return transitions.record(bulletin, action, actor=actor, history=BulletinTransition,
                              history_for={"bulletin": bulletin}, from_state=state, to_state=bulletin.status,
                              audit=audit, comment=comment, data=data, audit_changes=changes or {})


def _move(bulletin, action, actor, *, audit, fields=(), comment="", data=None, changes=None):
    return transitions.transition(bulletin, action, workflow=BULLETIN_WORKFLOW, actor=actor,
                                  history=BulletinTransition, history_for={"bulletin": bulletin}, audit=audit,
                                  fields=fields, comment=comment, data=data, audit_changes=changes or {})


def _lock(bulletin, version=None) -> BulletinIssue:
    return transitions.lock(BulletinIssue, bulletin, version=version)


def _compiler_check(actor, bulletin):
    if not permissions.can_compile_bulletin(actor, bulletin):
        raise NotAllowed()


def _leader_check(actor, bulletin):
    if not permissions.can_sign_off(actor, bulletin):
        raise NotAllowed(_("Only a leader of %(org)s signs an issue off.") % {"org": bulletin.organisation})


def bulletin_create(*, actor, organisation: Organisation, subject: str = "") -> BulletinIssue:
    """A new issue, numbered after the last one of this year (第N期) and of all years (总第N期)."""
    if not permissions.is_information_office(actor, organisation):
        raise NotAllowed()
    BULLETIN_WORKFLOW.target("create", "")
    year = timezone.localdate().year
    with transaction.atomic():
        # The organisation row serialises numbering: two clerks creating issues at once get 15 and 16.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        numbers = BulletinIssue.objects.filter(organisation=organisation)
        number = (numbers.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
        serial = (numbers.aggregate(n=Max("serial"))["n"] or 0) + 1
        bulletin = BulletinIssue.objects.create(organisation=organisation, year=year, number=number, serial=serial,
                                                subject=(subject or "").strip()[:100], created_by=actor)
        _record(bulletin, "create", actor, from_state="", audit="opinions.bulletin.created",
                changes={"number": bulletin.label, "serial": serial})
    return bulletin


def bulletin_place(*, actor, bulletin: BulletinIssue, reports) -> int:
    """Place edited reports of the organisation in a draft issue, after the ones already in it."""
    _compiler_check(actor, bulletin)
    ids = [r.pk for r in reports]
    if not ids:
        raise DomainError(_("Choose at least one edited report."))
    with transaction.atomic():
        bulletin = _lock(bulletin)
        BULLETIN_WORKFLOW.target("compose", bulletin.status)
        locked = list(Report.objects.select_for_update().filter(pk__in=ids).order_by("received_at", "pk"))
        position = bulletin.reports.aggregate(n=Max("bulletin_position"))["n"] or 0
        for report in locked:
            if report.organisation_id != bulletin.organisation_id:
                raise NotAllowed()
            position += 1
            report.bulletin, report.bulletin_position = bulletin, position
            move(report, "place", actor, audit=None, fields=["bulletin", "bulletin_position"],
                 data={"bulletin": bulletin.pk, "label": bulletin.label})
        transitions.bump(bulletin)
        _record(bulletin, "compose", actor, audit="opinions.bulletin.reports_placed",
                data={"added": [r.pk for r in locked]}, changes={"reports": [r.pk for r in locked]})
    return len(locked)


def bulletin_place_in_new_or(*, actor, organisation: Organisation, bulletin: BulletinIssue | None,
                             reports) -> tuple[BulletinIssue, int]:
    """Place reports in ``bulletin``, or in a new issue when it is None; a new issue is kept only if the reports
    went in. Returns the issue and how many were placed."""
    with transaction.atomic():
        target = bulletin or bulletin_create(actor=actor, organisation=organisation)
        return target, bulletin_place(actor=actor, bulletin=target, reports=reports)


def bulletin_unplace(*, actor, bulletin: BulletinIssue, report: Report) -> Report:
    """Take a report out of a draft issue: it is edited again and can go in another issue."""
    _compiler_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin)
        BULLETIN_WORKFLOW.target("compose", bulletin.status)
        report = Report.objects.select_for_update().get(pk=report.pk, bulletin=bulletin)
        report.bulletin, report.bulletin_position = None, 0
        move(report, "unplace", actor, audit=None, fields=["bulletin", "bulletin_position"],
             data={"bulletin": bulletin.pk, "label": bulletin.label})
        transitions.bump(bulletin)
        _record(bulletin, "compose", actor, audit="opinions.bulletin.report_removed", data={"removed": report.pk},
                changes={"report": report.pk})
    return report


def bulletin_move(*, actor, bulletin: BulletinIssue, report: Report, offset: int) -> None:
    """Move a report up (-1) or down (+1) in a draft issue."""
    _compiler_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin)
        BULLETIN_WORKFLOW.target("compose", bulletin.status)
        order = list(bulletin.reports.select_for_update().order_by("bulletin_position", "pk"))
        index = next((i for i, r in enumerate(order) if r.pk == report.pk), None)
        if index is None:
            raise DomainError(_("The report is not in this issue."))
        target = min(max(index + offset, 0), len(order) - 1)
        order.insert(target, order.pop(index))
        for position, item in enumerate(order, start=1):
            if item.bulletin_position != position:
                item.bulletin_position = position
                item.save(update_fields=["bulletin_position"])
        transitions.bump(bulletin)
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.reordered", obj=bulletin,
                  changes={"order": [r.pk for r in order]})


def bulletin_delete(*, actor, bulletin: BulletinIssue) -> None:
    """Delete an empty draft; only the latest issue, so that the numbers have no gap."""
    _compiler_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin)
        BULLETIN_WORKFLOW.target("delete", bulletin.status)
        if bulletin.reports.exists():
            raise DomainError(_("Take the reports out of the issue first."))
        latest = BulletinIssue.objects.filter(organisation=bulletin.organisation).aggregate(n=Max("serial"))["n"]
        if bulletin.serial != latest:
            raise DomainError(_("Only the latest issue can be deleted; a later number would leave a gap."))
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.deleted", obj=bulletin,
                  changes={"number": bulletin.label})
        bulletin.delete()


def bulletin_submit(*, actor, bulletin: BulletinIssue, version: int | None = None) -> BulletinIssue:
    """送签: the issue goes to the leaders for sign-off."""
    _compiler_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin, version)
        BULLETIN_WORKFLOW.target("submit", bulletin.status)
        if not bulletin.reports.exists():
            raise DomainError(_("The issue is empty: place at least one report in it."))
        # the review steps of the organisation's setting now are the ones this round goes through
        bulletin.review_steps, bulletin.review_step = review_steps_of(bulletin.organisation), 0
        _move(bulletin, "submit", actor, audit="opinions.bulletin.submitted", fields=["review_steps", "review_step"],
              data={"steps": [step["name"] for step in bulletin.review_steps]})
        notify_reviewers(bulletin)
    return bulletin


def bulletin_return(*, actor, bulletin: BulletinIssue, reason: str, version: int | None = None) -> BulletinIssue:
    """退回: a leader, or the reviewer of the step the issue waits for, sends it back; the review starts again."""
    if not permissions.can_review_bulletin(actor, bulletin):
        _leader_check(actor, bulletin)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what should be changed."), errors={"reason": gettext("Required.")})
    with transaction.atomic():
        bulletin = _lock(bulletin, version)
        bulletin.review_step = 0
        _move(bulletin, "return", actor, audit="opinions.bulletin.returned", comment=reason, changes={"reason": reason},
              fields=["review_step"])
        notify(recipients=office_users(bulletin.organisation), organisation=bulletin.organisation,
               code="opinions.bulletin.returned", title=_("《社情民意》 %(label)s was returned for changes"),
               body=_("%(leader)s: %(reason)s"), params={"label": bulletin.label, "leader": actor.label,
                                                          "reason": reason},
               url=bulletin_url(bulletin), obj=bulletin)
    return bulletin


def bulletin_sign_off(*, actor, bulletin: BulletinIssue, version: int | None = None) -> BulletinIssue:
    """签发: the issue is final; its reports are published and adopted at this level."""
    _leader_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin, version)
        step = permissions.current_review_step(bulletin)
        if step is not None:
            raise DomainError(_("The issue still waits for the step “%(step)s”.") % {"step": step["name"]},
                              code="review_pending")
        reports = list(bulletin.reports.select_for_update().order_by("bulletin_position"))
        bulletin.signed_off_by, bulletin.signed_off_at = actor, timezone.now()
        _move(bulletin, "sign_off", actor, audit="opinions.bulletin.signed_off", fields=["signed_off_by", "signed_off_at"],
              data={"reports": len(reports)}, changes={"reports": [r.pk for r in reports]})
        for report in reports:
            report.published_at = bulletin.signed_off_at
            move(report, "publish", actor, audit=None, fields=["published_at"],
                 data={"bulletin": bulletin.pk, "label": bulletin.label})
            adopt_locally(actor=actor, report=report, bulletin=bulletin)
        notify(recipients=office_users(bulletin.organisation), organisation=bulletin.organisation,
               code="opinions.bulletin.signed_off", title=_("《社情民意》 %(label)s was signed off by %(leader)s"),
               params={"label": bulletin.label, "leader": actor.label}, url=bulletin_url(bulletin), obj=bulletin)
    return bulletin


def bulletin_send(*, actor, bulletin: BulletinIssue, recipients: list[str], version: int | None = None) -> BulletinIssue:
    """报送: the issue goes to the local Party committee and government; who received it is recorded."""
    _compiler_check(actor, bulletin)
    recipients = [r.strip()[:100] for r in recipients if r and r.strip()]
    if not recipients:
        raise DomainError(_("Name at least one recipient."), errors={"recipients": gettext("Required.")})
    with transaction.atomic():
        bulletin = _lock(bulletin, version)
        bulletin.recipients, bulletin.sent_at = recipients, timezone.now()
        _move(bulletin, "send", actor, audit="opinions.bulletin.sent", fields=["recipients", "sent_at"],
              data={"recipients": recipients}, changes={"recipients": recipients})
    return bulletin


def reports_forward(*, actor, reports) -> list[Report]:
    """Forward several published reports up at once (from an issue's page): all of them, or none if one cannot
    go."""
    with transaction.atomic():
        return [report_forward(actor=actor, report=r) for r in reports]
