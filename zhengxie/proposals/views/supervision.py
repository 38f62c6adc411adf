"""督 and the year's selection: supervision by unit (办复率, overdue, satisfaction), key proposals, awards."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.choices import Role
from zhengxie.core.documents import excel_response
from zhengxie.core.selectors import get_visible, users_with_role
from zhengxie.core.views.common import paginate, require, run_service

from .. import permissions, selectors, services
from ..choices import AwardKind
from ..forms import AwardForm
from ..models import Award


def _year(request) -> int:
    value = request.GET.get("year") or request.POST.get("year") or ""
    return int(value) if value.isdigit() else timezone.localdate().year


def _years(organisation) -> list[int]:
    years = set(organisation.terms.values_list("sessions__year", flat=True)) - {None}
    return sorted(years | {timezone.localdate().year}, reverse=True)


@require(permissions.can_supervise)
def supervision(request):
    org = request.organisation
    year = _year(request)
    rows = selectors.supervision_by_unit(org, year=year)
    totals = {k: sum(r[k] for r in rows) for k in ("assigned", "replied", "open", "overdue")}
    totals["rate"] = totals["replied"] / totals["assigned"] if totals["assigned"] else 0
    overdue = selectors.overdue_tasks(org)
    chart = {"units": [r["unit"].short_name or r["unit"].name for r in rows],
             "rates": [round(r["rate"] * 100, 1) for r in rows]}
    return render(request, "proposals/supervision.html", {
        "year": year, "years": _years(org), "rows": rows, "totals": totals, "chart": chart,
        "overdue": paginate(request, overdue, 30), "show_overdue": request.GET.get("overdue") == "1",
    })


@require(permissions.can_supervise)
def supervision_export(request):
    year = _year(request)
    rows = selectors.supervision_by_unit(request.organisation, year=year)
    columns = [(_("Handling unit"), 30), (_("Replies owed"), 10), (_("Replied"), 10), (_("Reply rate"), 10),
               (_("Being handled"), 10), (_("Past due"), 10), (_("Satisfied"), 10), (_("Basically satisfied"), 12),
               (_("Dissatisfied"), 10)]
    data = ((r["unit"].name, r["assigned"], r["replied"], f"{r['rate']:.1%}", r["open"], r["overdue"], r["satisfied"],
             r["basically"], r["dissatisfied"]) for r in rows)
    return excel_response(f"{_('Supervision by unit')}{year}.xlsx", columns, data, title=_("Supervision by unit"))


@require(permissions.can_supervise)
def key_list(request):
    year = _year(request)
    qs = selectors.key_proposals(request.organisation).filter(session__year=year)
    return render(request, "proposals/key_list.html", {"page": paginate(request, qs, 30),
                                                       "year": year, "years": _years(request.organisation),
                                                       "can_edit": permissions.is_office(request.user,
                                                                                         request.organisation)})


@require(permissions.can_supervise)
def awards(request):
    org = request.organisation
    year = _year(request)
    form = AwardForm(request.POST or None, organisation=org)
    if request.method == "POST":
        if not permissions.is_office(request.user, org):
            return redirect("proposals:awards")
        if form.is_valid():
            d = form.cleaned_data
            proposal = None
            if d["kind"] == AwardKind.EXCELLENT_PROPOSAL:
                proposal = run_service(request, lambda: selectors.proposal_by_reference(org, d["proposal"]), form=form)
            if proposal is not None or d["kind"] == AwardKind.ADVANCED_UNIT:
                result = run_service(request, lambda: services.award_grant(
                    actor=request.user, organisation=org, year=year, kind=d["kind"],
                    proposal=proposal, unit=d["unit"], citation=d["citation"]),
                    success=_("The selection was recorded."), form=form)
                if result:
                    return redirect(f"{request.path}?year={year}")
        else:
            messages.error(request, _("Please correct the fields marked below."))
    current = Award.objects.filter(organisation=org, year=year).select_related("proposal", "unit").order_by("-kind", "id")
    ranking = sorted(selectors.supervision_by_unit(org, year=year),
                     key=lambda r: (-(r["satisfaction"] or 0), -r["rate"], r["overdue"]))
    return render(request, "proposals/awards.html", {
        "year": year, "years": _years(org), "form": form, "awards": current, "ranking": ranking[:10],
        "can_edit": permissions.is_office(request.user, org),
    }, status=400 if request.method == "POST" else 200)


@require(permissions.is_office)
@require_POST
def award_revoke(request, pk):
    award = get_object_or_404(Award, pk=pk, organisation=request.organisation)
    run_service(request, lambda: services.award_revoke(actor=request.user, award=award),
                success=_("The selection was withdrawn."))
    return redirect(f"{reverse('proposals:awards')}?year={award.year}")


@require(permissions.can_supervise)
def key_leaders(request, pk):
    """领衔督办领导: the office chooses the leaders (one or several) who lead the supervision of a key proposal; the
    page shows who leads now and every earlier choice."""
    org = request.organisation
    proposal = get_visible(selectors.key_proposals(org), pk)  # not a key proposal: not found
    candidates = users_with_role(org, Role.LEADER)
    can_edit = permissions.is_office(request.user, org)
    if request.method == "POST":
        if not can_edit:
            return redirect("proposals:key_leaders", pk=proposal.pk)
        chosen = {int(v) for v in request.POST.getlist("leaders") if v.isdigit()}
        picked = [u for u in candidates if u.pk in chosen]
        if len(picked) != len(chosen):
            messages.error(request, _("Choose leaders of this committee."))
        elif run_service(request, lambda: services.proposal_key_leaders_set(actor=request.user, proposal=proposal,
                                                                           leaders=picked),
                         success=_("The leading leaders were saved.")) is not None:
            return redirect("proposals:key_leaders", pk=proposal.pk)
    current = set(proposal.key_leaders.values_list("pk", flat=True))
    history = proposal.events.filter(action="leaders_set").select_related("actor").order_by("-created_at", "-pk")
    return render(request, "proposals/key_leaders.html", {
        "proposal": proposal, "candidates": candidates, "current": current, "can_edit": can_edit,
        "history": history,
    })
