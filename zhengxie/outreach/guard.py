"""Protections of the public page, which anyone can reach with no account (hostile ground):

- rate limits per network address, counted in Django's cache (the database cache, or Redis in production: shared
  by every process), in fixed windows;
- a challenge that needs no outside service: four digits drawn as a picture (the ``captcha`` library, with the
  vendored font, large and clear) and read aloud on request (its offline voice files), never written in the
  page's markup; the answer is kept server-side (the shared cache) and travels only as a keyed digest inside a
  signed, timestamped, single-use token (a program cannot read it from the page, cannot reuse a token, and
  cannot send the form faster than a person fills it in). Who cannot read or hear it calls the place's phone;
- a honeypot field that people never see and programs fill in;
- a cap on the size of the request before its body is read.

HTML escaping is Django's autoescape: nothing here or in the templates marks public input safe.
"""

import functools
import hashlib
import io
import secrets
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
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


CHALLENGE_DIGITS = 4
#: Pictures and recordings one network may fetch in 10 minutes (each form shows one; "another picture" adds one).
MEDIA_PER_10_MINUTES = 120


@dataclass(frozen=True)
class Challenge:
    token: str
    nonce: str
    question: str

    @property
    def image_url(self) -> str:
        return reverse("outreach:public_challenge_image", args=[self.nonce])

    @property
    def audio_url(self) -> str:
        return reverse("outreach:public_challenge_audio", args=[self.nonce])


def _answer_digest(nonce: str, answer: str) -> str:
    return token_signing.token_mac(CHALLENGE_SALT, f"{nonce}:{answer}")[:24]


def _answer_key(nonce: str) -> str:
    return f"outreach:challenge-answer:{nonce}"


def challenge_issue(*, issued_at: float | None = None) -> Challenge:
    answer = "".join(secrets.choice("0123456789") for _ in range(CHALLENGE_DIGITS))
    nonce = secrets.token_urlsafe(12)
    cache.set(_answer_key(nonce), answer, CHALLENGE_MAX_AGE + 60)
    token = token_signing.dumps({"n": nonce, "t": int(issued_at if issued_at is not None else time.time()),
                           "h": _answer_digest(nonce, answer)}, salt=CHALLENGE_SALT)
    return Challenge(token=token, nonce=nonce, question=gettext("Type the four digits in the picture."))


def _answer_of(nonce: str) -> str | None:
    """The digits to draw or read aloud; None once the challenge is used or has expired."""
    if cache.get(f"outreach:challenge:{nonce}"):
        return None
    return cache.get(_answer_key(str(nonce)[:40]))


def count_media(request) -> None:
    if _hit("challenge-media", _address_key(request), 600) > MEDIA_PER_10_MINUTES:
        raise RateLimited()


def challenge_image(nonce: str) -> bytes | None:
    """The digits as a PNG, 360×140, large strokes, a little noise: clear for an old person's eyes."""
    answer = _answer_of(nonce)
    if answer is None:
        return None
    # dark strokes on a light ground, a shade chosen at random: strong contrast for weak eyes, still no fixed colour
    from PIL import ImageOps

    ink = (secrets.randbelow(60), secrets.randbelow(60), 60 + secrets.randbelow(80))
    paper = (255, 255, 250)
    image = _image_captcha().generate_image(answer, bg_color=paper, fg_color=(*ink, 255))
    # The library blends the digits' strokes into pale grey; stretched back to full ink they read at a glance.
    image = ImageOps.colorize(ImageOps.autocontrast(image.convert("L"), cutoff=(2, 0)), black=ink, white=paper)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def challenge_audio(nonce: str) -> bytes | None:
    """The digits read aloud (WAV, the library's offline recordings)."""
    answer = _answer_of(nonce)
    if answer is None:
        return None
    from captcha.audio import AudioCaptcha

    return bytes(AudioCaptcha().generate(answer))


@functools.cache
def _image_captcha():
    from captcha.image import ImageCaptcha

    class ClearCaptcha(ImageCaptcha):
        # less turning and warping than the library's default: readable without strain
        character_rotate = (-12, 12)
        character_warp_dx = (0.05, 0.12)
        character_warp_dy = (0.05, 0.12)
        character_offset_dy = (0, 4)

    font = str(settings.PDF_FONT_PATH)
    return ClearCaptcha(width=360, height=140, fonts=[font], font_sizes=(84, 92, 100))


def _as_digits(raw) -> str | None:
    text = unicodedata.normalize("NFKC", str(raw or "")).strip().replace(" ", "")[:8]
    return text if text.isdigit() else None


def challenge_check(*, token: str, answer, honeypot: str = "", min_seconds: int = 0) -> None:
    """Raise PublicRefused unless the token is genuine, fresh, unused, not answered too fast, and answered right.

    A token is burnt by its first use, right or wrong: each try needs a new picture."""
    if honeypot:
        raise PublicRefused()
    try:
        data = token_signing.loads(str(token or "")[:500], salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.SignatureExpired:
        raise PublicRefused(gettext("The form was open too long. Please type the digits in the new picture.")) from None
    except signing.BadSignature:
        raise PublicRefused() from None
    if not cache.add(f"outreach:challenge:{data['n']}", 1, CHALLENGE_MAX_AGE + 60):
        raise PublicRefused(gettext("This form was sent already. Please type the digits in the new picture to send "
                                    "it again."))
    if time.time() - data["t"] < min_seconds:
        raise PublicRefused(gettext("The form was sent too quickly. Please check it and send it again."))
    digits = _as_digits(answer)
    if digits is None or not constant_time_compare(_answer_digest(data["n"], digits), data["h"]):
        raise PublicRefused(gettext("The digits are not right. Please type the ones in the new picture."),
                            errors={"answer": gettext("Not right.")})
