"""Self-reported duties: a member reports an activity with photos or files; staff confirm or return it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.views.common import is_htmx, organisation_required, paginate, run_service

from .. import permissions, selectors, services
from ..choices import SelfReportStatus
from ..forms import NoteForm, ReasonForm, SelfReportForm, VersionForm
from ..workflow import SELF_REPORT_WORKFLOW


@organisation_required
def self_report_list(request):
    org, user = request.organisation, request.user
    staff = permissions.can_view_scores(user, org)
    seat = core_permissions.current_member(user, org)
    if not staff and seat is None:
        raise PermissionDenied
    qs = selectors.self_reports_visible_to(user, org)
    status = request.GET.get("status", SelfReportStatus.SUBMITTED if staff else "")
    if status in SelfReportStatus.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if staff and q:
        qs = qs.filter(member__person__name__contains=q) | qs.filter(title__contains=q)
    context = {"page": paginate(request, qs.order_by("-submitted_at", "-id"), 30), "status": status, "q": q,
               "staff": staff, "seat": seat, "statuses": SelfReportStatus.choices,
               "tab": "self_reports", "is_staff_view": staff}
    template = "duties/partials/self_report_table.html" if is_htmx(request) else "duties/self_reports.html"
    return render(request, template, context)


@organisation_required
def self_report_new(request):
    seat = core_permissions.current_member(request.user, request.organisation)
    if seat is None or not permissions.can_report(request.user, seat):
        raise PermissionDenied(_("Only members report their own duties."))
    form = SelfReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = run_service(request, lambda: services.self_report_submit(
            actor=request.user, member=seat, data=form.report_data(), files=form.cleaned_data["files"]),
            success=_("Your report was sent to the office for confirmation."), form=form)
        if report:
            return redirect("duties:self_report", pk=report.pk)
    return render(request, "duties/self_report_form.html", {"form": form, "report": None})


@organisation_required
def self_report_detail(request, pk):
    report = selectors.self_report_get_for_user(request.user, request.organisation, pk)
    user = request.user
    own = permissions.is_own_seat(user, report.member)
    keeper = permissions.can_keep_records(user, request.organisation)
    version = {"version": report.version}
    return render(request, "duties/self_report_detail.html", {
        "report": report, "own": own, "keeper": keeper,
        "files": attachments_of(report, role="evidence"),
        "history": [(h, SELF_REPORT_WORKFLOW.state_label(h.from_state) if h.from_state else "",
                     SELF_REPORT_WORKFLOW.state_label(h.to_state)) for h in report.history.select_related("actor")],
        "can_edit": own and (SELF_REPORT_WORKFLOW.can("update", report.status)
                             or SELF_REPORT_WORKFLOW.can("resubmit", report.status)),
        "can_withdraw": own and SELF_REPORT_WORKFLOW.can("withdraw", report.status),
        "can_decide": keeper and SELF_REPORT_WORKFLOW.can("confirm", report.status),
        "can_revoke": keeper and SELF_REPORT_WORKFLOW.can("revoke", report.status),
        "confirm_form": NoteForm(initial=version), "reject_form": ReasonForm(initial=version, prefix="reject"),
        "revoke_form": ReasonForm(initial=version, prefix="revoke"), "version_form": VersionForm(initial=version),
    })


@organisation_required
def self_report_edit(request, pk):
    report = selectors.self_report_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_report(request.user, report.member):
        raise PermissionDenied
    initial = {f: getattr(report, f) for f in ("report_type", "title", "occurred_on", "place", "description")}
    form = SelfReportForm(request.POST or None, request.FILES or None, initial={**initial, "version": report.version})
    if request.method == "POST" and form.is_valid():
        result = run_service(request, lambda: services.self_report_update(
            actor=request.user, report=report, version=form.cleaned_data["version"], data=form.report_data(),
            files=form.cleaned_data["files"]), success=_("The self-reported duty was saved."), form=form)
        if result:
            return redirect("duties:self_report", pk=report.pk)
    return render(request, "duties/self_report_form.html", {"form": form, "report": report,
                                                             "files": attachments_of(report, role="evidence")})


ACTIONS = {
    "confirm": (NoteForm, "", lambda r, u, d: services.self_report_confirm(actor=u, report=r, version=d["version"],
                                                                           note=d["note"]), gettext_lazy("The duty was confirmed.")),
    "reject": (ReasonForm, "reject", lambda r, u, d: services.self_report_reject(
        actor=u, report=r, version=d["version"], reason=d["reason"]), gettext_lazy("The report was returned to the member.")),
    "revoke": (ReasonForm, "revoke", lambda r, u, d: services.self_report_revoke(
        actor=u, report=r, version=d["version"], reason=d["reason"]), gettext_lazy("The confirmation was revoked.")),
    "withdraw": (VersionForm, "", lambda r, u, d: services.self_report_withdraw(actor=u, report=r, version=d["version"]),
                 gettext_lazy("The self-reported duty was withdrawn.")),
}


@organisation_required
@require_POST
def self_report_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    report = selectors.self_report_get_for_user(request.user, request.organisation, pk)
    form_class, prefix, call, success = ACTIONS[action]
    form = form_class(request.POST, prefix=prefix or None)
    if form.is_valid():
        run_service(request, lambda: call(report, request.user, form.cleaned_data), success=str(success))
    else:
        messages.error(request, " ".join(f"{form[name].label}: {error}" for name, errors in form.errors.items()
                                         for error in errors))
    return redirect("duties:self_report", pk=report.pk)


@organisation_required
def self_report_file(request, pk, file_pk):
    report = selectors.self_report_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(report, file_pk)
