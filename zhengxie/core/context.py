"""The request that a service runs in, for the audit log's IP address (set by middleware, per thread/task)."""

import contextvars
import functools
import ipaddress
from contextlib import contextmanager

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("zhengxie_client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


def actor_or_none(actor):
    """The user to store as who acted: an anonymous actor (a public form, a task) is stored as nobody."""
    return actor if getattr(actor, "is_authenticated", False) else None


@contextmanager
def request_ip(ip: str | None):
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)


def _address(text: str):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _in(text: str, networks) -> bool:
    ip = _address(text)
    return ip is not None and any(ip in net for net in networks)


@functools.cache
def _trusted_networks(proxies: tuple[str, ...]):
    return [ipaddress.ip_network(p, strict=False) for p in proxies]


def ip_of(request) -> str | None:
    """The client's address. Behind a proxy (BEHIND_PROXY=1) REMOTE_ADDR is the proxy's: X-Real-IP, else the
    nearest untrusted address of X-Forwarded-For, is believed only when the request comes from one of
    TRUSTED_PROXIES; anyone else could write those headers."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR") or None
    if not getattr(settings, "BEHIND_PROXY", False) or not remote:
        return remote
    trusted = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not _in(remote, trusted):
        return remote
    real = (request.META.get("HTTP_X_REAL_IP") or "").strip()
    if _address(real):
        return real
    hops = [h.strip() for h in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if h.strip()]
    for hop in reversed(hops):  # the right-most hops were added by our own proxies
        if not _in(hop, trusted):
            return hop if _address(hop) else remote
    return remote
