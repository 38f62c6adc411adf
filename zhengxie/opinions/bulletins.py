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

from zhengxie.core.choices import Role
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Organisation
from zhengxie.core.services import audit_log, notify
from zhengxie.core.workflow import lock_for_update

from . import permissions
from .feedback import adopt_locally
from .models import BulletinIssue, BulletinTransition, Report
from .services import office_users, record_history, report_forward
from .workflow import BULLETIN_WORKFLOW, REPORT_WORKFLOW


def bulletin_url(bulletin) -> str:
    return reverse("opinions:bulletin_detail", args=[bulletin.pk])


def _history(bulletin, action, from_state, actor, *, comment="", data=None):
    return BulletinTransition.objects.create(
        bulletin=bulletin, action=action, from_state=from_state, to_state=bulletin.status, comment=comment,
        data=data or {}, actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _lock(bulletin, version=None) -> BulletinIssue:
    return lock_for_update(BulletinIssue.objects.all(), bulletin.pk, version=version)


def _compiler_check(actor, bulletin):
    if not permissions.can_compile_bulletin(actor, bulletin):
        raise NotAllowed()


def _leader_check(actor, bulletin):
    if not permissions.can_sign_off(actor, bulletin):
        raise NotAllowed(_("Only a leader of %(org)s signs an issue off.") % {"org": bulletin.organisation})


def _touch(bulletin, *fields):
    bulletin.version += 1
    bulletin.save(update_fields=[*fields, "version"])


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
        _history(bulletin, "create", "", actor)
        audit_log(actor=actor, organisation=organisation, action="opinions.bulletin.created", obj=bulletin,
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
            old = report.status
            report.status = REPORT_WORKFLOW.target("place", old)
            position += 1
            report.bulletin, report.bulletin_position = bulletin, position
            report.version += 1
            report.save(update_fields=["status", "bulletin", "bulletin_position", "version"])
            record_history(report, "place", old, actor, data={"bulletin": bulletin.pk, "label": bulletin.label})
        _touch(bulletin)
        _history(bulletin, "compose", bulletin.status, actor, data={"added": [r.pk for r in locked]})
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.reports_placed",
                  obj=bulletin, changes={"reports": [r.pk for r in locked]})
    return len(locked)


def bulletin_unplace(*, actor, bulletin: BulletinIssue, report: Report) -> Report:
    """Take a report out of a draft issue: it is edited again and can go in another issue."""
    _compiler_check(actor, bulletin)
    with transaction.atomic():
        bulletin = _lock(bulletin)
        BULLETIN_WORKFLOW.target("compose", bulletin.status)
        report = Report.objects.select_for_update().get(pk=report.pk, bulletin=bulletin)
        old = report.status
        report.status = REPORT_WORKFLOW.target("unplace", old)
        report.bulletin, report.bulletin_position = None, 0
        report.version += 1
        report.save(update_fields=["status", "bulletin", "bulletin_position", "version"])
        record_history(report, "unplace", old, actor, data={"bulletin": bulletin.pk, "label": bulletin.label})
        _touch(bulletin)
        _history(bulletin, "compose", bulletin.status, actor, data={"removed": report.pk})
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.report_removed",
                  obj=bulletin, changes={"report": report.pk})
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
        _touch(bulletin)
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
        old = bulletin.status
        bulletin.status = BULLETIN_WORKFLOW.target("submit", old)
        if not bulletin.reports.exists():
            raise DomainError(_("The issue is empty: place at least one report in it."))
        _touch(bulletin, "status")
        _history(bulletin, "submit", old, actor)
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.submitted", obj=bulletin)
        notify(recipients=office_users(bulletin.organisation, Role.LEADER), organisation=bulletin.organisation,
               code="opinions.bulletin.pending", title=_("《社情民意》 %(label)s awaits your sign-off"),
               params={"label": bulletin.label}, url=bulletin_url(bulletin), obj=bulletin)
    return bulletin


def bulletin_return(*, actor, bulletin: BulletinIssue, reason: str, version: int | None = None) -> BulletinIssue:
    _leader_check(actor, bulletin)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what should be changed."), errors={"reason": gettext("Required.")})
    with transaction.atomic():
        bulletin = _lock(bulletin, version)
        old = bulletin.status
        bulletin.status = BULLETIN_WORKFLOW.target("return", old)
        _touch(bulletin, "status")
        _history(bulletin, "return", old, actor, comment=reason)
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.returned", obj=bulletin,
                  changes={"reason": reason})
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
        old = bulletin.status
        bulletin.status = BULLETIN_WORKFLOW.target("sign_off", old)
        bulletin.signed_off_by, bulletin.signed_off_at = actor, timezone.now()
        _touch(bulletin, "status", "signed_off_by", "signed_off_at")
        reports = list(bulletin.reports.select_for_update().order_by("bulletin_position"))
        for report in reports:
            before = report.status
            report.status = REPORT_WORKFLOW.target("publish", before)
            report.published_at = bulletin.signed_off_at
            report.version += 1
            report.save(update_fields=["status", "published_at", "version"])
            record_history(report, "publish", before, actor, data={"bulletin": bulletin.pk, "label": bulletin.label})
            adopt_locally(actor=actor, report=report, bulletin=bulletin)
        _history(bulletin, "sign_off", old, actor, data={"reports": len(reports)})
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.signed_off", obj=bulletin,
                  changes={"reports": [r.pk for r in reports]})
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
        old = bulletin.status
        bulletin.status = BULLETIN_WORKFLOW.target("send", old)
        bulletin.recipients, bulletin.sent_at = recipients, timezone.now()
        _touch(bulletin, "status", "recipients", "sent_at")
        _history(bulletin, "send", old, actor, data={"recipients": recipients})
        audit_log(actor=actor, organisation=bulletin.organisation, action="opinions.bulletin.sent", obj=bulletin,
                  changes={"recipients": recipients})
    return bulletin


def reports_forward(*, actor, reports) -> list[Report]:
    """Forward several published reports up at once (from an issue's page): all of them, or none if one cannot
    go."""
    with transaction.atomic():
        return [report_forward(actor=actor, report=r) for r in reports]
