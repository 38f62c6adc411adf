"""Calendar pages: month and week views (mine or the organisation's) and the member's iCalendar feed."""

import calendar as pycalendar
import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.views.common import organisation_required

from .. import selectors
from ..choices import ActivityType
from ..ical import calendar_text
from ..models import CalendarFeed
from ..services import calendar as services


def _day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(first, dt.time.min, tzinfo=tz),
            dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


@organisation_required
def calendar_view(request):
    org = request.organisation
    view = "week" if request.GET.get("view") == "week" else "month"
    has_seat = core_permissions.current_member(request.user, org) is not None
    scope = request.GET.get("scope") or ("mine" if has_seat else "org")
    mine = scope == "mine" and has_seat
    day = _day(request.GET.get("date"))
    if view == "month":
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
        previous = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        monday = day - dt.timedelta(days=day.weekday())
        weeks = [[monday + dt.timedelta(days=i) for i in range(7)]]
        previous, following = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    start, end = _bounds(weeks[0][0], weeks[-1][-1])
    activities = list(selectors.calendar_activities(request.user, org, start, end, mine=mine))
    by_day: dict[dt.date, list] = {}
    for a in activities:
        a.colour = ActivityType.tone_of(a.type)
        first = max(timezone.localtime(a.starts_at).date(), weeks[0][0])
        last = min(timezone.localtime(a.ends_at - dt.timedelta(seconds=1)).date(), weeks[-1][-1])
        current = first
        while current <= last:
            by_day.setdefault(current, []).append(a)
            current += dt.timedelta(days=1)
    grid = [[{"date": d, "items": by_day.get(d, []), "outside": view == "month" and d.month != day.month}
             for d in week] for week in weeks]
    return render(request, "activities/calendar.html", {
        "view": view, "scope": "mine" if mine else "org", "has_seat": has_seat, "day": day, "grid": grid,
        "previous": previous, "following": following, "today": timezone.localdate(),
        # the phone's list: the month itself (the grid's first and last weeks reach into the months around it)
        "activities": [a for a in activities if view == "week" or _touches_month(a, day)],
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        "feed": CalendarFeed.objects.filter(user=request.user).first(),
    })


def _touches_month(activity, day) -> bool:
    first = timezone.localtime(activity.starts_at).date()
    last = timezone.localtime(activity.ends_at - dt.timedelta(seconds=1)).date()
    return (first.year, first.month) <= (day.year, day.month) <= (last.year, last.month)


@organisation_required
@require_POST
def feed_manage(request):
    action = request.POST.get("action")
    if action == "revoke":
        services.feed_revoke(user=request.user)
    elif action == "regenerate":
        services.feed_regenerate(user=request.user)
    else:
        services.feed_get_or_create(user=request.user)
    return redirect(f"{request.POST.get('next') or '/activities/calendar/'}#feed")


def feed_ics(request, token):
    """The secret feed a phone's calendar subscribes to (no login: the URL is the key)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    participations = selectors.feed_participations(feed.user, now - dt.timedelta(days=90))
    body = calendar_text(participations, name=_("CPPCC activities"), now=now, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="zhengxie.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
