"""The platform's own signed tokens (QR sign-in codes, the public page's challenge), keyed by TOKEN_SIGNING_KEY.

That key is apart from SECRET_KEY so that it can be rotated alone: put the old key in TOKEN_SIGNING_KEY_FALLBACKS,
and tokens made with it stay valid until they expire. Unset, the key is derived from SECRET_KEY (and its fallbacks)."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


def _derived(secret: str) -> str:
    return salted_hmac("zhengxie.core.signing.key", "token-signing-key", secret=secret, algorithm="sha256").hexdigest()


def signing_keys() -> list[str]:
    """The current key first, then the old ones still accepted."""
    if settings.TOKEN_SIGNING_KEY:
        return [settings.TOKEN_SIGNING_KEY, *settings.TOKEN_SIGNING_KEY_FALLBACKS]
    return [_derived(settings.SECRET_KEY), *(_derived(k) for k in settings.SECRET_KEY_FALLBACKS)]


def token_mac(salt: str, value: str, *, key: str | None = None) -> str:
    return salted_hmac(salt, value, secret=key or signing_keys()[0], algorithm="sha256").hexdigest()


def token_mac_valid(salt: str, value: str, mac: str, *, length: int | None = None) -> bool:
    """Whether ``mac`` (perhaps truncated to ``length``) was made for ``value`` by the current or an old key."""
    return any(constant_time_compare(mac, token_mac(salt, value, key=key)[:length]) for key in signing_keys())


def dumps(obj, *, salt: str) -> str:
    keys = signing_keys()
    return signing.dumps(obj, key=keys[0], salt=salt)


def loads(token: str, *, salt: str, max_age=None):
    """Like django.core.signing.loads, with the token key and its fallbacks (raises BadSignature / SignatureExpired)."""
    keys = signing_keys()
    return signing.loads(token, key=keys[0], fallback_keys=keys[1:], salt=salt, max_age=max_age)
