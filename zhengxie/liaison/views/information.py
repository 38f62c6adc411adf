"""Pages of information for members: the readers' list by topic and department, an item with its files (previewed
in the browser), the confirmation of required reading and who has read, the publishers' form and actions."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.views.common import organisation_required, paginate, posted_version, require, run_service
from zhengxie.opinions.views import history_rows

from .. import permissions, selectors, services
from ..choices import InfoStatus
from ..forms import FileForm, InfoFilterForm, InfoItemForm, WithdrawForm
from ..models import InfoLink
from ..preview import preview_of
from ..workflow import INFO_WORKFLOW


@require(permissions.can_use_information)
def home(request):
    return redirect("liaison:info_list")


@require(permissions.can_use_information)
def info_list(request):
    user, org = request.user, request.organisation
    visible = selectors.info_items_visible_to(user, org)
    form = InfoFilterForm(request.GET or None, organisation=org, departments=selectors.departments_of(visible))
    qs = visible
    if form.is_valid():
        d = form.cleaned_data
        qs = selectors.info_search(qs, topic=d["topic"], kind=d["kind"], department=d["department"], q=d["q"],
                                   required=True if d["required"] else None)
    else:
        qs = selectors.info_search(qs)
    if not permissions.can_publish(user, org) and not permissions.sees_all_info(user, org):
        qs = qs.filter(status=InfoStatus.PUBLISHED)
    context = {"form": form, "page": paginate(request, selectors.with_read_flag(qs, user), 20),
               "unread": selectors.unread_required(user, org).count(),
               "can_publish": permissions.can_publish(user, org)}
    return render(request, "liaison/info_list.html", context)


def _item_form_response(request, form, item=None):
    return render(request, "liaison/info_form.html", {"form": form, "item": item})


@require(permissions.can_publish)
def info_new(request):
    org = request.organisation
    form = InfoItemForm(request.POST or None, request.FILES or None, organisation=org, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = run_service(request, lambda: services.info_create(
            actor=request.user, organisation=org, unit=form.cleaned_data.get("unit"),
            uploads=form.cleaned_data["files"], **form.service_fields()),
            success=_("The draft was saved. Check it, then publish it."), form=form)
        if item:
            return redirect("liaison:info_detail", pk=item.pk)
    return _item_form_response(request, form)


def _editable(request, pk):
    item = selectors.info_item_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    return item


@organisation_required
def info_edit(request, pk):
    item = _editable(request, pk)
    initial = {k: getattr(item, k) for k in ("kind", "title", "summary", "body", "topic", "department", "access",
                                             "committee", "sector", "required", "activity", "version")}
    form = InfoItemForm(request.POST or None, initial=initial, organisation=request.organisation, user=request.user,
                        editing=True)
    if request.method == "POST" and form.is_valid():
        done = run_service(request, lambda: services.info_update(
            actor=request.user, item=item, version=form.cleaned_data["version"], **form.service_fields()),
            success=pgettext("information", "The item was saved."), form=form)
        if done:
            return redirect("liaison:info_detail", pk=item.pk)
    return _item_form_response(request, form, item)


@organisation_required
def info_detail(request, pk):
    user, org = request.user, request.organisation
    item = selectors.info_item_get_for_user(user, org, pk)
    editable = permissions.can_edit_item(user, item)
    links = selectors.links_of(item)
    context = {
        "item": item, "editable": editable, "attachments": attachments_of(item),
        "read": item.receipts.filter(user=user).first(), "links": links,
        "can_ask": permissions.can_ask(user, org), "can": {t.action for t in INFO_WORKFLOW.actions_from(item.status)},
        "inquiries": selectors.inquiries_visible_to(user, org).filter(item=item)[:20],
    }
    if item.status == InfoStatus.PUBLISHED and context["can_ask"]:
        linked = {(link.target_type_id, link.target_id) for link in links}
        context["link_targets"] = [
            {"value": f"{ContentType.objects.get_for_model(t).pk}:{t.pk}", "label": str(t)}
            for t in services.link_targets(user, org)
            if (ContentType.objects.get_for_model(t).pk, str(t.pk)) not in linked]
    if permissions.can_view_receipts(user, item) and item.required:
        context["receipts"], context["pending"] = selectors.receipts_of(item)
    if editable:
        context.update({"history": history_rows(selectors.history_of(item), INFO_WORKFLOW),
                        "withdraw_form": WithdrawForm(initial={"version": item.version}), "file_form": FileForm()})
    return render(request, "liaison/info_detail.html", context)


def _item_action(service, success):
    """A publisher's button on an item (publish, withdraw, reopen): the service with the version the page showed."""

    @require_POST
    @organisation_required
    def view(request, pk):
        item = _editable(request, pk)
        extra = {"reason": request.POST.get("reason", "")} if service is services.info_withdraw else {}
        run_service(request, lambda: service(actor=request.user, item=item, version=posted_version(request), **extra),
                    success=success)
        return redirect("liaison:info_detail", pk=pk)

    return view


info_publish = _item_action(services.info_publish, gettext_lazy("The item is published to its readers."))
info_withdraw = _item_action(services.info_withdraw, gettext_lazy("The item was withdrawn: readers no longer see it."))
info_reopen = _item_action(services.info_reopen, gettext_lazy("The item is a draft again."))


@require_POST
@organisation_required
def info_attach(request, pk):
    item = _editable(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(request, lambda: services.info_attach(actor=request.user, item=item, upload=form.cleaned_data["file"]),
                    success=_("The file was added."))
    return redirect("liaison:info_detail", pk=pk)


@require_POST
@organisation_required
def info_read(request, pk):
    item = selectors.info_item_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.info_mark_read(actor=request.user, item=item),
                success=_("Thank you: your reading is recorded."))
    return redirect("liaison:info_detail", pk=pk)


@require_POST
@organisation_required
def info_link(request, pk):
    item = selectors.info_item_get_for_user(request.user, request.organisation, pk)
    type_id, _sep, object_id = request.POST.get("target", "").partition(":")
    if not type_id.isdigit() or not object_id.isdigit():
        raise Http404
    model = ContentType.objects.get_for_id(int(type_id)).model_class()
    target = model._default_manager.filter(pk=int(object_id), organisation=request.organisation).first() \
        if model is not None and model._meta.label_lower in ("proposals.proposal", "opinions.report") else None
    if target is None:
        raise Http404
    run_service(request, lambda: services.info_link(actor=request.user, item=item, target=target),
                success=_("The item is noted as used by %(target)s.") % {"target": target})
    return redirect("liaison:info_detail", pk=pk)


@require_POST
@organisation_required
def info_unlink(request, pk, link_id):
    item = selectors.info_item_get_for_user(request.user, request.organisation, pk)
    link = InfoLink.objects.filter(item=item, pk=link_id).first()
    if link is None:
        raise Http404
    run_service(request, lambda: services.info_unlink(actor=request.user, link=link), success=_("The link was removed."))
    return redirect("liaison:info_detail", pk=pk)


def _attachment(request, pk, attachment_id):
    item = selectors.info_item_get_for_user(request.user, request.organisation, pk)
    found = attachments_of(item).filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    return item, found


@organisation_required
def info_attachment(request, pk, attachment_id):
    _item, found = _attachment(request, pk, attachment_id)
    return attachment_response(found, inline=False if request.GET.get("download") == "1" else None)


@organisation_required
def info_preview(request, pk, attachment_id):
    item, found = _attachment(request, pk, attachment_id)
    return render(request, "liaison/info_preview.html", {"item": item, "attachment": found,
                                                         "preview": preview_of(found)})
