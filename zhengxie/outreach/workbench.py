"""Navigation entries and to-do items of the outreach app."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors


def _org(request):
    return getattr(request, "organisation", None)


register_nav(NavItem(
    key="outreach", label=_("Members and the public"), url_name="outreach:index", icon="house-heart", order=60,
    prefix="/outreach/",
    visible=lambda request: permissions.can_view_concerns(request.user, _org(request)),
))


@todo_provider
def outreach_todos(request):
    org = _org(request)
    if org is None or not request.user.is_authenticated:
        return
    counts = selectors.todo_counts(request.user, org)
    concerns = reverse("outreach:concern_list")
    if counts.get("mine"):
        n = counts["mine"]
        yield TodoItem(label=ngettext("%(n)d constituent's concern waits for you", "%(n)d constituents' concerns wait for you", n) % {"n": n},
                       count=n, url=f"{concerns}?status=handling", priority=20, icon="chat-heart")
    if counts.get("at_my_places"):
        n = counts["at_my_places"]
        yield TodoItem(label=ngettext("%(n)d new concern waits at your places", "%(n)d new concerns wait at your places", n) % {"n": n},
                       count=n, url=f"{concerns}?status=submitted", priority=20, icon="chat-heart", tone="warning")
    if counts.get("unrouted"):
        n = counts["unrouted"]
        yield TodoItem(label=ngettext("%(n)d concern waits to be routed", "%(n)d concerns wait to be routed", n) % {"n": n},
                       count=n, url=f"{concerns}?status=submitted", priority=25, icon="signpost-split", tone="warning")
    if counts.get("overdue"):
        n = counts["overdue"]
        yield TodoItem(label=ngettext("%(n)d concern is overdue at a unit", "%(n)d concerns are overdue at units", n) % {"n": n},
                       count=n, url=f"{concerns}?overdue=on", priority=15, icon="alarm", tone="danger")
    if counts.get("unit"):
        n = counts["unit"]
        yield TodoItem(label=ngettext("%(n)d constituent's concern to answer", "%(n)d constituents' concerns to answer", n) % {"n": n},
                       count=n, url=f"{concerns}?status=at_unit", priority=20, icon="chat-heart")
