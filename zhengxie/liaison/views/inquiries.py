"""Pages of questions to departments (知情问询): the member's questions and the answers made public, asking (from an
item or on its own), a question with its answer, the department's answer form, the office's overview."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, paginate, posted_version, require, run_service
from zhengxie.opinions.views import history_rows

from .. import permissions, selectors, services
from ..choices import InquiryStatus
from ..forms import AnswerForm, InquiryFilterForm, InquiryForm
from ..workflow import INQUIRY_WORKFLOW

TABS = ("mine", "public", "to_answer", "all")


def _tabs(user, org) -> list[str]:
    tabs = []
    if permissions.can_ask(user, org):
        tabs += ["mine", "public"]
    if permissions.unit_ids(user, org):
        tabs.append("to_answer")
    if permissions.oversees_inquiries(user, org):
        tabs.append("all")
    return tabs


@require(permissions.can_use_inquiries)
def inquiry_list(request):
    user, org = request.user, request.organisation
    tabs = _tabs(user, org)
    tab = request.GET.get("tab") if request.GET.get("tab") in tabs else tabs[0]
    form = InquiryFilterForm(request.GET or None, organisation=org)
    qs = selectors.inquiries_visible_to(user, org)
    if tab == "mine":
        qs = selectors.inquiry_search(qs, mine_of=user)
    elif tab == "public":
        qs = selectors.inquiry_search(qs, status=InquiryStatus.ANSWERED, public=True)
    elif tab == "to_answer":
        qs = qs.filter(unit_id__in=permissions.unit_ids(user, org))
    if form.is_valid():
        d = form.cleaned_data
        status = d["status"]
        qs = selectors.inquiry_search(qs, status="" if status == "overdue" else status, topic=d["topic"],
                                      unit_id=d["unit"].pk if d["unit"] else None, overdue=status == "overdue")
    else:
        qs = selectors.inquiry_search(qs)
    return render(request, "liaison/inquiry_list.html", {"tabs": tabs, "tab": tab, "form": form,
                                                         "page": paginate(request, qs, 20)})


@require(permissions.can_ask)
def inquiry_new(request):
    org = request.organisation
    item = None
    item_id = request.GET.get("item") or request.POST.get("item")
    if item_id and str(item_id).isdigit():
        item = selectors.info_item_get_for_user(request.user, org, int(item_id))
    initial = {"unit": item.unit_id, "topic": item.topic} if item is not None else {}
    form = InquiryForm(request.POST or None, initial=initial, organisation=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        inquiry = run_service(request, lambda: services.inquiry_ask(
            actor=request.user, organisation=org, unit=d["unit"], title=d["title"], question=d["question"],
            topic=d["topic"], item=item, may_publish=d["may_publish"]),
            success=_("Your question was sent to the department."), form=form)
        if inquiry:
            return redirect("liaison:inquiry_detail", pk=inquiry.pk)
    return render(request, "liaison/inquiry_form.html", {"form": form, "item": item})


@organisation_required
def inquiry_detail(request, pk):
    user = request.user
    inquiry = selectors.inquiry_get_for_user(user, request.organisation, pk)
    context = {"inquiry": inquiry, "is_asker": permissions.is_asker(user, inquiry),
               "can_answer": permissions.can_answer(user, inquiry) and inquiry.status == InquiryStatus.ASKED,
               "can_set_public": permissions.can_set_public(user, inquiry) and inquiry.status == InquiryStatus.ANSWERED
               and inquiry.may_publish}
    if context["can_answer"]:
        context["answer_form"] = AnswerForm(initial={"version": inquiry.version, "public": inquiry.may_publish})
    if permissions.can_answer(user, inquiry) or permissions.oversees_inquiries(user, request.organisation) \
            or context["is_asker"]:
        context["history"] = history_rows(selectors.history_of(inquiry), INQUIRY_WORKFLOW)
    return render(request, "liaison/inquiry_detail.html", context)


@require_POST
@organisation_required
def inquiry_answer(request, pk):
    inquiry = selectors.inquiry_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_answer(request.user, inquiry):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        done = run_service(request, lambda: services.inquiry_answer(
            actor=request.user, inquiry=inquiry, answer=form.cleaned_data["answer"],
            public=form.cleaned_data["public"], version=form.cleaned_data["version"]),
            success=_("The answer was sent to the member."), form=form)
        if done:
            return redirect("liaison:inquiry_detail", pk=pk)
    context = {"inquiry": inquiry, "can_answer": True, "answer_form": form, "is_asker": False,
               "history": history_rows(selectors.history_of(inquiry), INQUIRY_WORKFLOW)}
    return render(request, "liaison/inquiry_detail.html", context)


@require_POST
@organisation_required
def inquiry_withdraw(request, pk):
    inquiry = selectors.inquiry_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.inquiry_withdraw(actor=request.user, inquiry=inquiry,
                                                           version=posted_version(request)),
                success=_("Your question was withdrawn."))
    return redirect("liaison:inquiry_detail", pk=pk)


@require_POST
@organisation_required
def inquiry_public(request, pk):
    inquiry = selectors.inquiry_get_for_user(request.user, request.organisation, pk)
    public = request.POST.get("public") == "1"
    run_service(request, lambda: services.inquiry_set_public(actor=request.user, inquiry=inquiry, public=public,
                                                             version=posted_version(request)),
                success=_("The answer is shown to all members.") if public else _("The answer is no longer public."))
    return redirect("liaison:inquiry_detail", pk=pk)
