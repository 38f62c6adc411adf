"""Per-request context: the active organisation, the client's address for the audit log; session limits (idle and
absolute) renewed without a write on every request, and a forced password change."""

import datetime as dt
import functools
import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext

from .context import ip_of, request_ip
from .models import Organisation
from .passwords import password_change_reason
from .permissions import active_organisation_of

SESSION_KEY = "zx_active_org"
LOGIN_AT_KEY = "zx_login_at"


def choose_organisation(request) -> Organisation | None:
    """The organisation the user works in now: the one chosen in the header's switcher (kept in the session), by
    the one rule of ``core.permissions.active_organisation_of``."""
    if not request.user.is_authenticated:
        return None
    return active_organisation_of(request.user, request.session.get(SESSION_KEY))


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = choose_organisation(request)
        with request_ip(ip_of(request)):
            return self.get_response(request)


class SessionRefreshMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE after the last request) without writing the session on every request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row (SELECT + UPDATE in a transaction) on every page and
    API call; here the expiry is pushed forward at most once every SESSION_REFRESH_SECONDS, so a session ends between
    SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request, and never past the
    absolute end that AccountPolicyMiddleware enforces (SESSION_ABSOLUTE_SECONDS after the login). A session that
    the request changed is saved anyway, and its renewal time is noted with it. Sits after SessionMiddleware."""

    KEY = "zx_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A request that never read the session (a token API call, an anonymous page) leaves it alone.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        started = session.get(LOGIN_AT_KEY)
        end = (dt.datetime.fromtimestamp(started + settings.SESSION_ABSOLUTE_SECONDS, tz=dt.UTC)
               if started is not None else None)
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
            if end is not None:
                session.set_expiry(min(timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE), end))
        elif end is not None and session.get_expiry_date() > end:
            session.set_expiry(end)  # the idle limit never reaches past the absolute end
        return response


class AccountPolicyMiddleware:
    """Session limits and a forced password change, after authentication.

    A session ends SESSION_ABSOLUTE_SECONDS after its login however busy it is; between requests it lives
    SESSION_COOKIE_AGE (the idle limit, renewed by SessionRefreshMiddleware), never past that absolute end. A user
    whose password was set by an administrator, or whose staff password is too old, is sent to the password change
    page first."""

    EXEMPT_PREFIXES = ("/static/", "/media/", "/api/", "/healthz", "/readyz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        now = time.time()
        started = request.session.get(LOGIN_AT_KEY)
        if started is None:
            request.session[LOGIN_AT_KEY] = started = now
        if started + settings.SESSION_ABSOLUTE_SECONDS - now <= 0:
            auth.logout(request)
            if request.path.startswith("/api/"):
                return None  # the API answers 401 itself
            messages.info(request, gettext("Your session has ended after %(hours)s hours. Please log in again.")
                          % {"hours": round(settings.SESSION_ABSOLUTE_SECONDS / 3600, 1)})
            return redirect_to_login(request.get_full_path())
        if request.path.startswith(self.EXEMPT_PREFIXES) or request.path in _change_paths():
            return None
        if password_change_reason(user):
            return redirect(f"{reverse('core:password_change')}?{urlencode({'next': request.get_full_path()})}")
        return None


@functools.cache
def _change_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in (
        "core:password_change", "core:password_change_done", "core:logout", "core:set_language"))
