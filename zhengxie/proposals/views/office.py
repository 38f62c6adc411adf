"""The proposal office's desks: the review queue with batch actions (pre-review, register, assign, close) and the
handling desk (replies to review, objections, extension requests, overdue replies)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import paginate, require

from .. import permissions, selectors, services
from ..choices import ProposalStatus
from ..forms import BatchAssignForm
from .detail import next_url, show_batch_result

REVIEW_TABS = [
    ("submitted", ProposalStatus.SUBMITTED, "prereview"),
    ("reviewing", ProposalStatus.REVIEWING, "register"),
    ("conversion", ProposalStatus.CONVERSION_PENDING, ""),
    ("registered", ProposalStatus.REGISTERED, "assign"),
    ("evaluating", ProposalStatus.EVALUATING, "close"),
]


@require(permissions.is_office)
def review_queue(request):
    org = request.organisation
    counts = selectors.counts_for_office(org)
    tab = request.GET.get("tab") or "submitted"
    status, batch = next(((s, b) for key, s, b in REVIEW_TABS if key == tab), REVIEW_TABS[0][1:])
    qs = selectors.with_list_joins(
        selectors.proposals_visible_to(request.user, org).filter(status=status).order_by("submitted_at", "pk")
    )
    tab_counts = {"submitted": counts["prereview"], "reviewing": counts["review"], "registered": counts["assign"]}
    return render(request, "proposals/review_queue.html", {
        "tab": tab, "tabs": REVIEW_TABS, "tab_counts": tab_counts, "status": ProposalStatus(status), "batch": batch,
        "page": paginate(request, qs, 50), "assign_form": BatchAssignForm(organisation=org),
    })


@require(permissions.is_office)
@require_POST
def review_batch(request):
    org = request.organisation
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    action = request.POST.get("action")
    if action == "prereview":
        result = services.proposals_prereview_batch(actor=request.user, organisation=org, ids=ids)
        show_batch_result(request, result, _("%(n)d proposals passed pre-review."))
    elif action == "register":
        result = services.proposals_register_batch(actor=request.user, organisation=org, ids=ids)
        show_batch_result(request, result, _("%(n)d proposals were registered."))
    elif action == "assign":
        form = BatchAssignForm(request.POST, organisation=org)
        if form.is_valid():
            result = services.proposals_assign_batch(actor=request.user, organisation=org, ids=ids,
                                                     unit=form.cleaned_data["unit"])
            show_batch_result(request, result, _("%(n)d proposals were assigned."))
        else:
            messages.error(request, _("Choose the handling unit."))
    elif action == "close":
        result = services.proposals_close_batch(actor=request.user, organisation=org, ids=ids)
        show_batch_result(request, result, _("%(n)d proposals were closed."))
    return redirect(next_url(request, reverse("proposals:review")))


HANDLING_TABS = ["replies", "objections", "extensions", "overdue"]


@require(permissions.is_office)
def handling_desk(request):
    org = request.organisation
    tab = request.GET.get("tab") if request.GET.get("tab") in HANDLING_TABS else "replies"
    qs = {
        "replies": selectors.replies_to_review(org),
        "objections": selectors.objections(org),
        "extensions": selectors.extension_requests(org),
        "overdue": selectors.overdue_tasks(org),
    }[tab]
    return render(request, "proposals/handling_desk.html", {
        "tab": tab, "tabs": HANDLING_TABS, "counts": selectors.counts_for_office(org), "page": paginate(request, qs, 50),
    })
