"""The opinions app in the shell: its navigation entry and the to-do items of the information office and the
leaders."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext, pgettext_lazy

from zhengxie.core.registry import NavItem, TodoItem, register_nav, todo_provider

from . import permissions
from .choices import BulletinStatus, ReportStatus
from .models import BulletinIssue, Report

register_nav(NavItem(
    key="opinions", label=pgettext_lazy("navigation", "Opinion reports"), url_name="opinions:home", icon="megaphone", order=30,
    prefix="/opinions/",
    visible=lambda request: permissions.can_use_reports(request.user, getattr(request, "organisation", None)),
))


@todo_provider
def opinion_todos(request):
    user, org = request.user, getattr(request, "organisation", None)
    if org is None:
        return
    queue = reverse("opinions:queue")
    if permissions.is_information_office(user, org):
        counts = Report.objects.filter(organisation=org).aggregate(
            received=Count("pk", filter=Q(status=ReportStatus.RECEIVED)),
            accepted=Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
            edited=Count("pk", filter=Q(status=ReportStatus.EDITED)),
        )
        yield TodoItem(label=ngettext("%(n)d public-opinion report waits to be handled",
                                      "%(n)d public-opinion reports wait to be handled", counts["received"])
                       % {"n": counts["received"]},
                       count=counts["received"], url=f"{queue}?status={ReportStatus.RECEIVED}", priority=20,
                       icon="megaphone")
        yield TodoItem(label=ngettext("%(n)d accepted report waits to be edited",
                                      "%(n)d accepted reports wait to be edited", counts["accepted"])
                       % {"n": counts["accepted"]},
                       count=counts["accepted"], url=f"{queue}?status={ReportStatus.ACCEPTED}", priority=21,
                       icon="pencil")
        yield TodoItem(label=ngettext("%(n)d edited report waits for a bulletin issue",
                                      "%(n)d edited reports wait for a bulletin issue", counts["edited"])
                       % {"n": counts["edited"]},
                       count=counts["edited"], url=f"{queue}?status={ReportStatus.EDITED}", priority=22,
                       icon="journal-plus")
    if permissions.is_leader(user, org):
        pending = BulletinIssue.objects.filter(organisation=org, status=BulletinStatus.PENDING).count()
        yield TodoItem(label=ngettext("%(n)d bulletin issue awaits your sign-off",
                                      "%(n)d bulletin issues await your sign-off", pending) % {"n": pending},
                       count=pending,
                       url=reverse("opinions:bulletin_list"), priority=10, icon="pen", tone="danger")
