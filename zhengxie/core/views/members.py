"""Member management for office staff: list, filter, detail, edit, status, Excel import and export."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..choices import MemberStatus
from ..documents import XLSX_TYPE, excel_response, file_response
from ..exceptions import DomainError
from ..files import guess_type
from ..forms import ImportForm, MemberFilterForm, MemberForm, MemberStatusForm, PersonForm
from ..member_export import members_export_sheet
from ..member_import import member_import, template_bytes
from .common import list_page, organisation_required, require, run_service


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
    return list_page(request, qs, template="core/member_list.html", partial="core/partials/member_table.html",
                     form=form, can_manage=permissions.can_manage_members(request.user, request.organisation))


@require(permissions.can_view_members)
def member_export(request):
    _form, qs = _filtered(request)
    filename, columns, rows = members_export_sheet(actor=request.user, organisation=request.organisation, members=qs,
                                                   filters=request.GET.dict())
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
