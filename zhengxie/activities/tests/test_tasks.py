"""The daily job: day-before reminders (once per participant) and handing in expired attempts; the iCalendar text."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhengxie.activities.choices import ActivityStatus, Response
from zhengxie.activities.ical import calendar_text
from zhengxie.activities.models import Participant
from zhengxie.activities.tasks import send_activity_reminders
from zhengxie.core.models import Notification

from .factories import make_activity

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_those_still_coming(world):
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    start = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    seats = [world.members[k] for k in ("city_member", "city_member2", "city_member3")]
    activity = make_activity(world.city, members=seats, starts_in=start - timezone.now())
    Participant.objects.filter(activity=activity, member=seats[1]).update(response=Response.LEAVE_APPROVED)
    make_activity(world.city, members=seats, starts_in=dt.timedelta(days=3))  # not tomorrow
    make_activity(world.city, members=seats, status=ActivityStatus.DRAFT, starts_in=start - timezone.now())
    assert send_activity_reminders.call() == 2
    reminded = set(Notification.objects.filter(code="activities.activity.reminder").values_list("recipient__username", flat=True))
    assert reminded == {"city_member", "city_member3"}
    assert send_activity_reminders.call() == 0  # idempotent


def test_the_daily_command_runs_both(world, capsys):
    call_command("activities_daily", "--now")
    assert "reminded 0 participants" in capsys.readouterr().out


def test_ical_escapes_folds_and_cancels(world):
    activity = make_activity(world.city, members=[world.members["city_member"]], title="Standing committee; agenda, item one " * 4,
                             status=ActivityStatus.CANCELLED)
    text = calendar_text(Participant.objects.select_related("activity").filter(activity=activity), name="日程",
                         now=timezone.now())
    assert "STATUS:CANCELLED" in text and "\\;" in text and "\\," in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "BEGIN:VALARM" not in text


def test_the_feed_links_to_the_address_being_served_not_a_fixed_port(world, live_server, settings):
    """Absolute links come from SITE_URL or the request: a server on another port gets links to that port."""
    import urllib.request

    from django.urls import reverse

    from zhengxie.activities.services.calendar import feed_get_or_create

    settings.SITE_URL = ""
    activity = make_activity(world.city, members=[world.members["city_member"]], starts_in=dt.timedelta(days=2))
    feed = feed_get_or_create(user=world.city_member)
    with urllib.request.urlopen(live_server.url + reverse("activities:feed_ics", args=[feed.token])) as response:
        text = response.read().decode()
    assert f"URL:{live_server.url}/activities/{activity.pk}/" in text.replace("\r\n ", "")
    assert ":8000" not in live_server.url and ":8000/" not in text
    settings.SITE_URL = "https://zx.example.gov.cn"
    with urllib.request.urlopen(live_server.url + reverse("activities:feed_ics", args=[feed.token])) as response:
        assert f"URL:https://zx.example.gov.cn/activities/{activity.pk}/" in response.read().decode().replace("\r\n ", "")
