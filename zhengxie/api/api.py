"""The HTTP API under /api/v1/: each app contributes a router from its own ``api.py``."""

from importlib import import_module

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from zhengxie.core.exceptions import DomainError

from .auth import AUTH

api = NinjaAPI(
    title="Zhengxie API",
    version="1",
    description=(
        "The HTTP API of Zhengxie (智慧政协). Authenticate with the browser session or with a personal access "
        "token (`Authorization: Bearer …`, created on the profile page). Calls act in one organisation: send "
        "`X-Organisation: <id>` to choose it (see `GET /me`). Errors come as `{detail, code, errors}`; "
        "`detail` is in the user's language."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(
        request, {"detail": str(exc.message), "code": exc.code, "errors": {str(k): v for k, v in exc.errors.items()}},
        status=exc.status,
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(request, {"detail": _("Log in or send a valid API token."), "code": "unauthorized", "errors": {}}, status=401)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = {}
    for error in exc.errors:
        location = ".".join(str(p) for p in error.get("loc", []) if p not in ("body", "payload"))
        errors.setdefault(location or "request", []).append(error.get("msg", ""))
    return api.create_response(request, {"detail": _("The request is not valid."), "code": "invalid", "errors": errors}, status=422)


# (app, mount prefix) — each module's ``router`` is a ninja Router.
ROUTERS = [
    ("core", "/"),
    ("proposals", "/proposals"),
    ("opinions", "/opinions"),
    ("duties", "/duties"),
    ("activities", "/activities"),
    ("outreach", "/outreach"),
    ("stats", "/stats"),
    ("search", "/search"),
]
for _app, _prefix in ROUTERS:
    api.add_router(_prefix, import_module(f"zhengxie.{_app}.api").router)
