"""Outcome pages: speeches, outcome reports with their recipients and feedback (and the Word copy)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import (
    add_field_table,
    add_heading,
    add_paragraph,
    add_title,
    docx_response,
    new_docx,
)
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.files import attachments_of
from zhengxie.core.views.common import organisation_required, posted_version, run_service

from .. import permissions, selectors
from ..forms import FeedbackForm, ReportForm, ReportSendForm, SpeechForm
from ..models import OutcomeReport, ReportRecipient, Speech
from ..services import outcomes as services
from .participants import _managed


@organisation_required
def speech_create(request, pk):
    activity = _managed(request, pk)
    form = SpeechForm(request.POST or None, request.FILES or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.speech_create(
                actor=request.user, activity=activity, member=d["member"], kind=d["kind"], title=d["title"],
                text=d["text"], files=d["files"]), success=_("The speech was recorded."), form=form):
            return redirect("activities:detail", pk=pk)
    return render(request, "activities/speech_form.html", {"activity": activity, "form": form})


@organisation_required
def speech_detail(request, pk, speech_pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    speech = get_object_or_404(Speech.objects.select_related("member__person", "member__sector"), pk=speech_pk,
                               activity=activity)
    return render(request, "activities/speech_detail.html", {
        "activity": activity, "speech": speech, "files": attachments_of(speech),
        "can_manage": permissions.can_manage_activity(request.user, activity)})


@organisation_required
@require_POST
def speech_delete(request, pk, speech_pk):
    activity = _managed(request, pk)
    speech = get_object_or_404(Speech, pk=speech_pk, activity=activity)
    run_service(request, lambda: services.speech_delete(actor=request.user, speech=speech),
                success=_("The speech was removed."))
    return redirect("activities:detail", pk=pk)


@organisation_required
def report_create(request, pk):
    activity = _managed(request, pk)
    form = ReportForm(request.POST or None, activity=activity,
                      initial={"authors": activity.participants.filter(outcome="attended").values_list("member_id", flat=True)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        report = run_service(request, lambda: services.report_create(
            actor=request.user, activity=activity, kind=d["kind"], title=d["title"], body=d["body"],
            suggestion_count=d["suggestion_count"], authors=d["authors"], lead=d["lead"]), success=_("The outcome report was saved."), form=form)
        if report:
            return redirect("activities:report_detail", pk=report.pk)
    return render(request, "activities/report_form.html", {"activity": activity, "form": form, "report": None})


def _report(request, pk, *, manage=False) -> OutcomeReport:
    report = selectors.report_get_for_user(request.user, request.organisation, pk)
    if manage and not permissions.can_manage_activity(request.user, report.activity):
        raise NotAllowed()
    return report


@organisation_required
def report_edit(request, pk):
    report = _report(request, pk, manage=True)
    form = ReportForm(request.POST or None, activity=report.activity, initial={
        "kind": report.kind, "title": report.title, "body": report.body, "suggestion_count": report.suggestion_count,
        "authors": list(report.authors.values_list("pk", flat=True)), "lead": report.lead_id})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.report_update(
                actor=request.user, report=report, data={k: d[k] for k in ("kind", "title", "body", "suggestion_count", "lead")},
                authors=d["authors"], version=posted_version(request)), success=_("The outcome report was saved."), form=form):
            return redirect("activities:report_detail", pk=pk)
    return render(request, "activities/report_form.html", {"activity": report.activity, "form": form, "report": report})


@organisation_required
def report_detail(request, pk):
    return _detail_page(request, pk)


def _detail_page(request, pk, *, feedback_form=None, feedback_for=None):
    """The report's page; ``feedback_form``: the feedback refused for recipient ``feedback_for``, shown again open."""
    report = _report(request, pk)
    manage = permissions.can_manage_activity(request.user, report.activity)
    recipients = list(report.recipients.select_related("handling_unit"))
    if manage:  # a form per recipient, with ids of its own
        for r in recipients:
            r.feedback_form = feedback_form if r.pk == feedback_for else FeedbackForm(auto_id=f"id_r{r.pk}_%s")
    return render(request, "activities/report_detail.html", {
        "report": report, "activity": report.activity, "can_manage": manage, "recipients": recipients,
        "authors": report.authors.select_related("person"), "files": attachments_of(report),
        "send_form": ReportSendForm(organisation=request.organisation) if manage else None,
        "feedback_for": feedback_for,
    })


@organisation_required
@require_POST
def report_send(request, pk):
    report = _report(request, pk, manage=True)
    form = ReportSendForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        names = form.cleaned_data["names"].splitlines()
        run_service(request, lambda: services.report_send(actor=request.user, report=report, names=names,
                                                          units=form.cleaned_data["units"]),
                    success=_("The report was sent."))
    return redirect("activities:report_detail", pk=pk)


@organisation_required
@require_POST
def report_upload(request, pk):
    report = _report(request, pk, manage=True)
    upload = request.FILES.get("file")
    if upload:
        run_service(request, lambda: services.report_add_file(actor=request.user, report=report, upload=upload),
                    success=_("The file was added."))
    return redirect("activities:report_detail", pk=pk)


@organisation_required
@require_POST
def recipient_feedback(request, pk, recipient_pk):
    report = _report(request, pk, manage=True)
    recipient = get_object_or_404(ReportRecipient, pk=recipient_pk, report=report)
    form = FeedbackForm(request.POST, auto_id=f"id_r{recipient.pk}_%s")
    if form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.recipient_feedback(
                actor=request.user, recipient=recipient, feedback=d["feedback"], adopted=d["adopted"],
                instruction_leader=d["instruction_leader"], instruction_level=d["instruction_level"],
                instruction_text=d["instruction_text"], promises=d["promises"]),
                success=_("The feedback was recorded."), form=form):
            return redirect("activities:report_detail", pk=pk)
    # Refused: the page again with what was typed and the fields at fault marked.
    return _detail_page(request, pk, feedback_form=form, feedback_for=recipient.pk)


@organisation_required
def report_docx(request, pk):
    report = _report(request, pk)
    document = new_docx()
    add_title(document, report.title)
    add_field_table(document, [
        (_("Kind"), report.get_kind_display()), (_("Activity"), report.activity.title),
        (_("Number of suggestions"), str(report.suggestion_count)),
        (_("Members credited"), "、".join(m.person.name for m in report.authors.select_related("person"))),
    ])
    for paragraph in report.body.splitlines():
        if paragraph.strip():
            add_paragraph(document, paragraph.strip())
    recipients = list(report.recipients.all())
    if recipients:
        add_heading(document, _("Recipients and feedback"))
        for r in recipients:
            add_paragraph(document, f"{r.name}：{r.feedback or _('No feedback yet.')}", indent=False)
            if r.instruction_text:
                add_paragraph(document, f"{r.instruction_leader}（{r.get_instruction_level_display()}）：{r.instruction_text}",
                              indent=False)
    add_paragraph(document, timezone.localdate().strftime("%Y-%m-%d"), align="right", indent=False)
    return docx_response(document, f"{report.title[:60]}.docx")
