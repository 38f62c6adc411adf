"""The HTTP API under /api/v1/: each app contributes a router from its own ``api.py``."""

from importlib import import_module

from ninja import NinjaAPI

from . import errors
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


errors.install(api)


# (app, mount prefix) — each module's ``router`` is a ninja Router.
ROUTERS = [
    ("core", "/"),
    ("proposals", "/proposals"),
    ("opinions", "/opinions"),
    ("duties", "/duties"),
    ("activities", "/activities"),
    ("outreach", "/outreach"),
    ("liaison", "/liaison"),
    ("cooperation", "/cooperation"),
    ("worklists", "/worklists"),
    ("stats", "/stats"),
    ("search", "/search"),
    ("channels", "/channels"),
]
for _app, _prefix in ROUTERS:
    api.add_router(_prefix, import_module(f"zhengxie.{_app}.api").router)
