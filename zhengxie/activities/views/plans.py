"""Plan pages: the yearly consultation plan and inspection/research plan, and what was done of them."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zhengxie.core.views.common import require, run_service

from .. import permissions, selectors
from ..choices import ActivityStatus
from ..forms import PlanForm, PlanItemForm, ScheduleForm
from ..models import Plan, PlanItem
from ..services import plans as services


@require(permissions.can_organise)
def plan_list(request):
    return render(request, "activities/plan_list.html", {"plans": selectors.plans_of(request.organisation)})


@require(permissions.can_organise)
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan = run_service(request, lambda: services.plan_create(
            actor=request.user, organisation=request.organisation, year=d["year"], kind=d["kind"], title=d["title"],
            approved_on=d["approved_on"], note=d["note"]), success=_("The plan was created."), form=form)
        if plan:
            return redirect("activities:plan_detail", pk=plan.pk)
    return render(request, "activities/plan_form.html", {"form": form})


@require(permissions.can_organise)
def plan_detail(request, pk):
    plan = get_object_or_404(Plan, pk=pk, organisation=request.organisation)
    items = list(selectors.plan_items_with_progress(plan))
    for item in items:
        activities = list(item.activities.all())
        item.activity_list = activities
        item.done = any(a.status == ActivityStatus.CLOSED for a in activities)
    done = sum(1 for i in items if i.done)
    return render(request, "activities/plan_detail.html", {
        "plan": plan, "items": items, "done": done, "share": round(100 * done / len(items)) if items else 0,
        "item_form": PlanItemForm(plan=plan), "schedule_form": ScheduleForm(),
    })


@require(permissions.can_organise)
def plan_item_edit(request, pk, item_pk=None):
    plan = get_object_or_404(Plan, pk=pk, organisation=request.organisation)
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan) if item_pk else None
    form = PlanItemForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in PlanItemForm.Meta.fields}
        if run_service(request, lambda: services.plan_item_save(actor=request.user, plan=plan, item=item, data=data),
                       success=_("The plan item was saved."), form=form):
            return redirect("activities:plan_detail", pk=pk)
    return render(request, "activities/plan_item_form.html", {"plan": plan, "form": form, "item": item})


@require(permissions.can_organise)
def plan_item_start(request, pk, item_pk):
    plan = get_object_or_404(Plan, pk=pk, organisation=request.organisation)
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = run_service(request, lambda: services.plan_item_start_activity(
            actor=request.user, item=item, starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"]),
            success=_("The activity was created from the plan."), form=form)
        if activity:
            return redirect("activities:edit", pk=activity.pk)
    return render(request, "activities/plan_item_start.html", {"plan": plan, "item": item, "form": form})
