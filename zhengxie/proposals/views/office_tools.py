"""The office's paperwork: the assignment paper (交办单) of a unit and its receipt (回执), the Party/government
office's batch confirmation, the batch review of replies, a manual reminder (催办), the yearly assessment of
handling units with its ranking, and the compilations of proposals and replies."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import docx_response, excel_response
from zhengxie.core.files import attachment_response
from zhengxie.core.models import Attachment, HandlingUnit, Session
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import organisation_required, paginate, require, run_service

from .. import documents, permissions, selectors, services
from ..assessment import unit_assessment
from ..compilations import compilation_document
from ..models import HandlingTask
from .detail import next_url, show_batch_result
from .supervision import _year, _years


def _ids(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("ids") if v.isdigit()]


# --- 交办单 and 回执 ------------------------------------------------------------------------------------------------


@organisation_required
def assignment_paper(request, unit_pk):
    org = request.organisation
    unit = get_object_or_404(HandlingUnit, pk=unit_pk, organisation=org)
    if not (permissions.sees_all(request.user, org) or unit.pk in permissions.unit_ids(request.user, org)):
        raise Http404
    tasks = selectors.assigned_tasks(unit)
    audit_log(actor=request.user, organisation=org, action="proposals.assignment_paper.printed", obj=unit,
              changes={"tasks": len(tasks)})
    document = documents.assignment_paper_docx(org, unit, tasks, printed_on=timezone.now())
    return docx_response(document, f"{_('Assignment of proposals')}-{unit.short_name or unit.name}.docx")


@require(permissions.is_unit_user)
@require_POST
def receipt_confirm(request):
    ids = _ids(request)
    if not ids:
        ids = list(selectors.awaiting_receipt(request.user, request.organisation).values_list("pk", flat=True))
    result = services.tasks_receipt_confirm_batch(actor=request.user, organisation=request.organisation, ids=ids)
    show_batch_result(request, result, _("The receipt of %(n)d assignments was confirmed."))
    return redirect(next_url(request, reverse("proposals:workbench")))


# --- the Party/government office's batch confirmation ------------------------------------------------------------


@require(permissions.is_party_gov)
def confirmations(request):
    org = request.organisation
    if request.method == "POST":
        result = services.proposals_confirm_assignment_batch(actor=request.user, organisation=org, ids=_ids(request))
        show_batch_result(request, result, _("The assignment of %(n)d proposals was confirmed."))
        return redirect("proposals:confirmations")
    qs = selectors.with_list_joins(selectors.assignments_to_confirm(request.user, org).order_by("registered_at", "pk"))
    return render(request, "proposals/confirmations.html", {"page": paginate(request, qs, 50)})


# --- batch review of replies --------------------------------------------------------------------------------------


@require(permissions.is_office)
@require_POST
def replies_accept(request):
    result = services.replies_accept_batch(actor=request.user, organisation=request.organisation,
                                           task_ids=_ids(request))
    show_batch_result(request, result, _("%(n)d replies were accepted."))
    return redirect(next_url(request, reverse("proposals:handling") + "?tab=replies"))


# --- 催办 ------------------------------------------------------------------------------------------------------------


@require(permissions.is_office)
@require_POST
def task_remind(request, pk):
    task = get_object_or_404(HandlingTask, pk=pk, organisation=request.organisation)
    run_service(request, lambda: services.task_remind(actor=request.user, task=task, note=request.POST.get("note", "")),
                success=_("The reminder was sent to %(unit)s.") % {"unit": task.unit.name})
    return redirect(next_url(request, reverse("proposals:supervision") + "?overdue=1"))


# --- the yearly assessment of handling units -----------------------------------------------------------------------


@require(permissions.can_supervise)
def assessment(request):
    org = request.organisation
    year = _year(request)
    return render(request, "proposals/assessment.html", {
        "year": year, "years": _years(org), "ranking": unit_assessment(org, year),
        "can_award": permissions.is_office(request.user, org),
    })


@require(permissions.can_supervise)
def assessment_export(request):
    year = _year(request)
    ranking = unit_assessment(request.organisation, year)
    return excel_response(f"{_('Assessment of handling units')}{year}.xlsx", documents.assessment_columns(),
                          documents.assessment_rows(ranking), title=_("Assessment of handling units"))


@require(permissions.is_office)
@require_POST
def assessment_award(request):
    org = request.organisation
    year = _year(request)
    unit = get_object_or_404(HandlingUnit, pk=request.POST.get("unit") or 0, organisation=org)
    run_service(request, lambda: services.award_grant(actor=request.user, organisation=org, year=year,
                                                      kind="advanced_unit", unit=unit,
                                                      citation=request.POST.get("citation", "")),
                success=_("%(unit)s was selected as an advanced handling unit.") % {"unit": unit.name})
    return redirect(f"{reverse('proposals:assessment')}?year={year}")


# --- compilations ----------------------------------------------------------------------------------------------------


@require(permissions.sees_all)
def compilation(request):
    """提案汇编 (``kind=proposals``) or 答复汇编 (``kind=replies``) of a session, grouped by category or by unit."""
    org = request.organisation
    session = get_object_or_404(Session, pk=request.GET.get("session") or 0, term__organisation=org)
    document, name = compilation_document(actor=request.user, organisation=org, session=session,
                                          kind=request.GET.get("kind", ""), group_by=request.GET.get("group", ""))
    return docx_response(document, name)


@require(permissions.sees_all)
def compilations(request):
    """The page that offers the compilations of each session."""
    sessions = Session.objects.filter(term__organisation=request.organisation).select_related("term").order_by(
        "-year", "-number")
    return render(request, "proposals/compilations.html", {"sessions": sessions})


# --- the unit's seal on its reply letters ---------------------------------------------------------------------------


def _seal_unit(request, unit_pk, predicate):
    unit = get_object_or_404(HandlingUnit, pk=unit_pk, organisation=request.organisation)
    if not predicate(request.user, unit):
        raise Http404
    return unit


@organisation_required
def unit_seal(request, unit_pk):
    """The seal image of a unit's reply letters: shown to the unit, uploaded, replaced or removed by its leader or the
    proposal office."""
    unit = _seal_unit(request, unit_pk, permissions.can_manage_seal)
    if request.method == "POST":
        if request.POST.get("remove"):
            run_service(request, lambda: services.unit_seal_remove(actor=request.user, unit=unit),
                        success=_("The seal was removed: reply letters are printed without it."))
        else:
            run_service(request, lambda: services.unit_seal_set(actor=request.user, unit=unit,
                                                                upload=request.FILES.get("seal")),
                        success=_("The seal was saved: it is printed on the unit's reply letters."))
        return redirect("proposals:unit_seal", unit_pk=unit.pk)
    seal = services.unit_seal(unit)
    return render(request, "proposals/unit_seal.html", {
        "unit": unit, "seal": seal,
        "is_office": permissions.is_office(request.user, request.organisation),
    })


@organisation_required
def unit_seal_image(request, unit_pk):
    unit = _seal_unit(request, unit_pk, permissions.can_see_seal)
    seal = services.unit_seal(unit)
    if seal is None:
        raise Http404
    return attachment_response(seal, inline=True)


@require(permissions.is_office)
def unit_seals(request):
    """The proposal office's list of units with or without a seal image."""
    org = request.organisation
    units = list(HandlingUnit.objects.filter(organisation=org).order_by("sort_order", "pk"))
    sealed = set(Attachment.objects.filter(content_type=ContentType.objects.get_for_model(HandlingUnit),
                                           object_id__in=[str(u.pk) for u in units], role=services.office.SEAL_ROLE)
                 .values_list("object_id", flat=True))
    return render(request, "proposals/unit_seals.html", {
        "rows": [(u, str(u.pk) in sealed) for u in units]})
