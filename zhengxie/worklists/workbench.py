"""The work lists app in the shell: its navigation entry and the to-do items of each role (counts from the same
selector as the lists they open)."""

from django.urls import reverse
from django.utils.translation import ngettext, pgettext_lazy

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors

register_nav(NavItem(
    key="worklists", label=pgettext_lazy("navigation", "Work lists"), url_name="worklists:home", icon="list-check",
    order=45, prefix="/worklists/",
    visible=lambda request: permissions.can_use(request.user, getattr(request, "organisation", None)),
))


@todo_provider
def worklist_todos(request):
    user, org = request.user, getattr(request, "organisation", None)
    if org is None or not getattr(user, "is_authenticated", False):
        return
    # Those who keep, grasp or report on items (a member following a promise sees it on the proposal's page).
    if not permissions.can_use(user, org):
        return
    counts = selectors.todo_counts(user, org)
    assigned = reverse("worklists:assigned")
    if permissions.sees_all(user, org):
        n = counts["overdue"]
        yield TodoItem(label=ngettext("%(n)d work item is overdue", "%(n)d work items are overdue", n) % {"n": n},
                       count=n, url=reverse("worklists:overdue"), priority=15, icon="alarm", tone="danger")
    else:
        n = counts["overdue"]
        yield TodoItem(label=ngettext("%(n)d of your work items is overdue", "%(n)d of your work items are overdue",
                                      n) % {"n": n},
                       count=n, url=f"{assigned}?show=overdue", priority=14, icon="alarm", tone="danger")
    if permissions.is_leader(user, org):
        n = counts["grasped_late"]
        yield TodoItem(label=ngettext("%(n)d item you grasp is late", "%(n)d items you grasp are late", n) % {"n": n},
                       count=n, url=reverse("worklists:grasped"), priority=12, icon="flag", tone="danger")
    n = counts["due_soon"]
    yield TodoItem(label=ngettext("%(n)d work item is due within 14 days", "%(n)d work items are due within 14 days",
                                  n) % {"n": n},
                   count=n, url=f"{assigned}?show=due_soon", priority=30, icon="calendar-event", tone="warning")
    if not permissions.sees_all(user, org):
        n = counts["reports_due"]
        yield TodoItem(label=ngettext("%(n)d work item waits for your progress report",
                                      "%(n)d work items wait for your progress report", n) % {"n": n},
                       count=n, url=f"{assigned}?show=reports_due", priority=25, icon="clipboard-check",
                       tone="warning")
