"""Building blocks for the activities tests."""

import datetime as dt

from django.utils import timezone

from zhengxie.activities.choices import ActivityStatus, ActivityType, MeetingType
from zhengxie.activities.models import Activity, Participant


def make_activity(organisation, *, status=ActivityStatus.PUBLISHED, type=ActivityType.MEETING,
                  meeting_type=MeetingType.STANDING, starts_in=dt.timedelta(minutes=10), hours=2, members=(),
                  created_by=None, **fields) -> Activity:
    """An activity starting ``starts_in`` from now, with sign-in open from an hour before until the end."""
    starts = timezone.now() + starts_in
    ends = starts + dt.timedelta(hours=hours)
    activity = Activity.objects.create(
        organisation=organisation, type=type, meeting_type=meeting_type if type == ActivityType.MEETING else "",
        title=fields.pop("title", "常委会会议"), location=fields.pop("location", "政协三楼会议室"), starts_at=starts,
        ends_at=ends, signin_opens_at=fields.pop("signin_opens_at", starts - dt.timedelta(hours=1)),
        signin_closes_at=fields.pop("signin_closes_at", ends), status=status, created_by=created_by, **fields)
    Participant.objects.bulk_create([Participant(activity=activity, member=m) for m in members])
    return activity


def participant(activity, member) -> Participant:
    return Participant.objects.select_related("activity__organisation", "member__person").get(activity=activity,
                                                                                               member=member)
