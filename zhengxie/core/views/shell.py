"""The shell: workbench, organisation and language switching, inbox, health endpoints."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..health import readiness
from ..middleware import SESSION_KEY
from ..models import Notification
from ..registry import todos
from . import errors
from .common import is_htmx, organisation_required, paginate


def workbench(request):
    if request.user.is_authenticated and request.user.is_superuser and request.organisation is None:
        return platform_home(request)
    return _workbench(request)


@organisation_required
def _workbench(request):
    seat = permissions.current_member(request.user, request.organisation)
    return render(request, "core/workbench.html", {"todos": todos(request), "seat": seat})


def platform_home(request):
    """The platform superuser's landing (no role in any committee): the organisations with their members and
    accounts, and the way to the admin where organisations, accounts and roles are set up."""
    return render(request, "core/platform_home.html", {"organisations": selectors.organisations_overview()})


def _safe_next(request, fallback="/"):
    target = request.POST.get("next") or request.GET.get("next") or request.headers.get("referer") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return fallback
    return target


@login_required
@require_POST
def switch_organisation(request):
    org = get_object_or_404(permissions.organisations_of(request.user), pk=request.POST.get("organisation"))
    request.session[SESSION_KEY] = org.pk
    # The page the user was on may belong to the previous organisation: go to the workbench.
    return redirect("core:workbench")


@require_POST
def set_language(request):
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request))
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 86400, samesite="Lax")
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
    return response


@login_required
def inbox(request):
    qs = selectors.inbox_of(request.user)
    show = request.GET.get("show", "unread")
    if show == "unread":
        qs = qs.filter(read_at__isnull=True)
    return render(request, "core/inbox.html", {"page": paginate(request, qs, 30), "show": show})


@login_required
def inbox_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url if notification.url.startswith("/") else reverse("core:inbox")
    return redirect(target)


@login_required
@require_POST
def inbox_mark_read(request):
    ids = request.POST.getlist("ids") or None
    services.notification_mark_read(user=request.user, notification_ids=ids)
    if is_htmx(request):
        return render(request, "core/partials/unread_badge.html", {"unread_count": 0})
    return redirect("core:inbox")


@login_required
def unread_badge(request):
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return render(request, "core/partials/unread_badge.html", {"unread_count": count})


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    checks = readiness()
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


def custom_403(request, exception=None):
    return render(request, "403.html", {"message": str(exception) if exception else ""}, status=403)


def custom_404(request, exception=None):
    return render(request, "404.html", status=404)


def custom_500(request):
    return errors.server_error(request)
