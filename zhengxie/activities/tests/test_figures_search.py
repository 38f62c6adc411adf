"""The app's statistics figures and its entries in the full-text search."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.activities.choices import ActivityStatus, ActivityType, Outcome, ReportStatus
from zhengxie.activities.models import OutcomeReport, Participant, Speech
from zhengxie.stats.registry import Scope, figure

from .factories import make_activity


def scope(org):
    today = timezone.localdate()
    return Scope(org_ids=(org.pk,), start=today.replace(month=1, day=1), end=today)


@pytest.mark.django_db
def test_figures_count_what_was_done(world):
    seats = [world.members[k] for k in ("city_member", "city_member2")]
    past = -dt.timedelta(hours=5)
    study = make_activity(world.city, type=ActivityType.STUDY, status=ActivityStatus.CLOSED, members=seats, starts_in=past)
    make_activity(world.city, type=ActivityType.STUDY, status=ActivityStatus.CANCELLED, starts_in=past)
    inspection = make_activity(world.city, type=ActivityType.INSPECTION, status=ActivityStatus.CLOSED, starts_in=past)
    make_activity(world.city2, type=ActivityType.INSPECTION, status=ActivityStatus.CLOSED, starts_in=past)
    meeting = make_activity(world.city, status=ActivityStatus.CLOSED, members=seats, starts_in=past)
    Participant.objects.filter(activity=meeting, member=seats[0]).update(outcome=Outcome.ATTENDED)
    Participant.objects.filter(activity=meeting, member=seats[1]).update(outcome=Outcome.ABSENT)
    Speech.objects.bulk_create([Speech(activity=study, member=s, title="交流发言") for s in seats])
    OutcomeReport.objects.create(organisation=world.city, activity=inspection, kind="inspection", title="视察报告",
                                 body="…", suggestion_count=4, status=ReportStatus.ADOPTED, adopted_at=timezone.now())
    s = scope(world.city)
    assert figure("activities.study_sessions").compute(s) == 1
    assert figure("activities.study_speakers").compute(s) == 2
    assert figure("activities.inspections").compute(s) == 1
    assert figure("activities.suggestions_adopted").compute(s) == 4
    assert figure("activities.meeting_attendance").compute(s) == 50.0
    assert figure("activities.inspections").compute(scope(world.city2)) == 1


@pytest.mark.django_db(transaction=True)
def test_search_finds_activities_only_for_who_may_see_them(world):
    from zhengxie.search.selectors import search
    from zhengxie.search.services import reindex

    invited = make_activity(world.city, members=[world.members["city_member"]], title="关于苹果产业提质增效的调研",
                            type=ActivityType.RESEARCH)
    reindex()
    assert [h.obj for h in search(world.city_member, world.city, "苹果产业")] == [invited]
    assert search(world.city_member2, world.city, "苹果产业") == []
    assert [h.obj for h in search(world.city_office, world.city, "苹果产业")] == [invited]
    assert search(world.city2_office, world.city2, "苹果产业") == []
