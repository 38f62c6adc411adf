import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhengxie.core import permissions
from zhengxie.core.choices import Role
from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import selectors
from .permissions import can_manage_displays, can_view_stats

register_nav(NavItem(key="stats", label=_("Statistics"), url_name="stats:dashboard", icon="bar-chart", order=70,
                     prefix="/stats/", visible=lambda request: can_view_stats(request.user, getattr(request, "organisation", None))))



def _is_member(request) -> bool:
    org = getattr(request, "organisation", None)
    return org is not None and permissions.current_member(request.user, org) is not None


def _writes_summaries(request) -> bool:
    org = getattr(request, "organisation", None)
    return org is not None and permissions.has_role(request.user, org, Role.GENERAL_OFFICE, Role.LEADER)


register_nav(NavItem(key="stats_my_summary", label=_("My duty summary"), url_name="stats:my_summary",
                     icon="person-lines-fill", order=71, prefix="/stats/summary/mine/", visible=_is_member))
register_nav(NavItem(key="stats_summary", label=_("Annual work summary"), url_name="stats:summary",
                     icon="file-earmark-text", order=72, prefix="/stats/summary/", visible=_writes_summaries))

SUMMARY_MONTHS = (1, 2, 3)  # the months in which last year's work summary is written


@todo_provider
def stats_todos(request):
    user, org = request.user, getattr(request, "organisation", None)
    if org is None or not getattr(user, "is_authenticated", False):
        return
    if can_manage_displays(user, org):
        idle = selectors.display_tokens_of(org, idle=True).count()
        yield TodoItem(label=ngettext(
            "%(n)d display token not used for %(days)d days: revoke it if the display has gone",
            "%(n)d display tokens not used for %(days)d days: revoke them if the displays have gone", idle)
            % {"n": idle, "days": selectors.IDLE_DAYS},
            count=idle, url=f"{reverse('stats:tokens')}?idle=1", priority=70, icon="display", tone="warning")
    today = timezone.localdate()
    if today.month in SUMMARY_MONTHS and permissions.has_role(user, org, Role.GENERAL_OFFICE, Role.LEADER):
        year = today.year - 1
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        yield TodoItem(label=_("The work summary of %(year)d: choose its sections and highlights, then make the Word "
                               "file") % {"year": year},
                       count=1, url=f"{reverse('stats:summary')}?start={start}&end={end}", priority=60,
                       icon="file-earmark-word")
