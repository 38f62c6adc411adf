"""Per-request context: the active organisation, and the client's address for the audit log."""

from .context import ip_of, request_ip
from .models import Organisation
from .permissions import organisations_of

SESSION_KEY = "zx_active_org"


def choose_organisation(request) -> Organisation | None:
    """The organisation the user works in now: the one chosen in the header, else their default, else the
    highest of theirs. Never one the user has no role or seat in."""
    user = request.user
    if not user.is_authenticated:
        return None
    available = organisations_of(user)
    wanted = request.session.get(SESSION_KEY) or user.default_organisation_id
    if wanted:
        org = available.filter(pk=wanted).first()
        if org:
            return org
    return available.first()


class ActiveOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = choose_organisation(request)
        with request_ip(ip_of(request)):
            return self.get_response(request)
