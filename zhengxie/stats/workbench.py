from django.utils.translation import gettext_lazy as _

from zhengxie.core.registry import NavItem, register_nav

from .permissions import can_view_stats

register_nav(NavItem(key="stats", label=_("Statistics"), url_name="stats:dashboard", icon="bar-chart", order=70,
                     prefix="/stats/", visible=lambda request: can_view_stats(request.user, getattr(request, "organisation", None))))
