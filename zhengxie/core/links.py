"""Absolute links (QR posters, calendar feeds, e-mails): from ``SITE_URL`` when the deployment sets it, otherwise
from the request being served, so a link never points to an address the server does not answer on."""

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """``path`` (starting with "/") as an absolute address; the bare path when neither is known (a background
    task on a deployment without ``SITE_URL``)."""
    base = getattr(settings, "SITE_URL", "") or ""
    if base:
        return f"{base.rstrip('/')}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    return path
