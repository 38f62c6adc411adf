"""Every error of the API in one shape, ``{detail, code, errors}`` with ``detail`` in the user's language: the
domain's errors, ninja's own (validation, authentication, CSRF, 404), malformed requests, server errors, and
the addresses under /api/ that match no operation (Django's 404 and 500 pages are HTML)."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, resolve
from django.utils.log import log_response
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from zhengxie.core.exceptions import DomainError, NotAllowed, NotFound
from zhengxie.core.views.errors import is_unavailable, service_unavailable

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"


def body(detail, code: str, errors: dict | None = None) -> dict:
    """The error body; each field's messages as a list, whatever the raiser gave."""
    return {"detail": str(detail), "code": code,
            "errors": {str(k): [str(m) for m in v] if isinstance(v, list | tuple) else [str(v)]
                       for k, v in (errors or {}).items()}}


def server_error_body() -> dict:
    return body(_("Something went wrong on the server. Try again later; if it persists, contact your administrator."),
                "server_error")


def install(api) -> None:  # noqa: C901 - one small nested handler per kind of error, registered together
    """Register the handlers on the NinjaAPI ``api``."""

    def answer(request, payload: dict, status: int):
        return api.create_response(request, payload, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError):
        return answer(request, body(exc.message, exc.code, exc.errors), exc.status)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return answer(request, body(_("Log in or send a valid API token."), "unauthorized"), 401)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors: dict[str, list] = {}
        for error in exc.errors:
            location = ".".join(str(p) for p in error.get("loc", []) if p not in ("body", "payload"))
            errors.setdefault(location or "request", []).append(error.get("msg", ""))
        return answer(request, body(_("The request is not valid."), "invalid", errors), 422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, body(NotFound.default_message, NotFound.code), 404)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return answer(request, body(NotAllowed.default_message, NotAllowed.code), 403)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # ninja's own: the session's CSRF check (403), throttling (429).
        if exc.status_code == 403:
            return answer(request, body(_("The security check (CSRF) failed: reload the page and try again."),
                                        NotAllowed.code), 403)
        return answer(request, body(_("The request is not valid."), "invalid"), exc.status_code)

    def bad_request(request, exc):
        # A multipart body without its boundary, too many fields, a body over the size limit...
        logger.info("Malformed API request to %s: %s", request.path, exc)
        return answer(request, body(_("The request is not valid."), "invalid"), 400)

    for kind in (MultiPartParserError, SuspiciousOperation, BadRequest):
        api.add_exception_handler(kind, bad_request)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        if is_unavailable(exc):  # the database or the broker is away: 503 with Retry-After, as for the pages
            return service_unavailable(request)
        # Django's own signal and log line, as for any view: the test client re-raises, the admins get mail.
        got_request_exception.send(sender=None, request=request)
        response = answer(request, server_error_body(), 500)
        log_response("Internal Server Error: %s", request.path, response=response, request=request, exception=exc)
        return response


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_not_found(request, exception=None, **kwargs):
    """An address under /api/ that matches no operation (a mistyped path, an id that is not a number). As
    CommonMiddleware would without this catch-all, a GET of an operation's address without its final slash is
    redirected to it."""
    if settings.APPEND_SLASH and request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse(body(NotFound.default_message, NotFound.code), status=404,
                        json_dumps_params={"ensure_ascii": False})


def handler404(request, exception=None):
    from zhengxie.core.views.shell import custom_404

    return api_not_found(request) if is_api(request) else custom_404(request, exception)


def handler500(request):
    from zhengxie.core.views.shell import custom_500

    if is_api(request):
        return JsonResponse(server_error_body(), status=500, json_dumps_params={"ensure_ascii": False})
    return custom_500(request)
