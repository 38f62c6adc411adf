"""What every provider shares: the message, the error, the HTTP call with a time limit, the access-token cache."""

import hashlib
import json
import logging
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass
class Message:
    to: str                      # a phone number, a WeCom UserID, a DingTalk userid, an e-mail address
    title: str
    text: str                    # the rendered short text (the SMS within 70 characters)
    url: str = ""                # absolute, short
    template_code: str = ""      # SMS: the template registered with the provider
    params: dict = field(default_factory=dict)  # SMS: the template's parameters


class ProviderError(Exception):
    def __init__(self, reason: str, *, retry: bool = True, rate_limited: bool = False):
        super().__init__(reason)
        self.reason = reason[:480]
        self.retry = retry or rate_limited
        self.rate_limited = rate_limited


class Provider:
    channel = ""
    #: The option and credential names an administrator fills in (options are shown again, secrets never).
    options: tuple[str, ...] = ()
    secret_names: tuple[str, ...] = ()
    default_base_url = ""

    def send(self, config, message: Message) -> str:
        raise NotImplementedError

    @staticmethod
    def base_url(config, default: str) -> str:
        return (config.options.get("base_url") or default).rstrip("/")


def credentials(config) -> dict:
    return json.loads(config.secrets) if config.secrets else {}


def timeout() -> float:
    return float(getattr(settings, "CHANNELS_HTTP_TIMEOUT", 5))


def http(method: str, url: str, **kwargs) -> requests.Response:
    """One request with the time limit; connection trouble, a timeout, 429 and 5xx become retryable errors."""
    try:
        response = requests.request(method, url, timeout=timeout(), **kwargs)
    except requests.Timeout:
        raise ProviderError("timeout") from None
    except requests.RequestException as exc:
        raise ProviderError(f"connection: {exc.__class__.__name__}") from None
    if response.status_code == 429:
        raise ProviderError(f"HTTP 429 {response.text[:200]}", rate_limited=True)
    if response.status_code >= 500:
        raise ProviderError(f"HTTP {response.status_code} {response.text[:200]}")
    return response


def json_of(response) -> dict:
    try:
        return response.json()
    except ValueError:
        raise ProviderError(f"HTTP {response.status_code}: not JSON") from None


class TokenCache:
    """An access token per application, kept in the shared cache until shortly before it expires."""

    MARGIN = 300  # seconds before the provider's expiry: never send with a token about to lapse

    def __init__(self, name: str):
        self.name = name

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]
        return f"channels:token:{self.name}:{digest}"

    def get(self, parts, fetch) -> str:
        key = self.key(*parts)
        token = cache.get(key)
        if token:
            return token
        token, expires_in = fetch()
        cache.set(key, token, max(int(expires_in) - self.MARGIN, 60))
        return token

    def drop(self, parts) -> None:
        cache.delete(self.key(*parts))
