"""Administration pages of an organisation: audit log, settings, handling units.

Each belongs to one of the administrators (三员, see core.permissions): accounts and settings to the system
administrator, roles and security policies to the security administrator, the audit log to the audit
administrator; handling units to the office's own administrator."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import audit_chain, permissions, selectors, services
from ..documents import excel_response
from ..forms import AuditFilterForm, HandlingUnitForm
from ..models import HandlingUnit
from ..org_settings import all_settings, get_setting, setting_source
from .common import paginate, require, run_service


def _audit_filtered(request):
    form = AuditFilterForm(request.GET or None)
    qs = selectors.audit_entries_visible_to(request.user, request.organisation)
    if form.is_valid():
        d = form.cleaned_data
        if d["action"]:
            qs = qs.filter(action__startswith=d["action"])
        if d["actor"]:
            qs = qs.filter(actor_name__icontains=d["actor"]) | qs.filter(actor__person__name__contains=d["actor"])
        if d["date_from"]:
            qs = qs.filter(at__date__gte=d["date_from"])
        if d["date_to"]:
            qs = qs.filter(at__date__lte=d["date_to"])
    return form, qs


@require(permissions.is_any_admin_of)
def manage_home(request):
    """The administration menu leads to the first page the user's role has."""
    user, org = request.user, request.organisation
    for allowed, name in ((permissions.can_view_accounts, "core:accounts"), (permissions.can_view_audit, "core:audit_log"),
                          (permissions.is_admin_of, "core:handling_units")):
        if allowed(user, org):
            return redirect(name)
    raise PermissionDenied


@require(permissions.can_view_audit)
def audit_log(request):
    form, qs = _audit_filtered(request)
    return render(request, "core/audit_log.html", {"form": form, "page": paginate(request, qs, 50),
                                                   "chain": audit_chain.verify_cached()})


@require(permissions.can_view_audit)
def audit_export(request):
    _form, qs = _audit_filtered(request)
    columns = [(pgettext("audit", "Number"), 10), (_("Time"), 18), (_("User"), 14), (_("Action"), 30), (_("Object"), 30),
               (_("Changes"), 60), (_("IP address"), 16), (_("Hash"), 66)]
    rows = ((e.seq, e.at, e.actor_name, e.action, e.object_repr, str(e.changes), e.ip or "", e.hash)
            for e in qs.iterator(chunk_size=2000))
    services.audit_log(actor=request.user, organisation=request.organisation, action="core.audit.exported",
                       changes={"filters": request.GET.dict()})
    return excel_response(f"audit-{timezone.localdate():%Y%m%d}.xlsx", columns, rows, title=_("Audit log"))


@require(permissions.can_edit_settings)
def organisation_settings(request):
    org = request.organisation
    definitions = [d for d in all_settings() if permissions.can_edit_setting(request.user, org, d.key)]
    posted = {}
    if request.method == "POST":
        values, reset = {}, []
        for d in definitions:
            if request.POST.get(f"inherit__{d.key}"):
                reset.append(d.key)
                continue
            if d.kind is bool:
                values[d.key] = request.POST.get(d.key) == "on"
            elif d.key in request.POST:
                values[d.key] = request.POST[d.key]
        result = run_service(request, lambda: services.organisation_settings_update(
            actor=request.user, organisation=org, values=values, reset=reset), success=_("The settings were saved."))
        if result:
            return redirect("core:settings")
        posted = request.POST  # show what was typed, with the error message above
    rows = []
    for d in definitions:
        value = posted.get(d.key, get_setting(org, d.key)) if posted else get_setting(org, d.key)
        source = setting_source(org, d.key)
        rows.append({"def": d, "kind": d.kind.__name__, "value": "\n".join(value) if isinstance(value, list) else value,
                     "own": source is not None and source.pk == org.pk, "source": source})
    return render(request, "core/settings.html", {"rows": rows})


@require(permissions.is_admin_of)
def handling_units(request):
    units = HandlingUnit.objects.filter(organisation=request.organisation).order_by("-is_active", "sort_order", "pk")
    return render(request, "core/handling_units.html", {"units": units})


@require(permissions.is_admin_of)
def handling_unit_edit(request, pk=None):
    org = request.organisation
    unit = get_object_or_404(HandlingUnit, pk=pk, organisation=org) if pk else None
    form = HandlingUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        result = run_service(request, lambda: services.handling_unit_save(
            actor=request.user, organisation=org, unit=unit, data=form.cleaned_data), success=_("The unit was saved."), form=form)
        if result:
            return redirect("core:handling_units")
    return render(request, "core/handling_unit_form.html", {"form": form, "unit": unit})
