"""Per-request context: the active organisation, and the client's address for the audit log; the session's idle
timeout renewed without a write on every request."""

import time

from django.conf import settings

from .context import ip_of, request_ip
from .models import Organisation
from .permissions import access_of

SESSION_KEY = "zx_active_org"


def choose_organisation(request) -> Organisation | None:
    """The organisation the user works in now: the one chosen in the header, else their default, else the
    highest of theirs. Never one the user has no role or seat in."""
    user = request.user
    if not user.is_authenticated:
        return None
    access = access_of(user)  # read once for the request: roles and seats with their organisations
    wanted = request.session.get(SESSION_KEY) or user.default_organisation_id
    return access.organisation(wanted) or access.first_organisation()


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
    SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request. A session that
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
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response
