"""The password policy: character classes, not the account's name or phone, not one of the last few, expiry
for staff, a change forced after an administrator set the password.

The validators are listed in AUTH_PASSWORD_VALIDATORS, so every form that sets a password (change, reset, the
admin site, ``changepassword``) applies them. ``HistoryValidator.password_changed`` runs whenever a user whose
password was set with ``set_password`` is saved: it keeps the hash, revokes the API tokens and restarts the
expiry clock."""

import datetime as dt
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, ngettext


def _classes(password: str) -> int:
    kinds = [any(c.islower() for c in password), any(c.isupper() for c in password),
             any(c.isdigit() for c in password),
             any(not c.isalnum() or c in string.punctuation for c in password)]
    return sum(kinds)


class CharacterClassValidator:
    """At least ``classes`` of: lower-case letters, capitals, digits, other characters."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password, user=None):
        if _classes(password) < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return gettext("The password must mix at least %(n)d of: lower-case letters, capitals, digits, other "
                       "characters.") % {"n": self.classes}


class AccountNameValidator:
    """Not the username or the phone number, nor containing them."""

    def validate(self, password, user=None):
        if user is None:
            return
        lowered = password.lower()
        for value in (getattr(user, "username", ""), getattr(user, "phone", "") or ""):
            value = (value or "").lower()
            if len(value) >= 3 and value in lowered:
                raise ValidationError(self.get_help_text(), code="password_has_account_name")

    def get_help_text(self):
        return gettext("The password may not contain the username or the phone number.")


class HistoryValidator:
    """Not the current password nor one of the ``count`` before it."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password, user=None):
        if user is None or not getattr(user, "pk", None) or self.count <= 0:
            return
        from .models import PasswordHistory

        hashes = list(PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[:self.count])
        if user.password and user.password not in hashes:
            hashes.insert(0, user.password)  # an account whose password predates the history
        if any(check_password(password, h) for h in hashes):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def get_help_text(self):
        return ngettext("The password may not be your last one.",
                        "The password may not be one of your last %(n)d.", self.count) % {"n": self.count}

    def password_changed(self, password, user=None):
        if user is None or not user.pk:
            return
        password_recorded(user)


def password_recorded(user) -> None:
    """After a new password was saved: keep its hash (and drop the oldest), revoke the API tokens, restart the
    expiry clock. An administrator's or an import's password must be changed at the next login (the caller sets
    ``must_change_password`` after this)."""
    from .models import ApiToken, PasswordHistory, User

    now = timezone.now()
    PasswordHistory.objects.create(user_id=user.pk, password=user.password, created_at=now)
    keep = max(settings.PASSWORD_HISTORY, 1)
    old = list(PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[keep:])
    if old:
        PasswordHistory.objects.filter(pk__in=old).delete()
    ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).update(revoked_at=now)
    User.objects.filter(pk=user.pk).update(password_changed_at=now, must_change_password=False)
    user.password_changed_at, user.must_change_password = now, False


def password_expired(user) -> bool:
    """A staff role's password older than PASSWORD_MAX_AGE_DAYS (members and role-less accounts are exempt)."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days or not user.password_changed_at:
        return False
    if user.password_changed_at > timezone.now() - dt.timedelta(days=days):
        return False
    return user.is_superuser or user.role_assignments.filter(is_active=True).exists()


def password_change_reason(user) -> str:
    """Why the user must choose a new password now ("" when they need not)."""
    if user.must_change_password:
        return gettext("Your password was set by an administrator: choose your own before you go on.")
    if password_expired(user):
        return gettext("Your password is older than %(days)d days: choose a new one before you go on.") % {
            "days": settings.PASSWORD_MAX_AGE_DAYS}
    return ""
