"""The big screen's pages: for a logged-in reader, for a display token (that screen and its data, nothing else),
and the page where leaders and the office make and revoke display tokens."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhengxie.core.links import absolute_url
from zhengxie.core.views.common import require, run_service

from . import selectors, services
from .models import DisplayToken
from .permissions import can_manage_displays, can_view_stats
from .screen import screen_data


@require(can_view_stats)
def screen(request):
    return render(request, "stats/screen.html", {"data_url": reverse("stats:screen_data"),
                                                 "organisation": request.organisation})


@never_cache
@require(can_view_stats)
def screen_json(request):
    return JsonResponse(screen_data(request.organisation))


def _token(raw):
    token = services.display_token_use(raw)
    if token is None:
        raise Http404(_("This display's token is not valid or was revoked."))
    return token


@never_cache
def display(request, token):
    found = _token(token)
    response = render(request, "stats/screen.html", {"data_url": reverse("stats:display_data", args=[token]),
                                                     "organisation": found.organisation, "display": found})
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address: never pass it on
    return response


@never_cache
def display_json(request, token):
    return JsonResponse(screen_data(_token(token).organisation))


@require(can_manage_displays)
def tokens(request):
    created = None
    if request.method == "POST":
        made = run_service(request, lambda: services.display_token_create(
            actor=request.user, organisation=request.organisation, name=request.POST.get("name", "")),
            success=_("The display token was made. Copy its address now: it is shown only once."))
        if made:
            created = absolute_url(reverse("stats:display", args=[made[1]]), request)
    return render(request, "stats/tokens.html", {
        "tokens": selectors.display_tokens_of(request.organisation, idle=request.GET.get("idle") == "1"),
        "idle": request.GET.get("idle") == "1", "idle_days": selectors.IDLE_DAYS,
        "created": created, "name": request.POST.get("name", "") if request.method == "POST" and not created else ""})


@require_POST
@require(can_manage_displays)
def token_revoke(request, pk):
    token = DisplayToken.objects.filter(organisation=request.organisation, pk=pk).first()
    if token is None:
        raise Http404
    run_service(request, lambda: services.display_token_revoke(actor=request.user, token=token),
                success=_("The display token was revoked: that screen no longer opens."))
    return redirect("stats:tokens")
