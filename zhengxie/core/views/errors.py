"""The pages of a failure: they need nothing but the process (no database, no session, no cache).

Django calls ``server_error`` for any exception that a view or a middleware let through, inside the ``except``
block, so the exception is at hand: when it says that the database or the broker is away (a connection refused or
lost, a time-out) the answer is 503 with the platform's translated page, or ``{detail, code}`` for the API, and a
``Retry-After``; anything else is 500. The templates are rendered without a request, so no context processor (the
navigation, the unread count, the user) runs."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language, gettext

RETRY_AFTER_SECONDS = 10


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        import redis.exceptions

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is a dependency of the RQ backend
        pass
    return tuple(errors)


UNAVAILABLE_ERRORS = _unavailable_errors()


def is_unavailable(exc: BaseException | None) -> bool:
    """Whether an exception (or one it was raised from) says that a service the platform needs is away."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, UNAVAILABLE_ERRORS):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _plain(request, template: str, status: int, detail: str, code: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": detail, "code": code, "errors": {}}, status=status,
                                json_dumps_params={"ensure_ascii": False})
    else:
        html = loader.get_template(template).render({"language": get_language() or "zh-hans"})
        response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable(request) -> HttpResponse:
    response = _plain(request, "503.html", 503,
                      gettext("The service is briefly unavailable. Please try again in a moment."), "unavailable")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request) -> HttpResponse:
    if is_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return _plain(request, "500.html", 500,
                  gettext("Something went wrong on the server. Please try again later."), "server_error")
