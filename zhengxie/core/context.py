"""The request that a service runs in, for the audit log's IP address (set by middleware, per thread/task)."""

import contextvars
from contextlib import contextmanager

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("zhengxie_client_ip", default=None)


def client_ip() -> str | None:
    return _client_ip.get()


@contextmanager
def request_ip(ip: str | None):
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)


def ip_of(request) -> str | None:
    # REMOTE_ADDR is the proxy's when behind nginx; nginx sets X-Real-IP (see docs/deploy.md).
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        real = request.META.get("HTTP_X_REAL_IP")
        if real:
            return real.strip()
    return request.META.get("REMOTE_ADDR") or None
