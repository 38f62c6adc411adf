"""API authentication: the browser session (with CSRF) or a personal access token (``Authorization: Bearer``)."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from zhengxie.core.models import ApiToken


class BearerToken(HttpBearer):
    openapi_description = "A personal access token created on the profile page: `Authorization: Bearer zx_…`"

    def authenticate(self, request, token):
        if not token:
            return None
        found = ApiToken.objects.usable().select_related("user").filter(digest=ApiToken.digest_of(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        # Touch at most once a minute: a busy mobile client should not write on every request.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found.user


class Session(SessionAuth):
    openapi_description = "The browser session of a logged-in user; unsafe methods need the CSRF token."


AUTH = [BearerToken(), Session(csrf=True)]
