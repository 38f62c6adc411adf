"""Pages of work lists and items: the lists, one list (import, export, report), an item with its timeline and
the actions of its state, the overdue list, the leader's page and the unit's page."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengxie.core.documents import XLSX_TYPE, file_response
from zhengxie.core.exceptions import DomainError
from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.models import Attachment
from zhengxie.core.views.common import (
    organisation_required,
    paginate,
    posted_version,
    require,
    run_service,
)

from .. import documents, imports, permissions, selectors, services
from ..choices import ItemStatus
from ..forms import (
    AttachForm,
    CloseForm,
    ImportForm,
    ItemFilterForm,
    ItemForm,
    NoteForm,
    ProgressForm,
    ReasonForm,
    WorkListForm,
)
from ..models import Milestone, ProgressReport
from . import history_rows


@require(permissions.can_use)
def home(request):
    user, org = request.user, request.organisation
    if permissions.is_leader(user, org) and not permissions.is_office(user, org):
        return redirect("worklists:grasped")
    if permissions.sees_all(user, org):
        return redirect("worklists:lists")
    return redirect("worklists:assigned")


@require(permissions.sees_all)
def lists(request):
    org = request.organisation
    services.kinds_ensure(org)
    work_lists = selectors.lists_visible_to(request.user, org)
    counts = {}
    for row in (selectors.items_visible_to(request.user, org).order_by().values("work_list_id", "status")
                .annotate(n=Count("pk"))):
        counts.setdefault(row["work_list_id"], {})[row["status"]] = row["n"]
    rows = [{"list": wl, "total": sum(counts.get(wl.pk, {}).values()), "counts": counts.get(wl.pk, {})}
            for wl in work_lists]
    form = WorkListForm(request.POST or None, organisation=org)
    if request.method == "POST":
        if not permissions.can_manage(request.user, org):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            created = run_service(request, lambda: services.list_create(
                actor=request.user, organisation=org, kind=d["kind"], year=d["year"], title=d["title"],
                description=d["description"]), success=_("The list was created."), form=form)
            if created:
                return redirect("worklists:list", pk=created.pk)
    overdue = selectors.overdue(selectors.items_visible_to(request.user, org)).count()
    return render(request, "worklists/lists.html", {"rows": rows, "form": form, "overdue": overdue})


def _filtered(request, qs):
    form = ItemFilterForm(request.GET or None, organisation=request.organisation)
    if form.is_valid():
        d = form.cleaned_data
        qs = selectors.item_search(qs, status=d["status"], kind=d["kind"], year=d["year"], q=d["q"])
    else:
        qs = selectors.item_search(qs)
    return form, qs


@organisation_required
def list_detail(request, pk):
    org = request.organisation
    work_list = selectors.list_get_for_user(request.user, org, pk)
    qs = selectors.items_visible_to(request.user, org).filter(work_list=work_list)
    form, qs = _filtered(request, qs)
    return render(request, "worklists/list_detail.html", {
        "work_list": work_list, "form": form, "page": paginate(request, qs, 50),
        "status_rows": _status_rows(selectors.status_counts(
            selectors.items_visible_to(request.user, org).filter(work_list=work_list))),
        "today": timezone.localdate()})


def _status_rows(counts) -> list[tuple]:
    return [(value, label, ItemStatus.tone_of(value), counts[value]) for value, label in ItemStatus.choices]


@organisation_required
def list_export(request, pk, kind):
    org = request.organisation
    work_list = selectors.list_get_for_user(request.user, org, pk)
    items = selectors.items_visible_to(request.user, org).filter(work_list=work_list).order_by("number", "pk")
    if kind == "docx":
        return documents.report_response(org, work_list, items)
    return documents.items_excel(items.iterator(chunk_size=1000), f"{org.short_name}{work_list.title}.xlsx")


@require(permissions.can_manage)
def import_template(request):
    return file_response(imports.template_bytes(), _("Work list import template.xlsx"), XLSX_TYPE)


@require(permissions.can_manage)
def list_import(request, pk):
    org = request.organisation
    work_list = selectors.list_get_for_user(request.user, org, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            n = imports.items_import(actor=request.user, work_list=work_list, upload=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, str(exc))
            row_errors = exc.errors
        else:
            messages.success(request, _("%(n)d items were imported.") % {"n": n})
            return redirect("worklists:list", pk=work_list.pk)
    return render(request, "worklists/import.html", {"work_list": work_list, "form": form, "row_errors": row_errors},
                  status=400 if row_errors else 200)


@require(permissions.can_manage)
def item_new(request, pk):
    org = request.organisation
    work_list = selectors.list_get_for_user(request.user, org, pk)
    form = ItemForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        item = run_service(request, lambda: services.item_create(
            actor=request.user, work_list=work_list, data=form.item_data(),
            milestones=form.cleaned_data["milestones"]), success=_("The item was added."), form=form)
        if item:
            return redirect("worklists:item", pk=item.pk)
    return render(request, "worklists/item_form.html", {"form": form, "work_list": work_list})


@organisation_required
def item_edit(request, pk):
    org = request.organisation
    item = selectors.item_get_for_user(request.user, org, pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    initial = {key: getattr(item, key) for key in ("title", "description", "leader", "unit", "committee",
                                                     "body_name", "person", "person_name", "starts_on", "due_on",
                                                     "cadence", "version")}
    form = ItemForm(request.POST or None, initial=initial, organisation=org)
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: services.item_update(actor=request.user, item=item, data=form.item_data(),
                                                             version=form.cleaned_data["version"]),
                       success=_("The item was saved."), form=form):
            return redirect("worklists:item", pk=item.pk)
    return render(request, "worklists/item_form.html", {"form": form, "work_list": item.work_list, "item": item})


def _item_context(request, item, **forms):
    user = request.user
    context = {
        "item": item, "today": timezone.localdate(),
        "milestones": list(item.milestones.all()),
        "reports": list(item.reports.select_related("reported_by", "reported_by__person")[:20]),
        "notes": list(item.notes.select_related("written_by", "written_by__person")[:20]),
        "history": history_rows(selectors.history_of(item)),
        "attachments": list(attachments_of(item)),
        "progress_form": forms.get("progress_form") or ProgressForm(initial={"progress": item.progress,
                                                                            "version": item.version}),
        "note_form": forms.get("note_form") or NoteForm(),
        "close_form": forms.get("close_form") or CloseForm(initial={"version": item.version}),
        "reason_form": ReasonForm(initial={"version": item.version}),
        "attach_form": AttachForm(),
        "can_report": permissions.can_report(user, item), "can_supervise": permissions.can_supervise(user, item),
        "can_close": permissions.can_close(user, item), "can_edit": permissions.can_edit_item(user, item),
        "can_reopen": permissions.can_reopen(user, item), "can_attach": permissions.can_attach(user, item),
    }
    return context


@organisation_required
def item_detail(request, pk):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    return render(request, "worklists/item_detail.html", _item_context(request, item))


def _post_form(request, pk, form_class, key, call, success):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid() and run_service(request, lambda: call(item, form.cleaned_data), success=success, form=form):
        return redirect("worklists:item", pk=item.pk)
    return render(request, "worklists/item_detail.html", _item_context(request, item, **{key: form}), status=400)


@organisation_required
@require_POST
def item_report(request, pk):
    return _post_form(request, pk, ProgressForm, "progress_form", lambda item, d: services.progress_report(
        actor=request.user, item=item, text=d["text"], progress=d["progress"], upload=d.get("file"),
        behind=d["behind"] or None, version=d["version"]), _("Your progress report was recorded."))


@organisation_required
@require_POST
def item_note(request, pk):
    return _post_form(request, pk, NoteForm, "note_form", lambda item, d: services.note_add(
        actor=request.user, item=item, text=d["text"], ask_report=d["ask_report"],
        report_due_on=d["report_due_on"]), _("The supervision note was sent."))


@organisation_required
@require_POST
def item_close(request, pk):
    return _post_form(request, pk, CloseForm, "close_form", lambda item, d: services.item_close(
        actor=request.user, item=item, outcome=d["outcome"], version=d["version"]),
        _("The item is closed with its outcome."))


def _with_reason(request, pk, service, success):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: service(actor=request.user, item=item, reason=request.POST.get("reason", ""),
                                         version=posted_version(request)), success=success)
    return redirect("worklists:item", pk=item.pk)


@organisation_required
@require_POST
def item_cancel(request, pk):
    return _with_reason(request, pk, services.item_cancel, _("The item was cancelled."))


@organisation_required
@require_POST
def item_reopen(request, pk):
    return _with_reason(request, pk, services.item_reopen, _("The item is open again."))


@organisation_required
@require_POST
def item_attach(request, pk):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(request, lambda: services.item_attach(actor=request.user, item=item,
                                                          upload=form.cleaned_data["file"]),
                    success=_("The file was added."))
    return redirect("worklists:item", pk=item.pk)


@organisation_required
@require_POST
def milestone_done(request, pk, milestone_id):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_id, item=item)
    run_service(request, lambda: services.milestone_done(actor=request.user, milestone=milestone),
                success=_("The milestone is marked as reached."))
    return redirect("worklists:item", pk=item.pk)


@organisation_required
def attachment(request, pk, attachment_id):
    item = selectors.item_get_for_user(request.user, request.organisation, pk)
    report_type = ContentType.objects.get_for_model(ProgressReport)
    files = attachments_of(item) | Attachment.objects.filter(
        content_type=report_type, object_id__in=[str(pk) for pk in item.reports.values_list("pk", flat=True)])
    return attachment_response(get_object_or_404(files, pk=attachment_id))


@require(permissions.sees_all)
def overdue(request):
    """The office's overdue list: open items past their deadline, the longest late first."""
    qs = selectors.table_rows(selectors.overdue(selectors.items_visible_to(request.user, request.organisation)))
    return render(request, "worklists/overdue.html", {"page": paginate(request, qs, 50),
                                                      "today": timezone.localdate()})


