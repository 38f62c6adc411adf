"""Pages of the meeting tools: electronic voting (the matters, the member's ballot, opening and closing, the
screen), the seating plan (arranging, printing, the member's seat) and the paperless materials."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.files import attachment_response, attachments_of
from zhengxie.core.models import Attachment
from zhengxie.core.views.common import is_htmx, organisation_required, posted_version, run_service

from .. import meeting_selectors as meeting
from .. import permissions, selectors
from ..meeting_forms import MaterialForm, MotionForm, SeatingForm, SeatMoveForm, VoteForm
from ..models import MeetingMaterial, Seat
from ..services import seating as seating_services
from ..services import voting as services
from ..voting_rules import MOTION_WORKFLOW, MotionKind


def _meeting(request, pk):
    """The meeting, for its organisers and participants only (the papers are not for an open activity's public)."""
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_view_materials(request.user, activity):
        raise NotAllowed(_("The meeting's papers are for its participants only."))
    return activity


@organisation_required
def motion_list(request, pk):
    activity = _meeting(request, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    form = MotionForm(request.POST or None, initial={"kind": MotionKind.RESOLUTION})
    if request.method == "POST" and manage and form.is_valid():
        d = form.cleaned_data
        motion = run_service(request, lambda: services.motion_create(
            actor=request.user, activity=activity, kind=d["kind"], title=d["title"], text=d["text"],
            secret=d["secret"]), success=pgettext("vote", "The matter was added."), form=form)
        if motion:
            return redirect("activities:votes", pk=pk)
    motions = meeting.motions_visible_to(request.user, request.organisation).filter(activity=activity)
    return render(request, "activities/meeting/motion_list.html", {
        "activity": activity, "motions": motions, "can_manage": manage, "form": form if manage else None})


@organisation_required
def motion_detail(request, pk):
    motion = meeting.motion_get_for_user(request.user, request.organisation, pk)
    manage = permissions.can_manage_activity(request.user, motion.activity)
    context = {
        "motion": motion, "activity": motion.activity, "can_manage": manage,
        "board": meeting.motion_board(motion, reveal=manage or motion.status == "closed"),
        "mine": meeting.my_vote(request.user, motion), "may_vote": permissions.can_vote(request.user, motion),
        "participant": permissions.participant_of(request.user, motion.activity), "vote_form": VoteForm(),
        "actions": {t.action for t in MOTION_WORKFLOW.actions_from(motion.status)} if manage else set(),
        "history": motion.history.select_related("actor").order_by("-created_at")[:20] if manage else (),
    }
    if is_htmx(request):
        return render(request, "activities/meeting/partials/motion_board.html", context)
    return render(request, "activities/meeting/motion_detail.html", context)


@organisation_required
def motion_screen(request, pk):
    """The big screen of the hall: the matter, the turnout, and the result once closed (counts of an open vote
    while it runs; a secret one's only when closed)."""
    motion = meeting.motion_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_manage_activity(request.user, motion.activity):
        raise NotAllowed()
    context = {"motion": motion, "activity": motion.activity, "board": meeting.motion_board(motion, reveal=True)}
    template = "activities/meeting/partials/screen_board.html" if is_htmx(request) else "activities/meeting/screen.html"
    return render(request, template, context)


@organisation_required
@require_POST
def motion_vote(request, pk):
    motion = meeting.motion_get_for_user(request.user, request.organisation, pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.vote_cast(actor=request.user, motion=motion,
                                                        choice=form.cleaned_data["choice"]),
                    success=_("Your vote was recorded."))
    else:
        messages.error(request, _("Choose for, against or abstain."))
    return redirect("activities:motion_detail", pk=pk)


@organisation_required
@require_POST
def motion_transition(request, pk, action):
    motion = meeting.motion_get_for_user(request.user, request.organisation, pk)
    call = {"open": services.motion_open, "close": services.motion_close, "withdraw": services.motion_withdraw}[action]
    success = {"open": _("The vote is open."), "close": _("The vote is closed and its result kept with the meeting."),
               "withdraw": _("The matter was withdrawn.")}[action]
    run_service(request, lambda: call(actor=request.user, motion=motion, version=posted_version(request)),
                success=success)
    return redirect("activities:motion_detail", pk=pk)


# --- seating ----------------------------------------------------------------------------------------------------


@organisation_required
def seating(request, pk):
    activity = _meeting(request, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    form = SeatingForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise NotAllowed()
        if form.is_valid():
            d = form.cleaned_data
            if run_service(request, lambda: seating_services.seating_arrange(
                    actor=request.user, activity=activity, order=d["order"], per_row=d["per_row"],
                    version=posted_version(request)), success=_("The seating plan was arranged."), form=form):
                return redirect("activities:seating", pk=pk)
    return render(request, "activities/meeting/seating.html", {
        "activity": activity, "can_manage": manage, "form": form, "rows": meeting.seating_plan(activity),
        "my_seat": meeting.seat_of(request.user, activity), "move_form": SeatMoveForm(),
        "print": request.GET.get("print") == "1"})


@organisation_required
@require_POST
def seat_move(request, pk, seat_pk):
    activity = _meeting(request, pk)
    seat = get_object_or_404(Seat, pk=seat_pk, activity=activity)
    form = SeatMoveForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: seating_services.seat_move(actor=request.user, seat=seat, **form.cleaned_data),
                    success=_("The seat was changed."))
    else:
        messages.error(request, _("Row and seat are numbers from 1."))
    return redirect("activities:seating", pk=pk)


# --- materials --------------------------------------------------------------------------------------------------


@organisation_required
def materials(request, pk):
    activity = _meeting(request, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manage:
            raise NotAllowed()
        if form.is_valid():
            d = form.cleaned_data
            if run_service(request, lambda: seating_services.material_add(
                    actor=request.user, activity=activity, kind=d["kind"], title=d["title"], text=d["text"],
                    uploads=d["files"]), success=_("The material was added."), form=form):
                return redirect("activities:materials", pk=pk)
    return render(request, "activities/meeting/materials.html", {
        "activity": activity, "can_manage": manage, "form": form, "materials": meeting.materials_of(activity)})


@organisation_required
def material_detail(request, pk):
    material = meeting.material_get_for_user(request.user, request.organisation, pk)
    return render(request, "activities/meeting/material_detail.html", {
        "material": material, "activity": material.activity, "files": attachments_of(material),
        "can_manage": permissions.can_manage_activity(request.user, material.activity)})


@organisation_required
@require_POST
def material_remove(request, pk):
    material = meeting.material_get_for_user(request.user, request.organisation, pk)
    activity_pk = material.activity_id
    run_service(request, lambda: seating_services.material_remove(actor=request.user, material=material),
                success=_("The material was removed."))
    return redirect("activities:materials", pk=activity_pk)


@organisation_required
def material_file(request, pk):
    """A file of a meeting material, for the meeting's organisers and participants only."""
    attachment = get_object_or_404(Attachment, pk=pk, organisation=request.organisation,
                                   content_type=ContentType.objects.get_for_model(MeetingMaterial))
    owner = MeetingMaterial.objects.filter(pk=attachment.object_id).select_related("activity").first()
    if owner is None or not meeting.materials_visible_to(request.user, request.organisation).filter(
            pk=owner.pk).exists():
        raise NotAllowed()
    return attachment_response(attachment)
