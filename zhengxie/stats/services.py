"""Writes of the statistics app: display tokens of the big screen made and revoked."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.services import audit_log

from .models import DisplayToken
from .permissions import can_manage_displays


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def display_token_create(*, actor, organisation, name: str) -> tuple[DisplayToken, str]:
    """A new token for a display of ``organisation``: (the row, the token to put in the display's address, shown
    this once)."""
    if not can_manage_displays(actor, organisation):
        raise NotAllowed()
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Name the display (where the screen is)."), errors={"name": gettext("This field is required.")})
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = DisplayToken.objects.create(organisation=organisation, name=name[:60], digest=digest_of(raw),
                                            hint=raw[-6:], created_by=actor)
        audit_log(actor=actor, organisation=organisation, action="stats.display_token.created", obj=token,
                  changes={"name": token.name})
    return token, raw


def display_token_revoke(*, actor, token: DisplayToken) -> DisplayToken:
    if not can_manage_displays(actor, token.organisation):
        raise NotAllowed()
    with transaction.atomic():
        token = DisplayToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_log(actor=actor, organisation=token.organisation, action="stats.display_token.revoked", obj=token,
                      changes={"name": token.name})
    return token


def display_token_use(raw: str) -> DisplayToken | None:
    """The active token ``raw`` stands for (its use noted at most once a minute), or None."""
    if not raw or len(raw) > 100:
        return None
    token = DisplayToken.objects.select_related("organisation").filter(digest=digest_of(raw), revoked_at__isnull=True).first()
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            DisplayToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
