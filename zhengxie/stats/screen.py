"""The big screen (数据驾驶舱): the year's key figures, the months, the breakdown by organisation and the live items
(today's meetings and their attendance, overdue replies, reports adopted this week), as one JSON document that the
screen fetches again every minute. The same document for a logged-in reader and for a display token."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengxie.activities.choices import ActivityStatus
from zhengxie.activities.models import Activity
from zhengxie.opinions.choices import AdoptionKind
from zhengxie.opinions.models import Adoption
from zhengxie.proposals.choices import OPEN_TASK_STATES
from zhengxie.proposals.models import HandlingTask

from . import selectors
from .dashboard import monthly
from .formatting import shown
from .org_settings import LEADER_FIGURES
from .registry import figure, figures

TREND_FIGURES = ["proposals.received", "opinions.submitted", "activities.inspections", "outreach.concerns_solved"]
BREAKDOWN_FIGURE = "proposals.received"
LIVE_ROWS = 8


def _today_meetings(org_ids, today):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    rows = (Activity.objects.filter(organisation_id__in=org_ids, starts_at__gte=start,
                                    starts_at__lt=start + dt.timedelta(days=1))
            .exclude(status__in=[ActivityStatus.DRAFT, ActivityStatus.CANCELLED])
            .select_related("organisation").order_by("starts_at")
            .annotate(invited=Count("participants"),
                      present=Count("participants", filter=Q(participants__signed_in_at__isnull=False))))
    return [{"title": a.title, "organisation": a.organisation.short_name, "time": timezone.localtime(a.starts_at).strftime("%H:%M"),
             "location": a.location, "invited": a.invited, "present": a.present} for a in rows[:LIVE_ROWS]]


def _overdue(org_ids, today):
    qs = HandlingTask.objects.filter(organisation_id__in=org_ids, status__in=OPEN_TASK_STATES, due_on__lt=today)
    rows = qs.select_related("unit", "proposal").order_by("due_on")[:LIVE_ROWS]
    return qs.count(), [{"title": t.proposal.title, "unit": t.unit.name, "days": (today - t.due_on).days} for t in rows]


def _adopted_this_week(org_ids, today):
    since = today - dt.timedelta(days=today.weekday())
    qs = Adoption.objects.filter(organisation_id__in=org_ids, adopted_on__gte=since).exclude(kind=AdoptionKind.MEDIA)
    rows = qs.select_related("report", "organisation").order_by("-adopted_on", "-pk")[:LIVE_ROWS]
    return qs.count(), [{"title": a.report.title, "by": a.adopted_by, "on": a.adopted_on.isoformat()} for a in rows]


def screen_data(organisation) -> dict:
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), today
    scope = selectors.scope_for(organisation, start, end, descendants=True)
    known = {f.key for f in figures()}
    keys = [k for k in LEADER_FIGURES if k in known]
    values = selectors.compute(scope, keys + [k for k in TREND_FIGURES if k in known])
    trends = []
    for key in TREND_FIGURES:
        months = monthly(figure(key), scope) if key in known else None
        if months:
            trends.append({"key": key, "label": str(figure(key).label), "months": [m.month for m in months],
                           "values": list(months.values())})
    rows = selectors.breakdown(organisation, start, end, [BREAKDOWN_FIGURE]) if organisation.children.exists() else []
    overdue, overdue_rows = _overdue(scope.org_ids, today)
    adopted, adopted_rows = _adopted_this_week(scope.org_ids, today)
    return {
        "organisation": organisation.short_name, "year": today.year,
        "updated": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "figures": [{"key": k, "label": str(figure(k).label), "value": shown(values.get(k), figure(k)),
                     "unit": "" if figure(k).percent else str(figure(k).unit)} for k in keys],
        "trends": trends,
        "breakdown": {"label": str(figure(BREAKDOWN_FIGURE).label),
                      "names": [o.short_name for o, _v in rows[1:]], "values": [v.get(BREAKDOWN_FIGURE) for _o, v in rows[1:]]},
        "meetings": _today_meetings(scope.org_ids, today),
        "overdue": {"count": overdue, "rows": overdue_rows},
        "adopted": {"count": adopted, "rows": adopted_rows},
        "labels": {"meetings": _("Today's meetings"), "overdue": _("Overdue replies"),
                   "adopted": _("Reports adopted this week"), "trends": _("By month"),
                   "present": pgettext("big screen", "signed in"), "none": _("None"), "days": _("days overdue")},
    }
