from django.conf import settings

from . import permissions
from .choices import Role
from .models import Notification
from .registry import nav_items


def shell(request):
    """What the base layout needs: the active organisation, the ones to switch to, navigation, unread count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"LANGUAGES": settings.LANGUAGES}
    org = getattr(request, "organisation", None)
    return {
        "active_org": org,
        # From the roles read once for the request (the middleware did): no query of its own.
        "switchable_orgs": sorted(permissions.access_of(user).organisations.values(), key=lambda o: o.path),
        "nav": nav_items(request),
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "roles": permissions.roles_in(user, org),
        "role_labels": Role.choices,
    }
