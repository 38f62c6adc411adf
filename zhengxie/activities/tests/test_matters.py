"""The kinds of work the seed reports (宣讲, 信访接待, 现场办公, 座谈会, Party study), matters helped and solved at an
activity, and research reports led by a member of the chair's council: services, duty events, figures, pages."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.activities.choices import ActivityStatus, ActivityType, MatterStatus
from zhengxie.activities.services import matters as services
from zhengxie.activities.services import outcomes
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.duties.models import DutyEvent
from zhengxie.stats.registry import Scope, figure

from .factories import make_activity

pytestmark = pytest.mark.django_db


def scope(org):
    today = timezone.localdate()
    return Scope(org_ids=(org.pk,), start=today.replace(month=1, day=1), end=today)


def test_a_matter_is_recorded_solved_and_reopened_with_its_duty_event(world):
    reception = make_activity(world.city, type=ActivityType.PETITION, status=ActivityStatus.CLOSED,
                              starts_in=-dt.timedelta(hours=4), title="信访接待日")
    seat = world.members["city_member"]
    matter = services.matter_record(actor=world.city_office, activity=reception, description="村道路灯损坏",
                                    raised_by="村民", member=seat)
    assert figure("activities.petitions").compute(scope(world.city)) == 1
    assert figure("activities.matters_solved").compute(scope(world.city)) == 0
    matter = services.matter_solve(actor=world.city_office, matter=matter, result="协调乡镇已修复", version=matter.version)
    assert matter.status == MatterStatus.SOLVED
    assert figure("activities.matters_solved").compute(scope(world.city)) == 1
    event = DutyEvent.objects.get(member=seat, kind="concern_handled")
    assert event.attributes["activity_type"] == "petition" and event.retracted_at is None
    services.matter_reopen(actor=world.city_office, matter=matter, version=matter.version)
    assert figure("activities.matters_solved").compute(scope(world.city)) == 0
    assert DutyEvent.objects.get(pk=event.pk).retracted_at is not None
    assert reception.history.filter(action__in=["solve", "reopen"]).count() == 2


def test_matters_are_refused_to_others_and_need_words(world):
    talk = make_activity(world.city, type=ActivityType.TALK, status=ActivityStatus.CLOSED, starts_in=-dt.timedelta(hours=4))
    with pytest.raises(NotAllowed):
        services.matter_record(actor=world.city_member, activity=talk, description="问题")
    with pytest.raises(DomainError):
        services.matter_record(actor=world.city_office, activity=talk, description="  ")
    with pytest.raises(DomainError):
        services.matter_record(actor=world.city_office, activity=talk, description="问题",
                               member=world.members["county_member"])


def test_the_new_kinds_count_and_score_through_the_rule_sets(world):
    for type in (ActivityType.TALK, ActivityType.ONSITE_OFFICE, ActivityType.SYMPOSIUM, ActivityType.READING_CLASS,
                 ActivityType.PARTY_LECTURE, ActivityType.THREE_MEETINGS):
        make_activity(world.city, type=type, status=ActivityStatus.CLOSED, starts_in=-dt.timedelta(hours=5))
    s = scope(world.city)
    assert [figure(f"activities.{key}").compute(s) for key in (
        "talks", "onsite_offices", "symposia", "reading_class_days", "party_lectures", "three_meetings")] == [1] * 6
    from zhengxie.activities.attendance import duty_events_for

    talk = world.city.activities.get(type=ActivityType.TALK)
    participant = talk.participants.model(activity=talk, member=world.members["city_member"], outcome="attended")
    assert duty_events_for(talk, participant) == [("outreach_activity", {"activity_type": "talk"})]


def test_a_research_report_has_a_lead_from_the_chairs_council(world):
    research = make_activity(world.city, type=ActivityType.RESEARCH, status=ActivityStatus.CLOSED,
                             starts_in=-dt.timedelta(hours=8))
    chair = world.members["city_member2"]
    chair.position = "vice_chair"
    chair.save()
    with pytest.raises(DomainError):
        outcomes.report_create(actor=world.city_office, activity=research, kind="research", title="调研报告",
                               body="正文", lead=world.members["city_member"])
    report = outcomes.report_create(actor=world.city_office, activity=research, kind="research", title="调研报告",
                                    body="正文", lead=chair)
    assert figure("activities.research_reports").compute(scope(world.city)) == 0  # a draft is not counted
    outcomes.report_send(actor=world.city_office, report=report, names=["中共天水市委"])
    assert figure("activities.research_reports").compute(scope(world.city)) == 1
    assert DutyEvent.objects.filter(member=chair, kind="research_attended", attributes__research_report="lead").exists()


def test_the_matters_page(world, client_as):
    talk = make_activity(world.city, type=ActivityType.TALK, status=ActivityStatus.CLOSED, starts_in=-dt.timedelta(hours=4))
    office = client_as(world.city_office)
    page = office.post(f"/activities/{talk.pk}/matters/", {"description": "小区加装电梯资金缺口", "raised_by": "居民"})
    assert page.status_code == 302
    matter = talk.matters.get()
    office.post(f"/activities/{talk.pk}/matters/{matter.pk}/solve/", {"result": "对接住建部门", "version": matter.version})
    assert talk.matters.get().status == MatterStatus.SOLVED
    assert "小区加装电梯资金缺口" in office.get(f"/activities/{talk.pk}/matters/").content.decode()
    assert client_as(world.county_office).get(f"/activities/{talk.pk}/matters/").status_code in (403, 404)
