"""Member management for office staff: list, filter, detail, edit, status, Excel import and export."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..choices import MemberStatus
from ..documents import XLSX_TYPE, excel_response, file_response
from ..exceptions import DomainError
from ..files import guess_type
from ..forms import ImportForm, MemberFilterForm, MemberForm, MemberStatusForm, PersonForm
from ..masking import mask_id_number, mask_phone
from ..member_import import member_import, template_bytes
from .common import is_htmx, organisation_required, paginate, require, run_service


def _filtered(request):
    org = request.organisation
    form = MemberFilterForm(request.GET or None, organisation=org)
    qs = selectors.members_visible_to(request.user, org)
    if form.is_valid():
        d = form.cleaned_data
        qs = selectors.member_search(qs, term=d["term"], sector=d["sector"], committee=d["committee"],
                                     affiliation=d["affiliation"], status=d["status"], q=d["q"])
    else:
        current = org.current_term()
        qs = selectors.member_search(qs, term=current, status=MemberStatus.ACTIVE)
    return form, qs


@require(permissions.can_view_members)
def member_list(request):
    form, qs = _filtered(request)
    context = {"form": form, "page": paginate(request, qs, 30), "total": qs.count(),
               "can_manage": permissions.can_manage_members(request.user, request.organisation)}
    template = "core/partials/member_table.html" if is_htmx(request) else "core/member_list.html"
    return render(request, template, context)


@require(permissions.can_view_members)
def member_export(request):
    _form, qs = _filtered(request)
    sensitive = permissions.can_see_sensitive(request.user, request.organisation)
    columns = [(_("Name"), 10), (_("Gender"), 6), (_("Ethnicity"), 8), (_("Date of birth"), 12), (_("Political affiliation"), 18),
               (_("Sector"), 18), (_("Special committee"), 22), (_("Standing committee member"), 8), (_("Office"), 10),
               (_("Work unit"), 30), (_("Position"), 20), (_("Mobile phone"), 14), (_("ID card number"), 22),
               (_("Member number"), 10), (_("Status"), 8)]
    rows = (
        (m.person.name, m.person.get_gender_display(), m.person.ethnicity, m.person.birth_date,
         m.person.get_affiliation_display(), m.sector.name, m.committee.name if m.committee else "",
         _("Yes") if m.is_standing_committee else _("No"), m.get_position_display(), m.person.work_unit,
         m.person.job_title, m.person.phone if sensitive else mask_phone(m.person.phone),
         m.person.id_number if sensitive else mask_id_number(m.person.id_number), m.member_number,
         m.get_status_display())
        for m in qs.iterator(chunk_size=2000)
    )
    services.audit_log(actor=request.user, organisation=request.organisation, action="core.member.exported",
                       changes={"filters": request.GET.dict(), "unmasked": sensitive})
    filename = f"{request.organisation.short_name}{_('Members')}{timezone.localdate():%Y%m%d}.xlsx"
    return excel_response(filename, columns, rows, title=_("Members"))


@organisation_required
def member_detail(request, pk):
    member = selectors.member_get_for_user(request.user, request.organisation, pk)
    status_form = MemberStatusForm(initial={"status": member.status})
    return render(request, "core/member_detail.html", {
        "member": member, "status_form": status_form,
        "can_manage": permissions.can_manage_members(request.user, request.organisation),
        "other_seats": member.person.seats.exclude(pk=member.pk).select_related("organisation", "term", "sector"),
    })


@require(permissions.can_manage_members)
def member_edit(request, pk=None):
    org = request.organisation
    member = selectors.member_get_for_user(request.user, org, pk) if pk else None
    person_form = PersonForm(request.POST or None, request.FILES or None, instance=member.person if member else None, prefix="p")
    member_form = MemberForm(request.POST or None, instance=member, organisation=org, prefix="m")
    if request.method == "POST" and person_form.is_valid() and member_form.is_valid():
        person_data = {f: person_form.cleaned_data[f] for f in PersonForm.Meta.fields}
        member_data = {f: member_form.cleaned_data[f] for f in MemberForm.Meta.fields}
        if member:
            result = run_service(request, lambda: services.member_update(
                actor=request.user, member=member, person_data=person_data, member_data=member_data),
                success=_("The member was saved."))
        else:
            result = run_service(request, lambda: services.member_create(
                actor=request.user, organisation=org, term=org.current_term(), person_data=person_data,
                member_data=member_data), success=_("The member was added."))
        if result:
            return redirect("core:member_detail", pk=result.pk)
    return render(request, "core/member_form.html", {"member": member, "person_form": person_form, "member_form": member_form})


@require(permissions.can_manage_members)
def member_status(request, pk):
    member = selectors.member_get_for_user(request.user, request.organisation, pk)
    form = MemberStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.member_set_status(
            actor=request.user, member=member, status=d["status"], on=d["on"], reason=d["reason"]),
            success=_("The status was changed."))
    return redirect("core:member_detail", pk=member.pk)


@require(permissions.can_manage_members)
def member_import_template(request):
    return file_response(template_bytes(), _("member-import-template.xlsx"), XLSX_TYPE)


@require(permissions.can_manage_members)
def member_import_view(request):
    org = request.organisation
    form = ImportForm(request.POST or None, request.FILES or None, organisation=org)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            count = member_import(actor=request.user, organisation=org, term=form.cleaned_data["term"],
                                  upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error(None, str(exc))
            row_errors = dict(sorted(exc.errors.items()))
        else:
            messages.success(request, _("%(n)d members were imported.") % {"n": count})
            return redirect("core:member_list")
    return render(request, "core/member_import.html", {"form": form, "row_errors": row_errors})


@organisation_required
def member_photo(request, pk):
    member = selectors.member_get_for_user(request.user, request.organisation, pk)
    if not member.person.photo:
        raise Http404
    response = FileResponse(member.person.photo.open("rb"), content_type=guess_type(member.person.photo.name))
    response["Cache-Control"] = "private, max-age=3600"
    return response
