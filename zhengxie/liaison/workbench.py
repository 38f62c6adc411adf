"""The liaison app in the shell: its navigation entry and the to-do items of members (required reading, claimed
topics, contacts due a visit), of departments (questions to answer, overdue ones) and of the office (overdue
questions, suggested topics to decide, contacts due a visit)."""

from django.urls import reverse
from django.utils.translation import ngettext, pgettext_lazy

from zhengxie.core import permissions as core_permissions
from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors

register_nav(NavItem(
    key="liaison", label=pgettext_lazy("navigation", "Information"), url_name="liaison:home", icon="journal-text",
    order=35, prefix="/liaison/",
    visible=lambda request: permissions.can_use_information(request.user, getattr(request, "organisation", None)),
))


@todo_provider
def liaison_todos(request):
    user, org = request.user, getattr(request, "organisation", None)
    if org is None:
        return
    if permissions.can_ask(user, org):
        unread = selectors.unread_required(user, org).count()
        yield TodoItem(label=ngettext("%(n)d item of required reading to read", "%(n)d items of required reading to read",
                                      unread) % {"n": unread},
                       count=unread, url=f"{reverse('liaison:info_list')}?required=on", priority=25, icon="bookmark-star")
    questions = reverse("liaison:inquiry_list")
    if permissions.unit_ids(user, org):
        waiting = selectors.inquiries_to_answer(user, org)
        count = waiting.count()
        yield TodoItem(label=ngettext("%(n)d member's question to answer", "%(n)d members' questions to answer", count)
                       % {"n": count}, count=count, url=f"{questions}?tab=to_answer&status=asked", priority=15,
                       icon="question-circle")
        late = selectors.overdue_inquiries(user, org).filter(unit_id__in=permissions.unit_ids(user, org)).count()
        yield TodoItem(label=ngettext("%(n)d question past its due date", "%(n)d questions past their due date", late)
                       % {"n": late}, count=late, url=f"{questions}?tab=to_answer&status=overdue", priority=5,
                       icon="alarm", tone="danger")
    if permissions.is_office(user, org):
        late = selectors.overdue_inquiries(user, org).count()
        yield TodoItem(label=ngettext("%(n)d question to a department is overdue",
                                      "%(n)d questions to departments are overdue", late) % {"n": late},
                       count=late, url=f"{questions}?tab=all&status=overdue", priority=30, icon="alarm", tone="warning")


@todo_provider
def topic_and_contact_todos(request):
    """Proposal topics: the member's claimed topics with no proposal yet, the office's suggestions to decide.
    Contact duties: contacts due a visit (the member's own; every one for the general office)."""
    user, org = request.user, getattr(request, "organisation", None)
    if org is None:
        return
    topics = reverse("liaison:topic_list")
    if permissions.can_follow_topics(user, org):
        claimed = selectors.claimed_unanswered(user, org).count()
        yield TodoItem(label=ngettext("%(n)d claimed topic waits for your proposal",
                                      "%(n)d claimed topics wait for your proposal", claimed) % {"n": claimed},
                       count=claimed, url=f"{topics}?tab=mine", priority=40, icon="lightbulb")
    if permissions.manages_topics(user, org):
        waiting = selectors.topics_to_decide(user, org).count()
        yield TodoItem(label=ngettext("%(n)d suggested topic to accept or decline",
                                      "%(n)d suggested topics to accept or decline", waiting) % {"n": waiting},
                       count=waiting, url=f"{topics}?tab=suggestions&status=suggested", priority=35, icon="lightbulb")
    is_member = core_permissions.current_member(user, org) is not None
    if is_member or permissions.manages_contacts(user, org):
        count = selectors.overdue_contacts(user, org).count()
        tab = "all" if permissions.manages_contacts(user, org) else "mine"
        yield TodoItem(label=ngettext("%(n)d contact is due a visit", "%(n)d contacts are due a visit", count)
                       % {"n": count}, count=count, url=f"{reverse('liaison:assignment_list')}?tab={tab}",
                       priority=38, icon="people", tone="warning")
