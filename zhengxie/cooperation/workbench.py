"""The cooperation app in the shell: the offices' entry (experts, alliances, joint activities), the experts' own
entry (their invitations), and the to-do items: invitations an expert has to answer, joint activities where the
office's own part is not set up yet."""

from django.urls import reverse
from django.utils.translation import ngettext, pgettext_lazy

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors

register_nav(NavItem(
    key="cooperation", label=pgettext_lazy("navigation", "Think tank and cooperation"), url_name="cooperation:home",
    icon="diagram-3", order=37, prefix="/cooperation/",
    visible=lambda request: permissions.sees_cooperation(request.user, getattr(request, "organisation", None)),
))
register_nav(NavItem(
    key="cooperation_mine", label=pgettext_lazy("navigation", "My invitations"), url_name="cooperation:my_invitations",
    icon="envelope-open", order=38, prefix="/cooperation/",
    visible=lambda request: permissions.is_expert(request.user, getattr(request, "organisation", None)),
))


@todo_provider
def cooperation_todos(request):
    user, org = request.user, getattr(request, "organisation", None)
    if org is None:
        return
    if permissions.is_expert(user, org):
        count = selectors.invitations_to_answer(user, org).count()
        yield TodoItem(label=ngettext("%(n)d invitation to answer", "%(n)d invitations to answer", count) % {"n": count},
                       count=count, url=reverse("cooperation:my_invitations"), priority=10, icon="envelope-open")
    if permissions.is_office(user, org):
        count = selectors.joints_without_my_activity(user, org).count()
        yield TodoItem(label=ngettext("%(n)d joint activity without your committee's activity",
                                      "%(n)d joint activities without your committee's activity", count) % {"n": count},
                       count=count, url=f"{reverse('cooperation:joint_list')}?status=planned", priority=40,
                       icon="diagram-3")