@organisation_required
def grasped(request):
    """The leader's page: the items they grasp, by colour, what is late, the latest report."""
    org = request.organisation
    qs = selectors.table_rows(selectors.grasped_by(request.user, org))
    counts = selectors.status_counts(qs)
    today = timezone.localdate()
    late = selectors.overdue(qs, today=today)
    # The counts by status add up to the number of rows: the paginator is told it rather than counting again.
    paginator = Paginator(qs, 50)
    paginator.count = sum(counts.values())
    return render(request, "worklists/grasped.html", {
        "page": paginator.get_page(request.GET.get("page")), "status_rows": _status_rows(counts),
        "late": list(late[:20]), "today": today})


ASSIGNED_LABELS = [("", gettext_lazy("All open items")), ("reports_due", gettext_lazy("A report is due")),
                   ("due_soon", gettext_lazy("Due within 14 days")), ("overdue", gettext_lazy("Overdue"))]


@organisation_required
def assigned(request):
    """What the user (a unit, a person in charge, a follower) has to report on or follows."""
    org, today = request.organisation, timezone.localdate()
    show = request.GET.get("show", "")
    show = show if show in selectors.ASSIGNED_FILTERS else ""
    qs = selectors.table_rows(selectors.assigned_items(request.user, org, show, today=today))
    return render(request, "worklists/assigned.html", {"page": paginate(request, qs, 30), "today": today,
                                                       "show": show, "filters": ASSIGNED_LABELS})
