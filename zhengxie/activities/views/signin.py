"""Sign-in: the screen with the rotating QR code (staff), the page a member's phone opens from the code, and
joining a video consultation."""

import time

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import DomainError
from zhengxie.core.views.common import is_htmx, organisation_required, run_service

from .. import selectors, tokens
from ..models import Activity
from ..services import participation
from .participants import _managed

SESSION_SCANS = "zx_signin_scans"


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=10, omitsize=True, svgclass="zx-qr", border=2)


@organisation_required
def signin_screen(request, pk):
    """The screen shown by a projector at the door: the code changes every 30 seconds (htmx polls the partial)."""
    activity = _managed(request, pk)
    context = {"activity": activity, "counts": selectors.attendance_counts(activity), "open": activity.signin_open()}
    if context["open"]:
        token = tokens.make_token(activity.pk)
        url = request.build_absolute_uri(tokens.signin_path(token))
        context.update({"qr": mark_safe(_qr_svg(url)), "token_url": url, "seconds_left": tokens.seconds_left()})  # noqa: S308 (segno's own SVG)
    template = "activities/partials/signin_code.html" if is_htmx(request) else "activities/signin_screen.html"
    return render(request, template, context)


def _remember_scan(request, token: str) -> float:
    now = time.time()
    scans = {t: at for t, at in request.session.get(SESSION_SCANS, {}).items() if now - at < tokens.SCAN_MEMORY_SECONDS}
    scans.setdefault(token, now)
    request.session[SESSION_SCANS] = scans
    return scans[token]


def signin_token(request, token):
    """What the phone opens from the QR code. The scan time is kept, so logging in first does not expire it."""
    scanned_at = _remember_scan(request, token)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"token": token}
    try:
        activity_id = tokens.verify_token(token, now=scanned_at)
        context["activity"] = Activity.objects.select_related("organisation").get(pk=activity_id)
    except (DomainError, Activity.DoesNotExist) as exc:
        context["error"] = str(exc) if isinstance(exc, DomainError) else str(tokens.InvalidToken.default_message)
        return render(request, "activities/signin_token.html", context, status=400)
    refusal = participation.sign_in_refusal(request.user, context["activity"])
    if refusal:  # said at once, not after the member taps 确认签到
        context["error"] = refusal
        return render(request, "activities/signin_token.html", context, status=403)
    if request.method == "POST":
        try:
            participant = participation.participant_sign_in(actor=request.user, token=token, scanned_at=scanned_at)
        except DomainError as exc:
            context["error"] = str(exc)
            return render(request, "activities/signin_token.html", context, status=409 if exc.code == "already_signed_in" else 400)
        context["participant"] = participant
        return render(request, "activities/signin_done.html", context)
    return render(request, "activities/signin_token.html", context)


@organisation_required
@require_POST
def join_video(request, pk):
    """A member joins a video consultation: remote attendance is recorded, then the link is shown."""
    activity = selectors.activity_get_for_user(request.user, request.organisation, pk)
    participant = run_service(request, lambda: participation.participant_join_remote(actor=request.user, activity=activity))
    if not participant:
        return redirect("activities:detail", pk=pk)
    messages.success(request, _("Your remote attendance was recorded."))
    return render(request, "activities/join_video.html", {"activity": activity, "participant": participant})
