"""Pages of reports: the author's list and submission form, the office's queue, a report's page with the actions
of its state, editing with the side-by-side comparison."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.org_settings import get_setting
from zhengxie.core.views.common import (
    is_htmx,
    list_export,
    organisation_required,
    paginate,
    posted_version,
    require,
    run_service,
)
from zhengxie.search.api import clusters_out

from .. import feedback, permissions, selectors, services
from ..choices import ReportStatus
from ..forms import (
    AdoptionForm,
    InstructionForm,
    NotUseForm,
    ReportAmendForm,
    ReportEditForm,
    ReportFilterForm,
    ReportSubmitForm,
)
from ..org_settings import MAX_LENGTH
from ..search import report_cluster_details
from ..text import count_characters, text_diff
from ..workflow import REPORT_WORKFLOW
from . import history_rows


@require(permissions.can_use_reports)
def home(request):
    if permissions.sees_all_reports(request.user, request.organisation):
        return redirect("opinions:queue")
    return redirect("opinions:mine")


@require(permissions.can_submit)
def mine(request):
    qs = selectors.my_reports(request.user, request.organisation)
    return render(request, "opinions/mine.html", {"page": paginate(request, qs, 20)})


def _queue(request):
    org = request.organisation
    form = ReportFilterForm(request.GET or None, organisation=org)
    qs = selectors.reports_visible_to(request.user, org)
    if form.is_valid():
        d = form.cleaned_data
        source = {"own": False, "below": True}.get(d["source"])
        qs = selectors.report_search(qs, status=d["status"], category=d["category"], author_kind=d["author_kind"],
                                     year=d["year"], q=d["q"], from_below=source)
    else:
        qs = selectors.report_search(qs)
    return form, qs


@require(permissions.sees_all_reports)
def queue(request):
    form, qs = _queue(request)
    counts = selectors.status_counts(request.organisation)
    context = {"form": form, "page": paginate(request, qs, 25), "status": request.GET.get("status", ""),
               "status_tabs": [(value, label, counts[value]) for value, label in ReportStatus.choices if counts.get(value)]}
    template = "opinions/partials/queue_table.html" if is_htmx(request) else "opinions/queue.html"
    return render(request, template, context)


@require(permissions.sees_all_reports)
def similar(request):
    """Groups of reports about the same thing: among those received (to be combined into one report), or among
    those forwarded up (sent twice)."""
    among = request.GET.get("among") if request.GET.get("among") in selectors.SIMILAR_AMONG else "received"
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    year = min(max(year, 2000), 2100)
    clusters = selectors.report_clusters(request.user, request.organisation, among=among, year=year)
    return render(request, "opinions/similar.html", {
        "among": among, "year": year, "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "clusters": clusters_out("opinions.report", clusters, details=report_cluster_details)})


@require(permissions.sees_all_reports)
def queue_export(request):
    _form, qs = _queue(request)
    columns = [(_("Received at"), 18), (_("Title"), 40), (_("Author"), 16), (pgettext("report origin", "From"), 16), (_("Category"), 12),
               (_("Status"), 12), (_("Characters"), 8), (_("Bulletin issue"), 14), (_("Forwarded at"), 18)]
    rows = ((r.received_at, r.title, r.author_name, r.origin_organisation.short_name, r.category,
             r.get_status_display(), count_characters(r.text), r.bulletin.label if r.bulletin else "", r.forwarded_at)
            for r in qs.iterator(chunk_size=1000))
    return list_export(request, rows, columns=columns, name=_("Public-opinion reports"),
                       action="opinions.report.exported")


@require(permissions.can_submit)
def submit(request):
    org = request.organisation
    form = ReportSubmitForm(request.POST or None, request.FILES or None, organisation=org, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        report = run_service(request, lambda: services.report_submit(
            actor=request.user, organisation=org, title=d["title"], text=d["text"], category=d["category"],
            uploads=d["files"], **form.author_kwargs()), success=_("The report was submitted."), form=form)
        if report:
            return redirect("opinions:detail", pk=report.pk)
    return render(request, "opinions/submit.html", {"form": form, "limit": get_setting(org, MAX_LENGTH)})


def _detail_context(request, report):
    user, org = request.user, request.organisation
    office = permissions.can_handle_report(user, report)
    author_view = not permissions.sees_all_reports(user, org)
    adoptions, instructions = selectors.feedback_of(report)
    chain = selectors.chain_of(report)
    context = {
        "report": report, "office": office, "author_view": author_view,
        "is_author": permissions.is_author(user, report), "chain": chain,
        "above": [step for step in chain if step.record.depth > report.depth],
        "below": [step for step in chain if step.record.depth < report.depth],
        "adoptions": adoptions, "instructions": instructions, "attachments": attachments_of(report),
        "characters": count_characters(report.original_text if author_view else report.text), "can": {t.action for t in REPORT_WORKFLOW.actions_from(report.status)},
        "converted_from": report.converted_from if report.converted_from_type_id else None,
    }
    if office:
        context.update({
            "history": history_rows(selectors.history_of(report), REPORT_WORKFLOW), "not_use_form": NotUseForm(initial={"version": report.version}),
            "adoption_form": AdoptionForm(organisation=org), "instruction_form": InstructionForm(organisation=org),
            "drafts": selectors.draft_bulletins(org), "parent": org.parent,
        })
    return context


@organisation_required
def detail(request, pk):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    return render(request, "opinions/detail.html", _detail_context(request, report))


def _office_report(request, pk):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_handle_report(request.user, report):
        raise PermissionDenied
    return report


@organisation_required
def amend(request, pk):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    if not permissions.is_author(request.user, report):
        raise PermissionDenied
    initial = {"title": report.title, "text": report.text, "category": report.category, "version": report.version}
    form = ReportAmendForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.report_amend(
                actor=request.user, report=report, title=d["title"], text=d["text"], category=d["category"],
                version=d["version"]), success=_("The report was saved."), form=form):
            return redirect("opinions:detail", pk=report.pk)
    return render(request, "opinions/amend.html", {"form": form, "report": report,
                                                   "limit": get_setting(request.organisation, MAX_LENGTH)})


@organisation_required
@require_POST
def withdraw(request, pk):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.report_withdraw(actor=request.user, report=report, version=posted_version(request)),
                success=_("The report was withdrawn."))
    return redirect("opinions:detail", pk=report.pk)


@organisation_required
@require_POST
def accept(request, pk):
    report = _office_report(request, pk)
    run_service(request, lambda: services.report_accept(actor=request.user, report=report, version=posted_version(request)),
                success=_("Accepted: the report can now be edited."))
    return redirect("opinions:detail", pk=report.pk)


@organisation_required
@require_POST
def not_use(request, pk):
    report = _office_report(request, pk)
    form = NotUseForm(request.POST)
    if form.is_valid():
        if run_service(request, lambda: services.report_not_use(
                actor=request.user, report=report, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"]), success=_("Marked as not used; the author was told why."),
                form=form):
            return redirect("opinions:detail", pk=report.pk)
    context = _detail_context(request, report)
    context.update({"not_use_form": form, "open_panel": "not_use"})
    return render(request, "opinions/detail.html", context, status=400)


@organisation_required
@require_POST
def reopen(request, pk):
    report = _office_report(request, pk)
    run_service(request, lambda: services.report_reopen(actor=request.user, report=report, version=posted_version(request)),
                success=_("The report is received again."))
    return redirect("opinions:detail", pk=report.pk)


@organisation_required
def edit(request, pk):
    report = _office_report(request, pk)
    initial = {"title": report.title, "text": report.text, "category": report.category, "version": report.version}
    form = ReportEditForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.report_edit(
                actor=request.user, report=report, title=d["title"], text=d["text"], category=d["category"],
                note=d["note"], version=d["version"]), success=_("The edited text was saved."), form=form):
            return redirect("opinions:diff", pk=report.pk)
    return render(request, "opinions/edit.html", {"form": form, "report": report})


@organisation_required
def diff(request, pk):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    if not permissions.sees_all_reports(request.user, request.organisation):
        raise PermissionDenied
    return render(request, "opinions/diff.html", {
        "report": report, "title_diff": text_diff(report.original_title, report.title),
        "text_diff": text_diff(report.original_text, report.text),
        "characters": (count_characters(report.original_text), count_characters(report.text)),
    })


@organisation_required
@require_POST
def forward(request, pk):
    report = _office_report(request, pk)
    upper = run_service(request, lambda: services.report_forward(
        actor=request.user, report=report, version=posted_version(request)))
    if upper:
        messages.success(request, _("Forwarded to %(org)s.") % {"org": upper.organisation.short_name})
    return redirect("opinions:detail", pk=report.pk)


@organisation_required
@require_POST
def record_adoption(request, pk):
    report = _office_report(request, pk)
    form = AdoptionForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: feedback.adoption_record(
                actor=request.user, report=report, kind=d["kind"], level=d["level"], adopted_by=d["adopted_by"],
                adopted_on=d["adopted_on"], note=d["note"]), success=_("The adoption was recorded."), form=form):
            return redirect("opinions:detail", pk=report.pk)
    context = _detail_context(request, report)
    context.update({"adoption_form": form, "open_panel": "adoption"})
    return render(request, "opinions/detail.html", context, status=400)


@organisation_required
@require_POST
def record_instruction(request, pk):
    report = _office_report(request, pk)
    form = InstructionForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: feedback.instruction_record(
                actor=request.user, report=report, leader_name=d["leader_name"], leader_title=d["leader_title"],
                level=d["level"], text=d["text"], instructed_on=d["instructed_on"]),
                success=_("The instruction was recorded; the author is told."), form=form):
            return redirect("opinions:detail", pk=report.pk)
    context = _detail_context(request, report)
    context.update({"instruction_form": form, "open_panel": "instruction"})
    return render(request, "opinions/detail.html", context, status=400)


@organisation_required
def attachment(request, pk, attachment_id):
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(report, attachment_id)
