"""Logging in with a username or a phone number, and locking a username after repeated failures."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.utils import timezone

from .crypto import lookup_digest
from .models import LoginAttempt, User


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        username = username.strip()
        by_phone = lookup_digest("phone", username)
        match = Q(username=username) | Q(phone_digest=by_phone) if by_phone else Q(username=username)
        user = User.objects.filter(match).order_by("pk").first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint that the name is unknown
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def is_locked_out(username: str) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    key = lockout_key(username)
    last_success = (
        LoginAttempt.objects.filter(username=key, succeeded=True, at__gte=since).order_by("-at").values_list("at", flat=True).first()
    )
    failures = LoginAttempt.objects.filter(username=key, succeeded=False, at__gte=last_success or since)
    return failures.count() >= settings.LOGIN_FAILURE_LIMIT


def record_attempt(username: str, ip: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=lockout_key(username), ip=ip, succeeded=succeeded)
