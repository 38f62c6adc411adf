"""Accounts: users, their roles per organisation, personal API tokens, login attempts, past passwords."""

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import UNIT_ROLES, Language, Role
from ..crypto import EncryptedCharField, LookupDigestField, lookup_digest
from .organisations import Body, HandlingUnit, Organisation, SpecialCommittee
from .people import Person


class AccountManager(UserManager):
    def with_phone(self, phone):
        """The accounts whose phone number is ``phone`` (by its keyed hash: the number is encrypted)."""
        digest = lookup_digest("phone", phone)
        return self.filter(phone_digest=digest) if digest else self.none()


class User(AbstractUser):
    """An account. Logs in with its username or its phone number (encrypted at rest; one account per number)."""

    phone = EncryptedCharField(_("mobile phone"), plain_max_length=20, null=True, blank=True)
    phone_digest = LookupDigestField(source="phone", null=True, unique=True)
    person = models.OneToOneField(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.ZH_HANS)
    default_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    password_changed_at = models.DateTimeField(_("password changed at"), default=timezone.now)
    must_change_password = models.BooleanField(
        _("must change the password"), default=False,
        help_text=_("Set for an account created by an administrator or an import: the first login asks for a new one."),
    )

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.label

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None and "phone" in update_fields:
            update_fields = {*update_fields, "phone_digest"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def label(self) -> str:
        if self.person_id:
            return self.person.name
        return self.display_name or self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role a user holds in one organisation (members' roles come from their seats instead)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    handling_unit = models.ForeignKey(
        HandlingUnit, verbose_name=_("handling unit"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    committee = models.ForeignKey(
        SpecialCommittee, verbose_name=_("special committee"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "organisation"], name="role_user_org")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(role=Role.MEMBER), name="role_member_comes_from_seat"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self):
        if self.role in UNIT_ROLES and not self.handling_unit_id:
            raise ValidationError({"handling_unit": _("A handling unit role must name its unit.")})
        if self.role == Role.BODY_CONTACT and not self.body_id:
            raise ValidationError({"body": _("A contact role must name its body.")})
        if self.handling_unit_id and self.handling_unit.organisation_id != self.organisation_id:
            raise ValidationError({"handling_unit": _("The unit belongs to another organisation.")})
        if self.body_id and self.body.organisation_id != self.organisation_id:
            raise ValidationError({"body": _("The body belongs to another organisation.")})


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, and younger than API_TOKEN_MAX_DAYS (a token with no expiry is not usable)."""
        from django.conf import settings

        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now,
                           created_at__gt=now - dt.timedelta(days=settings.API_TOKEN_MAX_DAYS))


class ApiToken(models.Model):
    """A personal access token for the HTTP API. Only its SHA-256 digest is stored."""

    PREFIX = "zx_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class LoginAttempt(models.Model):
    """One try at logging in; repeated failures for an account (whatever name or phone was typed) lock it for a
    while. ``user`` is the account the typed name resolved to (none when it matched no account)."""

    username = models.CharField(max_length=150, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")

    def __str__(self):
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


class PasswordHistory(models.Model):
    """The hash of a password an account had: a new password may not be one of the last few."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("past password")
        verbose_name_plural = _("past passwords")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
