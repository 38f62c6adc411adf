"""Activities at places: list, export, plan or record, the page of an activity, record it as held, cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core
from zhengxie.core.files import attachments_of, owned_attachment_response
from zhengxie.core.views.common import (
    list_export,
    list_page,
    organisation_required,
    posted_version,
    require,
    run_service,
)

from .. import permissions, selectors, services
from ..choices import ActivityStatus
from ..exports import activity_columns, activity_rows
from ..forms import ActivityFilterForm, ActivityForm, ActivityRecordForm, PhotoForm, ReasonForm
from ..models import Place
from ..workflow import ACTIVITY_WORKFLOW
from .common import add_photo


def _filtered(request):
    form = ActivityFilterForm(request.GET or None)
    qs = selectors.activities_visible_to(request.user, request.organisation)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.activity_search(qs, kind=d.get("kind", ""), status=d.get("status", ""),
                                   date_from=d.get("date_from"), date_to=d.get("date_to"), q=d.get("q", ""))
    return form, qs


@require(permissions.can_view_activities)
def activity_list(request):
    form, qs = _filtered(request)
    return list_page(request, qs, template="outreach/activity_list.html",
                     partial="outreach/partials/activity_table.html", form=form,
                     can_record=permissions.can_record_activities(request.user, request.organisation))


@require(permissions.can_view_activities)
def activity_export(request):
    _form, qs = _filtered(request)
    return list_export(request, activity_rows(qs), columns=activity_columns(), name=_("Activities at places"),
                       title=_("Outreach activities"), action="outreach.activity.exported")


def _places_for(request):
    org, user = request.organisation, request.user
    qs = Place.objects.filter(organisation=org, is_active=True)
    if not permissions.can_manage(user, org):
        qs = qs.filter(pk__in=permissions.place_ids_of(user, org))
    return qs.order_by("county", "township", "name")


@require(permissions.can_record_activities)
def activity_create(request):
    org = request.organisation
    places = _places_for(request)
    initial = {"held_on": timezone.localdate()}
    if request.GET.get("place", "").isdigit():
        initial["place"] = int(request.GET["place"])
    seat = permissions.seat_of(request.user, org)
    if seat is not None:
        initial["participants"] = [seat.pk]
    form = ActivityForm(request.POST or None, places=places, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(request, lambda: services.activity_create(
            actor=request.user, place=d["place"], data=d, participants=d["participants"], held=d["held"]),
            success=_("The activity was recorded.") if d["held"] else _("The activity was planned."), form=form)
        if result:
            return redirect("outreach:activity_detail", pk=result.pk)
    return render(request, "outreach/activity_form.html", {"form": form})


@require(permissions.can_view_activities)
def activity_detail(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    can_edit = permissions.can_edit_activity(request.user, activity)
    record_form = None
    if can_edit and ACTIVITY_WORKFLOW.can("record", activity.status):
        record_form = ActivityRecordForm(organisation=request.organisation, initial={
            "participants": [p.member_id for p in activity.participations.all()], "constituents_count": 0})
    can_cancel = can_edit and ACTIVITY_WORKFLOW.can("cancel", activity.status) and (
        activity.status == ActivityStatus.PLANNED or permissions.can_manage(request.user, request.organisation))
    return render(request, "outreach/activity_detail.html", {
        "activity": activity, "can_edit": can_edit, "record_form": record_form, "can_cancel": can_cancel,
        "cancel_form": ReasonForm(), "photo_form": PhotoForm(), "photos": attachments_of(activity, "photo"),
        "history": activity.events.select_related("actor__person"),
        "concerns": activity.concerns.all() if core.is_staff_of(request.user, request.organisation) else [],
    })


@organisation_required
def activity_edit(request, pk):
    org = request.organisation
    activity = selectors.activity_get_for_user(request.user, org, pk)
    if not (permissions.can_edit_activity(request.user, activity) and ACTIVITY_WORKFLOW.can("update", activity.status)):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, instance=activity, places=_places_for(request), organisation=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.activity_update(
                actor=request.user, activity=activity, data=d, participants=d["participants"],
                version=posted_version(request)), success=_("The activity was saved."), form=form):
            return redirect("outreach:activity_detail", pk=activity.pk)
    return render(request, "outreach/activity_form.html", {"form": form, "activity": activity})


@require_POST
@organisation_required
def activity_record(request, pk):
    org = request.organisation
    activity = selectors.activity_get_for_user(request.user, org, pk)
    form = ActivityRecordForm(request.POST, organisation=org)
    if form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.activity_record(
                actor=request.user, activity=activity, outcome=d["outcome"], constituents_count=d["constituents_count"],
                participants=d["participants"], version=posted_version(request)), success=_("The activity was recorded.")):
            return redirect("outreach:activity_detail", pk=activity.pk)
    else:
        messages.error(request, _("Name the members who took part and the number of constituents."))
    return redirect("outreach:activity_detail", pk=activity.pk)


@require_POST
@organisation_required
def activity_cancel(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    run_service(request, lambda: services.activity_cancel(
        actor=request.user, activity=activity, reason=form.cleaned_data.get("reason", ""),
        version=posted_version(request)), success=_("The activity was cancelled."))
    return redirect("outreach:activity_detail", pk=activity.pk)


@require_POST
@organisation_required
def activity_photo_add(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    add_photo(request, lambda upload: services.activity_add_photo(actor=request.user, activity=activity, upload=upload))
    return redirect("outreach:activity_detail", pk=activity.pk)


@require(permissions.can_view_activities)
def activity_photo(request, pk, attachment_id):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    return owned_attachment_response(activity, attachment_id, role="photo")
