"""The product's URLs and, for the benchmark only, a trivial JSON view behind the API's token authentication:
with it the cost of the list itself can be told apart from the cost of authenticating a request."""

from django.http import JsonResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as product
from zhengxie.api.auth import BearerToken

_bearer = BearerToken()


def ping(request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if _bearer.authenticate(request, token) is None:
        return JsonResponse({"detail": "unauthorized"}, status=401)
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ping", ping), *product]
