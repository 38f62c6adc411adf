"""Logging in with a username or a phone number, and locking an account after repeated failures.

The lockout counts per ACCOUNT: the typed name or phone is resolved to the account first, so typing the phone
instead of the username gives no fresh tries. A string that matches no account is counted per string, and
failures with unknown names are counted per network address as well (one address trying many names)."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.utils import timezone

from .crypto import lookup_digest
from .models import LoginAttempt, User

logger = logging.getLogger(__name__)


def find_account(typed: str) -> User | None:
    """The account a typed username or phone number names (usernames first)."""
    typed = (typed or "").strip()
    if not typed:
        return None
    by_phone = lookup_digest("phone", typed)
    match = Q(username=typed) | Q(phone_digest=by_phone) if by_phone else Q(username=typed)
    return User.objects.filter(match).order_by("pk").first()


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint that the name is unknown
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _window_start():
    return timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _failures_since_success(attempts) -> int:
    since = _window_start()
    last_success = attempts.filter(succeeded=True, at__gte=since).order_by("-at").values_list("at", flat=True).first()
    return attempts.filter(succeeded=False, at__gte=last_success or since).count()


def account_locked(user: User) -> bool:
    return _failures_since_success(LoginAttempt.objects.filter(user=user)) >= settings.LOGIN_FAILURE_LIMIT


def is_locked_out(typed: str, ip: str | None = None, *, user: User | None = None) -> bool:
    """Whether a login with this name (or phone) from this address is refused without checking the password."""
    user = user or find_account(typed)
    if user is not None:
        return account_locked(user)
    unknown = LoginAttempt.objects.filter(user__isnull=True)
    if _failures_since_success(unknown.filter(username=lockout_key(typed))) >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if ip:
        recent = unknown.filter(ip=ip, succeeded=False, at__gte=_window_start()).count()
        return recent >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
    return False


def record_attempt(typed: str, ip: str | None, succeeded: bool, *, user: User | None = None) -> LoginAttempt:
    if user is None:
        user = find_account(typed)
    return LoginAttempt.objects.create(username=lockout_key(typed), user=user, ip=ip, succeeded=succeeded)


def record_lockout(user: User) -> None:
    """The account has just reached the failure limit: the audit entry and a warning in the log (the account's id,
    no name), for the password and the second-factor steps alike."""
    from .services import audit_log

    logger.warning("account %s locked for %s minutes after %s failed logins", user.pk,
                   settings.LOGIN_LOCKOUT_MINUTES, settings.LOGIN_FAILURE_LIMIT)
    audit_log(actor=None, organisation=user.default_organisation, action="core.user.locked_out", obj=user)


def on_logged_in(sender, request, user, **kwargs):
    """The absolute session limit counts from here (AccountPolicyMiddleware)."""
    import time

    from .middleware import LOGIN_AT_KEY

    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = time.time()


def on_logged_out(sender, request, user, **kwargs):
    from .services import audit_log

    if user is not None:
        audit_log(actor=user, organisation=user.default_organisation, action="core.user.logged_out", obj=user)
