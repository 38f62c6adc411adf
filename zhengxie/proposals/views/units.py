"""The handling unit's workbench: its proposals with due dates, what waits for it, Excel export."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.documents import excel_response
from zhengxie.core.models import HandlingUnit
from zhengxie.core.views.common import paginate, require

from .. import permissions, selectors

TABS = ["open", "overdue", "signoff", "countersign", "done", "all"]


def _filtered(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "open"
    qs = selectors.unit_tasks(request.user, request.organisation)
    return tab, selectors.unit_task_filter(qs, state="" if tab == "all" else tab, q=request.GET.get("q", ""))


@require(permissions.is_unit_user)
def workbench(request):
    tab, qs = _filtered(request)
    units = HandlingUnit.objects.filter(pk__in=permissions.unit_ids(request.user, request.organisation))
    return render(request, "proposals/unit_workbench.html", {
        "tab": tab, "tabs": TABS, "page": paginate(request, qs, 30), "today": timezone.localdate(),
        "units": units, "is_leader": bool(permissions.leader_unit_ids(request.user, request.organisation)),
        "unreceipted": selectors.awaiting_receipt(request.user, request.organisation).count(),
    })


@require(permissions.is_unit_user)
def workbench_export(request):
    _tab, qs = _filtered(request)
    columns = [(_("Proposal number"), 22), (_("Title"), 50), (_("Proposer"), 20), (_("Handling unit"), 24), (_("Handling role"), 10),
               (_("Status"), 20), (_("Assigned"), 12), (_("Reply due"), 12), (_("Replied"), 12)]
    rows = (
        (t.proposal.number_label, t.proposal.title, t.proposal.proposer_label, t.unit.name, t.get_role_display(),
         t.get_status_display(), timezone.localtime(t.assigned_at).date() if t.assigned_at else None, t.due_on,
         timezone.localtime(t.replied_at).date() if t.replied_at else None)
        for t in qs.iterator(chunk_size=2000)
    )
    return excel_response(f"{_('Assigned proposals')}{timezone.localdate():%Y%m%d}.xlsx", columns, rows,
                          title=_("Assigned proposals"))
