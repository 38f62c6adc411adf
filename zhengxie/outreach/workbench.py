"""Navigation entries and to-do items of the outreach app."""

from django.urls import reverse
from django.utils.translation import ngettext_lazy, pgettext_lazy

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors


def _org(request):
    return getattr(request, "organisation", None)


register_nav(NavItem(
    key="outreach", label=pgettext_lazy("navigation", "Outreach"), url_name="outreach:index", icon="house-heart", order=60,
    prefix="/outreach/",
    visible=lambda request: permissions.can_view_concerns(request.user, _org(request)),
))


#: (count key, label, list filter, priority, icon, tone): the counts come from selectors.todo_counts.
TODOS = [
    ("mine", ngettext_lazy("%(n)d constituent's concern waits for you", "%(n)d constituents' concerns wait for you", "n"),
     "status=handling", 20, "chat-heart", "primary"),
    ("at_my_places", ngettext_lazy("%(n)d new concern waits at your places", "%(n)d new concerns wait at your places", "n"),
     "status=submitted", 20, "chat-heart", "warning"),
    ("unrouted", ngettext_lazy("%(n)d concern waits to be routed", "%(n)d concerns wait to be routed", "n"),
     "status=submitted", 25, "signpost-split", "warning"),
    ("overdue", ngettext_lazy("%(n)d concern is overdue at a unit", "%(n)d concerns are overdue at units", "n"),
     "overdue=on", 15, "alarm", "danger"),
    ("unit", ngettext_lazy("%(n)d constituent's concern to answer", "%(n)d constituents' concerns to answer", "n"),
     "status=at_unit", 20, "chat-heart", "primary"),
]


@todo_provider
def outreach_todos(request):
    org = _org(request)
    if org is None or not request.user.is_authenticated:
        return
    counts = selectors.todo_counts(request.user, org)
    concerns = reverse("outreach:concern_list")
    for key, label, query, priority, icon, tone in TODOS:
        n = counts.get(key, 0)
        if n:
            yield TodoItem(label=label % {"n": n}, count=n, url=f"{concerns}?{query}", priority=priority, icon=icon,
                           tone=tone)
