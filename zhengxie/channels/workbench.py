"""Navigation entry and to-do item of the channels app."""

from django.urls import reverse
from django.utils.translation import ngettext_lazy, pgettext_lazy

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors


def _org(request):
    return getattr(request, "organisation", None)


register_nav(NavItem(
    key="channels", label=pgettext_lazy("navigation", "Deliveries"), url_name="channels:deliveries",
    icon="send-check", order=85, prefix="/channels/",
    visible=lambda request: permissions.can_view_deliveries(request.user, _org(request)),
))

GAVE_UP = ngettext_lazy("%(n)d notice could not be delivered this week", "%(n)d notices could not be delivered "
                        "this week", "n")


@todo_provider
def channels_todos(request):
    org = _org(request)
    if org is None or not request.user.is_authenticated or not permissions.can_view_deliveries(request.user, org):
        return
    n = selectors.failing_count(request.user, org)
    if n:
        yield TodoItem(label=GAVE_UP % {"n": n}, count=n, url=reverse("channels:deliveries") + "?status=gave_up&week=1",
                       priority=40, icon="send-x", tone="warning")
