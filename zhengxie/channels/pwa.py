"""The platform installable on a phone: the web app manifest, the service worker (served from the site's root so
that it may control every page) and the page it shows with no connection."""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

#: What the service worker keeps for a poor connection: the shell every page needs.
SHELL = ["vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap-icons/bootstrap-icons.min.css", "css/zhengxie.css",
         "css/channels.css", "vendor/bootstrap/bootstrap.bundle.min.js", "vendor/htmx/htmx.min.js", "js/zhengxie.js",
         "js/pwa.js", "img/emblem.svg", "img/app-192.png"]


@cache_control(max_age=3600)
def manifest(request):
    data = {
        "name": _("Smart CPPCC"), "short_name": _("Smart CPPCC"), "lang": request.LANGUAGE_CODE,
        "start_url": "/?source=app", "scope": "/", "id": "/", "display": "standalone",
        "orientation": "portrait", "background_color": "#f4f5f7", "theme_color": "#a4161a",
        "description": _("Proposals, reports, meetings and duty records of the CPPCC members"),
        "icons": [{"src": static("img/app-192.png"), "sizes": "192x192", "type": "image/png"},
                  {"src": static("img/app-512.png"), "sizes": "512x512", "type": "image/png"},
                  {"src": static("img/app-maskable-512.png"), "sizes": "512x512", "type": "image/png",
                   "purpose": "maskable"}],
        # Links to the platform (a sign-in QR code, a short link in an SMS) open in the installed app.
        "handle_links": "preferred", "launch_handler": {"client_mode": ["navigate-existing", "auto"]},
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


def shell_urls() -> list[str]:
    return [static(path) for path in SHELL]


@cache_control(no_cache=True)
def service_worker(request):
    urls = shell_urls()
    version = hashlib.sha256(("|".join(urls) + str(settings.DEBUG)).encode()).hexdigest()[:12]
    response = render(request, "channels/sw.js", {"version": version, "shell": json.dumps([*urls, "/offline/"])},
                      content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


def offline(request):
    """The page for a place never opened offline: the same for everyone (the worker caches it once, without
    cookies; drawn as for nobody logged in even when asked with a session)."""
    request.user, request.organisation = AnonymousUser(), None
    return render(request, "channels/offline.html")
