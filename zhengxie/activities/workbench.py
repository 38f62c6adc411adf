"""The activities app in the workbench: its navigation entry and to-do items for members and staff."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from zhengxie.core import permissions as core_permissions
from zhengxie.core.choices import Role
from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions, selectors
from .choices import ActivityStatus, Response


def _org(request):
    return getattr(request, "organisation", None)


def _activities_visible(request) -> bool:
    """Not for the three administrators (三员): no activity is theirs to open."""
    org = _org(request)
    return org is not None and not core_permissions.only_administers(request.user, org)


register_nav(NavItem(key="activities", label=pgettext_lazy("navigation", "Activities"), url_name="activities:list", icon="calendar-event",
                     order=40, prefix="/activities/", visible=_activities_visible))


@todo_provider
def activity_todos(request):
    org = _org(request)
    if org is None or not request.user.is_authenticated:
        return
    now = timezone.now()
    if core_permissions.current_member(request.user, org) is not None:
        mine = selectors.my_participations(request.user, org).filter(
            activity__status=ActivityStatus.PUBLISHED, activity__ends_at__gte=now)
        unanswered = mine.filter(response=Response.INVITED).count()
        yield TodoItem(label=gettext("%(n)d notices wait for your answer") % {"n": unanswered}, count=unanswered,
                       url=reverse("activities:list"), priority=5, icon="envelope-open", tone="danger")
        signing = mine.filter(activity__signin_opens_at__lte=now, activity__signin_closes_at__gte=now,
                              signed_in_at__isnull=True).count()
        yield TodoItem(label=gettext("%(n)d activities are open for sign-in now") % {"n": signing}, count=signing,
                       url=reverse("activities:list"), priority=4, icon="qr-code-scan", tone="success")
    if permissions.can_organise(request.user, org):
        # The general office and administrators answer for every activity; other organisers (the proposal or
        # information office, committee staff, leaders) for those they created.
        everything = core_permissions.has_role(request.user, org, Role.GENERAL_OFFICE, Role.ADMINISTRATOR)
        waiting = selectors.leave_requests_waiting(org)
        leave = (waiting if everything else waiting.filter(activity__created_by=request.user)).count()
        yield TodoItem(label=gettext("%(n)d leave requests wait for a decision") % {"n": leave}, count=leave,
                       url=reverse("activities:list") + "?status=published", priority=10, icon="person-dash",
                       tone="warning")
        past = selectors.activities_visible_to(request.user, org).filter(status=ActivityStatus.PUBLISHED, ends_at__lt=now)
        to_close = (past if everything else past.filter(created_by=request.user)).count()
        yield TodoItem(label=gettext("%(n)d past activities wait for attendance to be closed") % {"n": to_close},
                       count=to_close, url=reverse("activities:list") + "?status=published", priority=30,
                       icon="check2-all", tone="primary")
