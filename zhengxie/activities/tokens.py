"""The rotating sign-in code: a signed, time-based token for one activity.

The sign-in screen shows ``signin_url(activity)`` as a QR code. The token is ``<activity id>.<step>.<mac>``
where ``step`` counts 30-second periods since the epoch and ``mac`` is an HMAC (keyed by TOKEN_SIGNING_KEY, see core.signing) of the
activity id and the step. A code is valid during its own step and the next one (so a member who scans it just
before it changes still gets in): at most a minute. Nothing is stored; the server recomputes the HMAC.
"""

import time

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhengxie.core.exceptions import DomainError
from zhengxie.core.signing import token_mac, token_mac_valid

STEP_SECONDS = 30
GRACE_STEPS = 1
SALT = "zhengxie.activities.signin"
#: A scan is remembered in the member's session this long: a member who must log in first (or is slow to
#: confirm) is judged by the moment of the scan, not of the confirmation.
SCAN_MEMORY_SECONDS = 600


class InvalidToken(DomainError):
    code = "invalid_token"
    default_message = _("This sign-in code is not valid. Scan the code on the screen again.")


class ExpiredToken(DomainError):
    code = "expired_token"
    default_message = _("This sign-in code has expired. Scan the code on the screen again.")


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


MAC_LENGTH = 20


def _mac(activity_id: int, step: int) -> str:
    return token_mac(SALT, f"{activity_id}:{step}")[:MAC_LENGTH]


def make_token(activity_id: int, step: int | None = None) -> str:
    step = current_step() if step is None else step
    return f"{activity_id}.{step}.{_mac(activity_id, step)}"


def seconds_left(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return STEP_SECONDS - int(now % STEP_SECONDS)


def verify_token(token: str, *, now: float | None = None) -> int:
    """The activity id the token was made for; raises InvalidToken (forged, malformed) or ExpiredToken."""
    try:
        activity_part, step_part, mac = (token or "").strip().split(".")
        activity_id, step = int(activity_part), int(step_part)
    except ValueError:
        raise InvalidToken() from None
    if not token_mac_valid(SALT, f"{activity_id}:{step}", mac, length=MAC_LENGTH):
        raise InvalidToken()
    step_now = current_step(now)
    if step > step_now or step < step_now - GRACE_STEPS:
        raise ExpiredToken()
    return activity_id


def signin_path(token: str) -> str:
    return reverse("activities:signin_token", args=[token])
