"""The product's URLs and, for the benchmark only, a trivial JSON view behind the product's authentication (the
browser session through the whole middleware stack, or the API's token): with it the cost of the list itself can be
told apart from the cost of serving an authenticated request at all."""

from django.http import JsonResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as product
from zhengxie.api.auth import BearerToken

_bearer = BearerToken()


def ping(request):
    """{"ok": true} for a logged-in session or a valid ``Authorization: Bearer`` token; 401 otherwise."""
    header = request.headers.get("Authorization", "")
    if header:
        if _bearer.authenticate(request, header.removeprefix("Bearer ").strip()) is None:
            return JsonResponse({"detail": "unauthorized"}, status=401)
    elif not request.user.is_authenticated:
        return JsonResponse({"detail": "unauthorized"}, status=401)
    return JsonResponse({"ok": True, "user": request.user.pk})


urlpatterns = [path("bench/ping", ping), *product]
