"""Protections of the public page, which anyone can reach with no account (hostile ground):

- rate limits per network address, counted in Django's cache (the database cache, or Redis in production: shared
  by every process), in fixed windows;
- a challenge that needs no outside service: an arithmetic question rendered on the page, whose answer travels
  only as a keyed digest inside a signed, timestamped, single-use token (a program cannot read the answer from
  the page's markup, cannot reuse a token, and cannot send the form faster than a person fills it in);
- a honeypot field that people never see and programs fill in;
- a cap on the size of the request before its body is read.

HTML escaping is Django's autoescape: nothing here or in the templates marks public input safe.
"""

import hashlib
import secrets
import time
import unicodedata
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core import signing as token_signing
from zhengxie.core.context import ip_of
from zhengxie.core.exceptions import DomainError
from zhengxie.core.org_settings import get_setting

CHALLENGE_SALT = "zhengxie.outreach.challenge"
CHALLENGE_MAX_AGE = 2 * 3600
HONEYPOT_FIELD = "website"
#: Any request that writes through the public page (send, look up, give feedback), per address.
ATTEMPTS_PER_10_MINUTES = 30
#: Look-ups with a code that matches nothing, per address: guessing codes is hopeless and then refused.
FAILED_LOOKUPS_PER_HOUR = 20
MAX_REQUEST_BYTES = 6 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
NAME_MAX = 40
COMMENT_MAX = 500


class PublicRefused(DomainError):
    """The public page refuses a request (the message says why, without helping a program)."""

    status = 400
    code = "refused"
    default_message = _("The form could not be accepted. Please fill it in again.")


class RateLimited(PublicRefused):
    status = 429
    code = "rate_limited"
    default_message = _("Too many requests from your network. Please try again later, or call the place's phone.")


class Flood(RateLimited):
    """Far past the limit: a program, answered as cheaply as possible (no page is drawn)."""

    code = "flood"


# --- rate limits -----------------------------------------------------------------------------------------------


def _address_key(request) -> str:
    return hashlib.sha256((ip_of(request) or "unknown").encode()).hexdigest()[:24]


def _window_key(name: str, address: str, window: int) -> str:
    return f"outreach:rl:{name}:{address}:{window}:{int(time.time() // window)}"


def _hit(name: str, address: str, window: int) -> int:
    """Count one more in the current window and return the count."""
    key = _window_key(name, address, window)
    cache.add(key, 0, window + 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 60)
        return 1


def _count(name: str, address: str, window: int) -> int:
    return cache.get(_window_key(name, address, window), 0)


def count_attempt(request) -> None:
    """Every write through the public page counts; past the limit the address is refused for a while."""
    attempts = _hit("attempt", _address_key(request), 600)
    if attempts > 2 * ATTEMPTS_PER_10_MINUTES:
        raise Flood()
    if attempts > ATTEMPTS_PER_10_MINUTES:
        raise RateLimited()


def count_submission(request, organisation) -> None:
    """Called once a concern is valid and about to be kept: refuse it past the organisation's limits. Counted
    before saving, so that two requests at once cannot both slip under the limit."""
    address = _address_key(request)
    per_hour = get_setting(organisation, "outreach.public_per_hour")
    per_day = get_setting(organisation, "outreach.public_per_day")
    if _hit("submit", address, 3600) > per_hour or _hit("submit-day", address, 86400) > per_day:
        raise RateLimited(gettext("This network has sent many concerns in a short time. Please try again in an hour, "
                                  "or call the place's phone."))


def check_lookup_allowed(request) -> None:
    if _count("lookup-miss", _address_key(request), 3600) >= FAILED_LOOKUPS_PER_HOUR:
        raise RateLimited(gettext("Too many codes that match nothing were tried from your network. Please try again "
                                  "in an hour."))


def count_failed_lookup(request) -> None:
    _hit("lookup-miss", _address_key(request), 3600)


def check_request_size(request) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        raise PublicRefused(gettext("The form is too large: a photo may be at most %(mb)d MB.")
                            % {"mb": PHOTO_MAX_BYTES // 1048576}, code="too_large")


# --- the challenge ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str


def _answer_digest(nonce: str, answer: int) -> str:
    return token_signing.token_mac(CHALLENGE_SALT, f"{nonce}:{answer}")[:24]


def challenge_issue(*, issued_at: float | None = None) -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        a, b = max(a, b) + 5, min(a, b)
        answer, question = a - b, gettext("How much is %(a)d minus %(b)d?") % {"a": a, "b": b}
    else:
        answer, question = a + b, gettext("How much is %(a)d plus %(b)d?") % {"a": a, "b": b}
    nonce = secrets.token_urlsafe(12)
    token = token_signing.dumps({"n": nonce, "t": int(issued_at if issued_at is not None else time.time()),
                           "h": _answer_digest(nonce, answer)}, salt=CHALLENGE_SALT)
    return Challenge(token=token, question=question)


def _as_number(raw) -> int | None:
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()[:6]
    return int(text) if text.isdigit() else None


def challenge_check(*, token: str, answer, honeypot: str = "", min_seconds: int = 0) -> None:
    """Raise PublicRefused unless the token is genuine, fresh, unused, not answered too fast, and answered right.

    A token is burnt by its first use, right or wrong: each try needs a new question."""
    if honeypot:
        raise PublicRefused()
    try:
        data = token_signing.loads(str(token or "")[:500], salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.SignatureExpired:
        raise PublicRefused(gettext("The form was open too long. Please answer the new question.")) from None
    except signing.BadSignature:
        raise PublicRefused() from None
    if not cache.add(f"outreach:challenge:{data['n']}", 1, CHALLENGE_MAX_AGE + 60):
        raise PublicRefused(gettext("This form was sent already. Please answer the new question to send it again."))
    if time.time() - data["t"] < min_seconds:
        raise PublicRefused(gettext("The form was sent too quickly. Please check it and send it again."))
    number = _as_number(answer)
    if number is None or not constant_time_compare(_answer_digest(data["n"], number), data["h"]):
        raise PublicRefused(gettext("The answer to the question is not right. Please answer the new question."),
                            errors={"answer": gettext("Not right.")})
