"""Pages of the 《社情民意》 bulletin: issues per year, one issue with its reports and the actions of its state,
the Word and PDF documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import DOCX_TYPE, file_response
from zhengxie.core.views.common import organisation_required, posted_version, require, run_service

from .. import bulletins, documents, permissions, selectors
from ..choices import BulletinStatus, ReportStatus
from ..forms import BulletinCreateForm, BulletinReturnForm, BulletinReviewForm, BulletinSendForm
from ..org_settings import default_recipients
from ..signoff import signoff_sheet
from ..workflow import BULLETIN_WORKFLOW
from . import history_rows


@require(permissions.can_view_bulletins)
def bulletin_list(request):
    org = request.organisation
    years = selectors.bulletin_years(org)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    issues = (selectors.bulletins_visible_to(request.user, org).filter(year=year).order_by("-number")
              .annotate(report_count=Count("reports")))
    return render(request, "opinions/bulletin_list.html", {
        "issues": issues, "years": years, "year": year, "create_form": BulletinCreateForm(),
        "can_compile": permissions.is_information_office(request.user, org),
    })


@require(permissions.is_information_office)
@require_POST
def bulletin_create(request):
    form = BulletinCreateForm(request.POST)
    if form.is_valid():
        issue = run_service(request, lambda: bulletins.bulletin_create(
            actor=request.user, organisation=request.organisation, subject=form.cleaned_data["subject"]))
        if issue:
            messages.success(request, _("Issue %(label)s was created.") % {"label": issue.label})
            return redirect("opinions:bulletin_detail", pk=issue.pk)
    return redirect("opinions:bulletin_list")


def _issue(request, pk):
    return selectors.bulletin_get_for_user(request.user, request.organisation, pk)


@organisation_required
def bulletin_detail(request, pk):
    issue = _issue(request, pk)
    org = request.organisation
    reports = list(selectors.bulletin_reports(issue))
    compiler = permissions.can_compile_bulletin(request.user, issue)
    return render(request, "opinions/bulletin_detail.html", {
        "issue": issue, "reports": reports, "compiler": compiler,
        "leader": permissions.can_sign_off(request.user, issue),
        "can": {t.action for t in BULLETIN_WORKFLOW.actions_from(issue.status)},
        "candidates": selectors.bulletin_candidates(org) if compiler and issue.status == BulletinStatus.DRAFT else [],
        "forwardable": [r for r in reports if r.status == ReportStatus.PUBLISHED and not r.forwarded_at],
        "parent": org.parent,
        "return_form": BulletinReturnForm(initial={"version": issue.version}),
        "review_form": BulletinReviewForm(initial={"version": issue.version}),
        "reviewer": permissions.can_review_bulletin(request.user, issue),
        "step": permissions.current_review_step(issue),
        "sheet": signoff_sheet(issue),
        "send_form": BulletinSendForm(initial={"version": issue.version,
                                               "recipients": "\n".join(default_recipients(org))}),
        "history": history_rows(issue.transitions.select_related("actor", "actor__person").order_by("created_at", "pk"),
                                BULLETIN_WORKFLOW),
    })


def _chosen_reports(request, field="reports"):
    ids = [int(v) for v in request.POST.getlist(field) if v.isdigit()]
    return list(selectors.reports_visible_to(request.user, request.organisation).filter(pk__in=ids))


@organisation_required
@require_POST
def bulletin_place(request):
    """Place reports in an issue: a draft chosen on the report's page (or a new one), or the issue's page."""
    org = request.organisation
    if not permissions.is_information_office(request.user, org):
        raise PermissionDenied
    reports = _chosen_reports(request)
    choice = request.POST.get("bulletin", "")
    issue = selectors.draft_bulletins(org).filter(pk=int(choice)).first() if choice.isdigit() else None
    if issue is None and choice != "new":
        messages.error(request, _("Choose an issue being compiled."))
        return redirect("opinions:bulletin_list")

    done = run_service(request, lambda: bulletins.bulletin_place_in_new_or(
        actor=request.user, organisation=org, bulletin=issue, reports=reports))
    if not done:
        return redirect("opinions:detail", pk=reports[0].pk) if len(reports) == 1 else redirect("opinions:bulletin_list")
    target, count = done
    messages.success(request, _("%(n)d report(s) placed in %(label)s.") % {"n": count, "label": target.label})
    return redirect("opinions:bulletin_detail", pk=target.pk)


def _report(request, report_id):
    return selectors.reports_visible_to(request.user, request.organisation).filter(pk=report_id).first()


@organisation_required
@require_POST
def bulletin_unplace(request, pk, report_id):
    issue = _issue(request, pk)
    report = _report(request, report_id)
    if report is not None:
        run_service(request, lambda: bulletins.bulletin_unplace(actor=request.user, bulletin=issue, report=report),
                    success=_("The report was taken out of the issue."))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_move(request, pk, report_id):
    issue = _issue(request, pk)
    report = _report(request, report_id)
    if report is not None:
        offset = -1 if request.POST.get("direction") == "up" else 1
        run_service(request, lambda: bulletins.bulletin_move(actor=request.user, bulletin=issue, report=report,
                                                             offset=offset))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_submit(request, pk):
    issue = _issue(request, pk)
    run_service(request, lambda: bulletins.bulletin_submit(actor=request.user, bulletin=issue, version=posted_version(request)),
                success=_("The issue was sent to the leaders for sign-off."))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_return(request, pk):
    issue = _issue(request, pk)
    form = BulletinReturnForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: bulletins.bulletin_return(
            actor=request.user, bulletin=issue, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"]),
            success=_("The issue was returned to the office."))
    else:
        messages.error(request, _("Say what should be changed."))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_sign_off(request, pk):
    issue = _issue(request, pk)
    run_service(request, lambda: bulletins.bulletin_sign_off(actor=request.user, bulletin=issue,
                                                             version=posted_version(request)),
                success=_("Signed off: the reports are published and their authors are told."))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_send(request, pk):
    issue = _issue(request, pk)
    form = BulletinSendForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: bulletins.bulletin_send(
            actor=request.user, bulletin=issue, recipients=form.recipient_list(), version=form.cleaned_data["version"]),
            success=_("The sending was recorded."), form=form)
    else:
        messages.error(request, _("Name at least one recipient."))
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_forward(request, pk):
    issue = _issue(request, pk)
    reports = [r for r in _chosen_reports(request) if r.bulletin_id == issue.pk]
    if not reports:
        messages.error(request, _("Choose the reports to forward."))
    else:
        done = run_service(request, lambda: bulletins.reports_forward(actor=request.user, reports=reports))
        if done:
            messages.success(request, _("%(n)d report(s) forwarded to %(org)s.") % {
                "n": len(done), "org": done[0].organisation.short_name})
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
@require_POST
def bulletin_delete(request, pk):
    issue = _issue(request, pk)
    if run_service(request, lambda: bulletins.bulletin_delete(actor=request.user, bulletin=issue),
                   success=_("The issue was deleted.")):
        return redirect("opinions:bulletin_list")
    return redirect("opinions:bulletin_detail", pk=issue.pk)


@organisation_required
def bulletin_document(request, pk, kind):
    issue = _issue(request, pk)
    reports = list(selectors.bulletin_reports(issue).select_related("source__organisation"))
    if kind == "docx":
        return file_response(documents.bulletin_docx(issue, reports), documents.filename(issue, "docx"), DOCX_TYPE)
    return file_response(documents.bulletin_pdf(issue, reports), documents.filename(issue, "pdf"), "application/pdf")
