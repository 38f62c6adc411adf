"""Background tasks of the activities app: the day-before reminders and handing in expired contest attempts.

Both are idempotent and run daily (``manage.py activities_daily``, e.g. from cron at 09:00)."""

import datetime as dt

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.selectors import users_of_members
from zhengxie.core.services import notify

from .choices import ActivityStatus, Response
from .models import Activity, Participant


@task()
def send_activity_reminders(day: str | None = None) -> int:
    """Remind every participant who has not declined or been excused of the activities of ``day`` (ISO date;
    default: tomorrow). Each participant is reminded once."""
    target = dt.date.fromisoformat(day) if day else timezone.localdate() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(target, dt.time.min, tzinfo=tz)
    activities = Activity.objects.filter(status=ActivityStatus.PUBLISHED, starts_at__gte=start,
                                         starts_at__lt=start + dt.timedelta(days=1)).select_related("organisation")
    reminded = 0
    for activity in activities:
        with transaction.atomic():
            due = list(Participant.objects.select_for_update().filter(activity=activity, reminded_at__isnull=True)
                       .exclude(response__in=[Response.DECLINED, Response.LEAVE_APPROVED]))
            if not due:
                continue
            notify(recipients=users_of_members(p.member_id for p in due), organisation=activity.organisation,
                   code="activities.activity.reminder", title=_("Tomorrow: %(title)s at %(time)s, %(place)s"),
                   params={"title": activity.title, "time": timezone.localtime(activity.starts_at).strftime("%H:%M"),
                           "place": activity.location or "—"},
                   url=reverse("activities:detail", args=[activity.pk]), obj=activity)
            Participant.objects.filter(pk__in=[p.pk for p in due]).update(reminded_at=timezone.now())
            reminded += len(due)
    return reminded


@task()
def finalise_expired_attempts() -> int:
    from .services.contests import attempts_finalise_expired

    return attempts_finalise_expired()
