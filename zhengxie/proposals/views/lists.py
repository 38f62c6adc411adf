"""Lists of proposals: everyone's permission-filtered list with filters, the member's own, and the Excel export of
whatever is filtered."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core import permissions as core_permissions
from zhengxie.core.views.common import is_htmx, list_export, paginate, require

from .. import permissions, selectors
from ..forms import ProposalFilterForm
from ..models import ProposalSigner

PER_PAGE = 25


def default_scope(request) -> str:
    org = request.organisation
    writes = core_permissions.current_member(request.user, org) is not None or core_permissions.body_ids_of(request.user, org)
    return "mine" if writes and not permissions.sees_all(request.user, org) else "all"


def filtered(request):
    """The list the user asked for: scope (mine / all visible), filters, order."""
    org = request.organisation
    scope = request.GET.get("scope") or default_scope(request)
    form = ProposalFilterForm(request.GET or None, organisation=org)
    qs = selectors.mine(request.user, org) if scope == "mine" else selectors.proposals_visible_to(request.user, org)
    if form.is_valid():
        qs = selectors.proposal_search(qs, organisation=org, **form.filters())
    order = request.GET.get("order", "")
    qs = qs.order_by("session__year", "number", "pk") if order == "number" else qs.order_by("-submitted_at", "-id")
    return form, scope, order, qs


@require(permissions.can_use_list)
def proposal_list(request):
    form, scope, order, qs = filtered(request)
    page = paginate(request, selectors.with_list_joins(qs), PER_PAGE)
    context = {"form": form, "page": page, "scope": scope, "order": order,
               "can_write": permissions.can_write(request.user, request.organisation),
               "is_office": permissions.is_office(request.user, request.organisation)}
    template = "proposals/partials/list_table.html" if is_htmx(request) else "proposals/list.html"
    return render(request, template, context)


def _units_text(proposal) -> str:
    return "、".join(f"{t.unit.name}（{t.get_role_display()}）" for t in getattr(proposal, "live_tasks", []))


def _signers_text(proposal) -> str:
    return "、".join(s.name for s in proposal.signers.all() if s.status == "confirmed")


@require(permissions.can_use_list)
def proposal_export(request):
    _form, _scope, _order, qs = filtered(request)
    signers = Prefetch("signers", queryset=ProposalSigner.objects.select_related("member__person", "body"))
    qs = selectors.with_list_joins(qs).prefetch_related(signers)
    columns = [(_("Proposal number"), 22), (_("Title"), 50), (_("Proposal category"), 12), (_("Proposal type"), 12), (_("Session"), 16),
               (_("Proposers"), 30), (_("Status"), 16), (_("Submitted on"), 12), (_("Registered"), 12),
               (_("Handling units"), 40), (_("Reply due"), 12), (_("Key proposal"), 10)]
    rows = (
        (p.number_label, p.title, p.category, p.get_kind_display(), str(p.session or ""), _signers_text(p),
         p.get_status_display(), timezone.localtime(p.submitted_at).date() if p.submitted_at else None,
         timezone.localtime(p.registered_at).date() if p.registered_at else None, _units_text(p), p.due_on,
         p.get_key_state_display() if p.key_state else "")
        for p in qs.iterator(chunk_size=2000)
    )
    return list_export(request, rows, columns=columns, name=_("Proposals"), action="proposals.proposal.exported")
