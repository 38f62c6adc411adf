"""The matters (困难和问题) raised at an activity: the list with its form, solving and reopening one."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, posted_version, run_service

from .. import permissions, selectors
from ..forms import MatterForm, MatterSolveForm
from ..services import matters as services


@organisation_required
def matter_list(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    form = MatterForm(request.POST or None, activity=activity) if manage else None
    if manage and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.matter_record(
                actor=request.user, activity=activity, description=d["description"], raised_by=d["raised_by"],
                member=d["member"]), success=_("The matter was recorded."), form=form):
            return redirect("activities:matters", pk=pk)
    return render(request, "activities/matters.html", {
        "activity": activity, "form": form, "can_manage": manage, "solve_form": MatterSolveForm(),
        "matters": activity.matters.select_related("member__person").order_by("status", "-created_at"),
    })


@require_POST
@organisation_required
def matter_solve(request, pk, matter_pk):
    matter = selectors.matter_get_for_user(request.user, request.organisation, matter_pk)
    form = MatterSolveForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.matter_solve(actor=request.user, matter=matter,
                                                           result=form.cleaned_data["result"],
                                                           version=posted_version(request)),
                    success=_("The matter was recorded as solved."))
    else:
        from django.contrib import messages

        messages.error(request, _("Say how the matter was solved."))
    return redirect("activities:matters", pk=pk)


@require_POST
@organisation_required
def matter_reopen(request, pk, matter_pk):
    matter = selectors.matter_get_for_user(request.user, request.organisation, matter_pk)
    run_service(request, lambda: services.matter_reopen(actor=request.user, matter=matter,
                                                        version=posted_version(request)),
                success=_("The matter was reopened."))
    return redirect("activities:matters", pk=pk)
