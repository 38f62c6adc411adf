"""Two factors (双因素): a TOTP authenticator app (django-otp) with one-time recovery codes.

A factor is required of the platform's superusers and of whoever holds, in some organisation, a role that the
organisation's ``core.two_factor_roles`` setting names (default: administrators and office staff); members and
other roles may enrol one. Once enrolled, a factor is asked at every login. Enrolment, verification and an
administrator's reset are here; the login's second step is in views/two_factor.py."""

import base64
import io

import segno
from django.db import transaction
from django.utils.translation import gettext
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import permissions
from .choices import Role
from .exceptions import DomainError, NotAllowed
from .org_settings import TWO_FACTOR_ROLES as SETTING
from .org_settings import get_setting

RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def has_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def factor_required(user) -> bool:
    """Whether the user must log in with two factors (a superuser always; else by the roles they hold)."""
    if user.is_superuser:
        return True
    assignments = user.role_assignments.filter(is_active=True).select_related("organisation__parent")
    for ra in assignments:
        if ra.role in get_setting(ra.organisation, SETTING):
            return True
    if user.person_id:
        seats = user.person.seats.current().select_related("organisation__parent")
        return any(Role.MEMBER.value in get_setting(seat.organisation, SETTING) for seat in seats)
    return False


def check_code(user, code: str):
    """The device (authenticator or recovery codes) that accepts the code, or None. A recovery code is used up."""
    code = "".join(str(code or "").split())
    if not code or len(code) > 16:
        return None
    return match_token(user, code)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a new secret unless one is half-way)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=DEVICE_NAME).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=6, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def two_factor_enrol(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm an authenticator with a code it shows; returns the recovery codes (shown once)."""
    from .services import audit_log

    if device.user_id != user.pk or device.confirmed:
        raise NotAllowed()
    with transaction.atomic():
        if not device.verify_token("".join(str(code or "").split())):
            raise DomainError(gettext("The code is not right. Check the time of your phone and type the code the "
                                      "app shows now."), errors={"code": gettext("Not right.")})
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit_log(actor=user, organisation=user.default_organisation, action="core.two_factor.enrolled", obj=user)
    return codes


def recovery_codes_renew(*, user, code: str) -> list[str]:
    from .services import audit_log

    if check_code(user, code) is None:
        raise DomainError(gettext("The code is not right."), errors={"code": gettext("Not right.")})
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_log(actor=user, organisation=user.default_organisation, action="core.two_factor.recovery_renewed",
                  obj=user)
    return codes


def two_factor_reset(*, actor, organisation, user) -> None:
    """An administrator removes a user's factors (a lost phone): the next login enrols a new one."""
    from .services import audit_log

    if not permissions.can_reset_factors(actor, organisation):
        raise NotAllowed()
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
        audit_log(actor=actor, organisation=organisation, action="core.two_factor.reset", obj=user,
                  changes={"devices_removed": removed})


def two_factor_remove(*, user, code: str) -> None:
    """A user for whom a second factor is optional turns it off, with a current code."""
    from .services import audit_log

    if factor_required(user):
        raise DomainError(gettext("Your role needs a second factor: it cannot be turned off."))
    if check_code(user, code) is None:
        raise DomainError(gettext("The code is not right."), errors={"code": gettext("Not right.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_log(actor=user, organisation=user.default_organisation, action="core.two_factor.removed", obj=user)
