"""The member's record (履职档案): the yearly score explained, the 三个一 status, the timeline, self-reports,
the yearly self-report (述职), manual entries by staff, and the 委员履职报告 export."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.views.common import organisation_required, run_service

from .. import exports, permissions, selectors, services
from ..forms import ManualEntryForm, StatementForm
from ..models import ManualEntry
from ..record import build_record, record_extras


@organisation_required
def home(request):
    """The navigation entry: staff to the overview, a member to their record, a contact to their groups."""
    org, user = request.organisation, request.user
    if permissions.can_view_scores(user, org):
        return redirect("duties:overview")
    if core_permissions.current_member(user, org):
        return redirect("duties:my_record")
    if permissions.can_view_groups(user, org):
        return redirect("duties:groups")
    raise PermissionDenied(_("Duty records are for members, the office and the contacts of sectors and committees."))


def _year_of(request, member) -> tuple[int, list[int]]:
    years = selectors.member_years(member) or [selectors.current_year()]
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    return (year if year in years else years[0]), years


def _record_page(request, member, *, manual_form=None, statement_form=None, status=200):
    year, years = _year_of(request, member)
    org, user = request.organisation, request.user
    record = build_record(member, year)
    extras = record_extras(member, year)
    statement = extras["statement"]
    own = permissions.is_own_seat(user, member)
    context = {
        "member": member, "record": record, "year": year, "years": years, **extras,
        "own": own,
        "year_open": record.rule_set is None or record.rule_set.is_open,
        "can_report": permissions.can_report(user, member) and (record.rule_set is None or record.rule_set.is_open),
        "can_keep": permissions.can_keep_records(user, org),
        "can_see_rank": permissions.can_see_rank(user, member),
        "is_staff": permissions.can_view_scores(user, org),
        "manual_form": manual_form or ManualEntryForm(),
        "statement_form": statement_form or StatementForm(initial={"text": statement.text if statement else ""}),
    }
    return render(request, "duties/record.html", context, status=status)


@organisation_required
def my_record(request):
    seat = core_permissions.current_member(request.user, request.organisation)
    if seat is None:
        raise PermissionDenied(_("You have no seat in this organisation."))
    return _record_page(request, seat)


@organisation_required
def member_record(request, pk):
    member = selectors.member_get_for_record(request.user, request.organisation, pk)
    return _record_page(request, member)


@organisation_required
def record_docx(request, pk):
    member = selectors.member_get_for_record(request.user, request.organisation, pk)
    year, _years = _year_of(request, member)
    return exports.record_docx_response(member, year)


@organisation_required
def record_pdf(request, pk):
    member = selectors.member_get_for_record(request.user, request.organisation, pk)
    year, _years = _year_of(request, member)
    return exports.record_pdf_response(member, year)


def _back(member, year, anchor=""):
    return f"{reverse('duties:member_record', args=[member.pk])}?year={year}{anchor}"


@organisation_required
@require_POST
def statement_save(request, pk):
    member = selectors.member_get_for_record(request.user, request.organisation, pk)
    year, _years = _year_of(request, member)
    form = StatementForm(request.POST)
    if form.is_valid():
        submit = "submit" in request.POST
        result = run_service(request, lambda: services.statement_save(
            actor=request.user, member=member, year=year, text=form.cleaned_data["text"], submit=submit),
            success=_("Your self-report was submitted.") if submit else _("Your self-report was saved."), form=form)
        if result:
            return redirect(_back(member, year, "#statement"))
    return _record_page(request, member, statement_form=form, status=400)


@organisation_required
def manual_add(request, pk):
    member = selectors.member_get_for_record(request.user, request.organisation, pk)
    if not permissions.can_keep_records(request.user, request.organisation):
        raise PermissionDenied
    form = ManualEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        entry = run_service(request, lambda: services.manual_entry_add(
            actor=request.user, member=member, occurred_on=d["occurred_on"], title=d["title"], points=d["points"],
            reason=d["reason"]), success=_("The entry was added to the record."), form=form)
        if entry:
            return redirect(_back(member, entry.occurred_on.year, "#manual"))
    return render(request, "duties/manual_form.html", {"member": member, "form": form})


@organisation_required
@require_POST
def manual_retract(request, pk):
    entry = get_object_or_404(ManualEntry.objects.select_related("member"), pk=pk, organisation=request.organisation)
    run_service(request, lambda: services.manual_entry_retract(actor=request.user, entry=entry,
                                                               reason=request.POST.get("reason", "")),
                success=_("The entry was withdrawn."))
    return redirect(_back(entry.member, entry.occurred_on.year, "#manual"))
