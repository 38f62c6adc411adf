"""Activity pages: the list, creating and editing, the detail page with the member's answer, the notice,
closing attendance, cancelling, minutes and photos."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.files import attachments_of
from zhengxie.core.views.common import (
    is_htmx,
    organisation_required,
    paginate,
    posted_version,
    require,
    run_service,
)

from .. import permissions, selectors
from ..choices import ActivityType
from ..forms import ActivityFilterForm, ActivityForm, CancelForm, MinutesForm, RespondForm, UploadForm
from ..services import activities as services
from ..services import participation
from ..workflow import ACTIVITY_WORKFLOW, RESPONSE_WORKFLOW


@organisation_required
def activity_list(request):
    org = request.organisation
    form = ActivityFilterForm(request.GET or None)
    qs = selectors.activities_visible_to(request.user, org)
    if form.is_valid():
        d = form.cleaned_data
        qs = selectors.activity_search(qs, type=d["type"], status=d["status"], year=d["year"], q=d["q"])
    context = {
        "form": form, "page": paginate(request, qs.order_by("-starts_at", "-pk"), 20),
        "can_organise": permissions.can_organise(request.user, org),
        "mine": selectors.my_participations(request.user, org).filter(
            activity__ends_at__gte=timezone.now()).order_by("activity__starts_at")[:10],
        "now": timezone.now(),
    }
    template = "activities/partials/activity_table.html" if is_htmx(request) else "activities/activity_list.html"
    return render(request, template, context)


@require(permissions.can_organise)
def activity_create(request):
    org = request.organisation
    initial = {"type": request.GET.get("type", ActivityType.MEETING)}
    form = ActivityForm(request.POST or None, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = run_service(request, lambda: services.activity_create(
            actor=request.user, organisation=org, data=form.cleaned_data), success=_("The activity was created."),
            form=form)
        if activity:
            return redirect("activities:participants", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


@organisation_required
def activity_edit(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_manage_activity(request.user, activity):
        return redirect("activities:detail", pk=pk)
    form = ActivityForm(request.POST or None, instance=activity, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ActivityForm.Meta.fields}
        activity.refresh_from_db()
        result = run_service(request, lambda: services.activity_update(
            actor=request.user, activity=activity, data=data, version=posted_version(request)),
            success=_("The activity was saved."), form=form)
        if result:
            return redirect("activities:detail", pk=pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@organisation_required
def activity_detail(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    mine = permissions.participant_of(request.user, activity)
    seat = core_permissions.current_member(request.user, activity.organisation)
    context = {
        "activity": activity, "can_manage": manage, "mine": mine, "seat": seat,
        "respond_form": RespondForm(initial={"answer": "attend"}),
        "answers": [a for a in ("attend", "request_leave", "decline") if mine and RESPONSE_WORKFLOW.can(a, mine.response)],
        "counts": selectors.attendance_counts(activity),
        "speeches": activity.speeches.select_related("member__person").order_by("created_at"),
        "reports": selectors.reports_of(activity),
        "photos": attachments_of(activity, "photo"),
        "documents": attachments_of(activity, "minutes"),
        "actions": {t.action for t in ACTIVITY_WORKFLOW.actions_from(activity.status)} if manage else set(),
        "started": timezone.now() >= activity.starts_at,
        "signin_open": activity.signin_open(),
        "can_join": activity.is_video and seat is not None and (mine is not None or activity.is_open),
    }
    if manage:
        context.update({
            "history": activity.history.select_related("actor").order_by("-created_at")[:30],
            "cancel_form": CancelForm(), "minutes_form": MinutesForm(initial={"minutes": activity.minutes}),
            "upload_form": UploadForm(),
        })
    return render(request, "activities/activity_detail.html", context)


@organisation_required
@require_POST
def activity_publish(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.activity_publish(actor=request.user, activity=activity,
                                                           version=posted_version(request)),
                success=_("The notice was sent to the participants."))
    return redirect("activities:detail", pk=pk)


@organisation_required
@require_POST
def activity_close(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.activity_close(actor=request.user, activity=activity,
                                                         version=posted_version(request)),
                success=_("Attendance was closed and recorded in the members' duty records."))
    return redirect("activities:detail", pk=pk)


@organisation_required
@require_POST
def activity_cancel(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_service(request, lambda: services.activity_cancel(actor=request.user, activity=activity, reason=reason,
                                                          version=posted_version(request)),
                success=_("The activity was cancelled."))
    return redirect("activities:detail", pk=pk)


@organisation_required
@require_POST
def activity_respond(request, pk):
    """The member answers the notice: attend, ask for leave (with a reason) or not attend."""
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    mine = permissions.participant_of(request.user, activity)
    if mine is None:
        messages.error(request, _("You are not among the participants of this activity."))
        return redirect("activities:detail", pk=pk)
    form = RespondForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        success = {"attend": _("You will attend. Thank you."), "leave": _("Your leave request was sent."),
                   "decline": _("Your answer was recorded.")}[d["answer"]]
        run_service(request, lambda: participation.participant_respond(
            actor=request.user, participant=mine, answer=d["answer"], reason=d["reason"]), success=success)
    else:
        messages.error(request, _("Choose an answer."))
    return redirect("activities:detail", pk=pk)


@organisation_required
@require_POST
def activity_minutes(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.activity_minutes_save(
            actor=request.user, activity=activity, minutes=form.cleaned_data["minutes"]),
            success=_("The minutes were saved."))
    return redirect("activities:detail", pk=pk)


@organisation_required
@require_POST
def activity_upload(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["files"]:
        for upload in form.cleaned_data["files"]:
            if not run_service(request, lambda upload=upload: services.activity_file_add(
                    actor=request.user, activity=activity, upload=upload, role=form.cleaned_data["role"])):
                break
        else:
            messages.success(request, _("%(n)d files were added.") % {"n": len(form.cleaned_data["files"])})
    else:
        messages.error(request, _("Choose the files to add."))
    return redirect("activities:detail", pk=pk)
