"""Staff pages for participants: choosing them, leave requests, signing in by hand, early leave, the live
attendance list and its Excel export."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.documents import excel_response
from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import is_htmx, organisation_required, paginate, posted_version, run_service

from .. import permissions, selectors
from ..choices import Response
from ..forms import LeaveDecisionForm, ParticipantSelectForm, TimeForm
from ..models import Participant
from ..services import participation


def _managed(request, pk):
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_manage_activity(request.user, activity):
        raise NotAllowed()
    return activity


def _participant(request, pk, participant_pk):
    activity = _managed(request, pk)
    return get_object_or_404(Participant.objects.select_related("activity__organisation", "member__person"),
                             pk=participant_pk, activity=activity)


@organisation_required
def participants(request, pk):
    activity = _managed(request, pk)
    form = ParticipantSelectForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        members, unknown = participation.select_members(
            request.organisation, sectors=d["sectors"], committees=d["committees"], groups=d["groups"], names=d["names"])
        added = run_service(request, lambda: participation.participants_add(
            actor=request.user, activity=activity, members=list(members), role=d["role"]))
        if added is not None:
            messages.success(request, _("%(n)d members were added.") % {"n": 0 if added is True else added})
        if unknown:
            messages.warning(request, _("No current member is called: %(names)s") % {"names": "、".join(unknown)})
        return redirect("activities:participants", pk=pk)
    qs = selectors.participants_of(activity)
    show = request.GET.get("show", "")
    if show in Response.values:
        qs = qs.filter(response=show)
    elif show == "signed_in":
        qs = qs.filter(signed_in_at__isnull=False)
    elif show == "not_signed_in":
        qs = qs.filter(signed_in_at__isnull=True)
    return render(request, "activities/participants.html", {
        "activity": activity, "form": form, "page": paginate(request, qs, 50), "show": show,
        "counts": selectors.attendance_counts(activity), "responses": Response.choices,
        "time_form": TimeForm(), "now": timezone.now(),
    })


@organisation_required
@require_POST
def participant_remove(request, pk, participant_pk):
    participant = _participant(request, pk, participant_pk)
    run_service(request, lambda: participation.participant_remove(actor=request.user, participant=participant),
                success=_("The participant was removed."))
    return redirect("activities:participants", pk=pk)


@organisation_required
@require_POST
def leave_decide(request, pk, participant_pk):
    participant = _participant(request, pk, participant_pk)
    form = LeaveDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        run_service(request, lambda: participation.participant_decide_leave(
            actor=request.user, participant=participant, approve=approve, comment=form.cleaned_data["comment"],
            version=posted_version(request)),
            success=_("The leave was approved.") if approve else _("The leave was refused."))
    return redirect(request.POST.get("next") or "activities:participants", pk=pk)


@organisation_required
@require_POST
def sign_in_manual(request, pk, participant_pk):
    participant = _participant(request, pk, participant_pk)
    form = TimeForm(request.POST)
    at = form.cleaned_data["at"] if form.is_valid() else None
    result = run_service(request, lambda: participation.participant_sign_in_manual(
        actor=request.user, participant=participant, at=at),
        success=_("%(name)s was signed in.") % {"name": participant.member.person.name})
    if is_htmx(request):
        participant.refresh_from_db()
        return render(request, "activities/partials/participant_row.html", {
            "p": participant, "activity": participant.activity, "time_form": TimeForm(), "just_done": bool(result)})
    return redirect("activities:participants", pk=pk)


@organisation_required
@require_POST
def mark_left(request, pk, participant_pk):
    participant = _participant(request, pk, participant_pk)
    form = TimeForm(request.POST)
    at = form.cleaned_data["at"] if form.is_valid() else None
    run_service(request, lambda: participation.participant_mark_left(actor=request.user, participant=participant, at=at),
                success=_("The early leave of %(name)s was recorded.") % {"name": participant.member.person.name})
    return redirect("activities:participants", pk=pk)


@organisation_required
def attendance(request, pk):
    """The live attendance list (the partial is polled by htmx while sign-in is open)."""
    activity = _managed(request, pk)
    qs = selectors.participants_of(activity)
    context = {"activity": activity, "counts": selectors.attendance_counts(activity),
               "signed_in": qs.filter(signed_in_at__isnull=False).order_by("-signed_in_at"),
               "missing": qs.filter(signed_in_at__isnull=True), "now": timezone.now(),
               "live": activity.signin_open()}
    template = "activities/partials/attendance_live.html" if is_htmx(request) else "activities/attendance.html"
    return render(request, template, context)


@organisation_required
def attendance_export(request, pk):
    activity = _managed(request, pk)
    columns = [(_("Name"), 10), (_("Sector"), 18), (_("Special committee"), 20), (_("Answer to the notice"), 12),
               (_("Reason for leave"), 30), (_("Signed in at"), 18), (_("Signed in by"), 12), (_("Late"), 6),
               (_("Left early at"), 18), (_("Outcome"), 10)]
    rows = ((p.member.person.name, p.member.sector.name, p.member.committee.name if p.member.committee else "",
             p.get_response_display(), p.leave_reason, p.signed_in_at, p.get_signin_method_display(),
             _("Yes") if p.is_late else "", p.left_at, p.get_outcome_display())
            for p in selectors.participants_of(activity))
    audit_log(actor=request.user, organisation=activity.organisation, action="activities.attendance.exported",
              obj=activity)
    return excel_response(f"{activity.title[:40]}{_('Attendance')}.xlsx", columns, rows, title=_("Attendance"))
