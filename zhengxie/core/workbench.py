"""The core app's navigation entries."""

from django.utils.translation import gettext_lazy as _

from . import permissions
from .registry import NavItem, register_nav


def _org(request):
    return getattr(request, "organisation", None)


register_nav(NavItem(key="workbench", label=_("Workbench"), url_name="core:workbench", icon="grid", order=0))
register_nav(
    NavItem(key="members", label=_("Members"), url_name="core:member_list", icon="people", order=80, prefix="/members/",
            visible=lambda request: permissions.can_view_members(request.user, _org(request)))
)
register_nav(
    NavItem(key="manage", label=_("Administration"), url_name="core:manage", icon="gear", order=900, prefix="/manage/",
            visible=lambda request: permissions.is_any_admin_of(request.user, _org(request)))
)
