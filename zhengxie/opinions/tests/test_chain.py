"""A report climbing the levels: each level its own record, the provenance kept, feedback coming back down to the
author exactly once."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import Notification
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.opinions import feedback, selectors, services
from zhengxie.opinions.choices import AdoptionKind, ReportStatus
from zhengxie.opinions.models import Adoption, Instruction, Report
from zhengxie.opinions.tasks import deliver_feedback

from .factories import climb, publish, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_province(world, django_capture_on_commit_callbacks):
    """A county member's report forwarded county → city → province."""
    with django_capture_on_commit_callbacks(execute=True):
        county = submit(world)
        city = climb(world, county)
        province = climb(world, city)
    return county, city, province


def test_each_level_holds_its_own_linked_record(world, at_province):
    county, city, province = at_province
    assert [r.organisation for r in (county, city, province)] == [world.county, world.city, world.province]
    assert city.source_id == county.pk and province.source_id == city.pk
    assert {county.origin_id, city.origin_id, province.origin_id} == {county.pk}
    assert province.status == ReportStatus.RECEIVED and province.depth == 2
    # provenance travels: origin organisation and original author
    assert province.origin_organisation == world.county
    assert province.author_member == world.members["county_member"]
    # the city's text as received is the county's edited text
    county.refresh_from_db()
    assert city.original_text == county.text != county.original_text
    assert [step.record.organisation for step in selectors.chain_of(province)] == [world.county, world.city, world.province]


def test_a_level_forwards_a_report_once(world, at_province):
    county, city, province = at_province
    county.refresh_from_db()
    with pytest.raises(DomainError):
        services.report_forward(actor=world.county_info, report=county)
    assert Report.objects.filter(origin_id=county.pk).count() == 3


def test_the_top_level_cannot_forward(world, at_province):
    province = publish(world, at_province[2])
    with pytest.raises(DomainError):
        services.report_forward(actor=world.province_info, report=province)


def test_adoption_and_instruction_reach_the_author_and_every_level_below(world, at_province, django_capture_on_commit_callbacks):
    county, city, province = at_province
    with django_capture_on_commit_callbacks(execute=True):
        province = publish(world, province)
        feedback.instruction_record(actor=world.province_info, report=province, leader_name="王省长",
                                    leader_title="副省长", level="province", text="请省民政厅研究落实。",
                                    instructed_on=timezone.localdate())
    seat = world.members["county_member"]
    kinds = set(DutyEvent.objects.filter(member=seat).values_list("kind", flat=True))
    assert kinds == {DutyEventKind.OPINION_SUBMITTED, DutyEventKind.OPINION_ADOPTED_COUNTY,
                     DutyEventKind.OPINION_ADOPTED_CITY, DutyEventKind.OPINION_ADOPTED_PROVINCE,
                     DutyEventKind.OPINION_INSTRUCTED_PROVINCE}
    by = dict(DutyEvent.objects.filter(member=seat, kind__startswith="opinion_adopted").values_list("kind", "attributes"))
    assert by[DutyEventKind.OPINION_ADOPTED_COUNTY] == {"by": "local"}
    assert by[DutyEventKind.OPINION_ADOPTED_PROVINCE] == {"by": "upper"}
    inbox = list(Notification.objects.filter(recipient=world.county_member).values_list("title", flat=True))
    assert any("批示" in t and "省级领导" in t for t in inbox)
    # the county's and the city's records both show the provincial instruction and adoption
    for record in (county, city):
        adoptions, instructions = selectors.feedback_of(record)
        assert [i.leader_name for i in instructions] == ["王省长"]
        assert "province" in {a.level for a in adoptions}
    # the province's own record does not show what was recorded below it
    adoptions, _instructions = selectors.feedback_of(province)
    assert {a.level for a in adoptions} == {"province"}
    # the offices below were told
    assert Notification.objects.filter(recipient=world.city_info, code="opinions.report.instruction_above").count() == 1
    assert Notification.objects.filter(recipient=world.county_info, code="opinions.report.instruction_above").count() == 1


def test_delivery_happens_once_even_when_the_task_is_retried(world, at_province, django_capture_on_commit_callbacks):
    county = at_province[0]
    county.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        instruction = feedback.instruction_record(actor=world.county_info, report=county, leader_name="李书记",
                                                  level="county", text="阅。", instructed_on=timezone.localdate())
    before_events = DutyEvent.objects.count()
    before_notes = Notification.objects.count()
    assert deliver_feedback.call("instruction", instruction.pk) is False  # a retry: nothing more
    assert deliver_feedback.call("instruction", instruction.pk) is False
    assert DutyEvent.objects.count() == before_events
    assert Notification.objects.count() == before_notes
    assert DutyEvent.objects.filter(kind=DutyEventKind.OPINION_INSTRUCTED_COUNTY).count() == 1


def test_a_failed_delivery_leaves_nothing_and_the_retry_delivers_once(world, at_province, monkeypatch):
    county = at_province[0]
    county.refresh_from_db()
    instruction = feedback.instruction_record(actor=world.county_info, report=county, leader_name="李书记",
                                              level="county", text="阅。", instructed_on=timezone.localdate())
    calls = {"n": 0}
    real = feedback.record_duty_event

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(feedback, "record_duty_event", flaky)
    with pytest.raises(RuntimeError):
        deliver_feedback.call("instruction", instruction.pk)
    assert Notification.objects.filter(code="opinions.report.instruction").count() == 0
    assert deliver_feedback.call("instruction", instruction.pk) is True
    assert deliver_feedback.call("instruction", instruction.pk) is False
    assert Notification.objects.filter(code="opinions.report.instruction", recipient=world.county_member).count() == 1
    assert DutyEvent.objects.filter(kind=DutyEventKind.OPINION_INSTRUCTED_COUNTY).count() == 1


def test_upper_adoption_only_for_levels_not_holding_the_report(world, at_province):
    county = Report.objects.get(pk=at_province[0].pk)
    with pytest.raises(DomainError) as refused:
        feedback.adoption_record(actor=world.county_info, report=county, kind=AdoptionKind.UPPER, level="city",
                                 adopted_by="天水市政协", adopted_on=timezone.localdate())
    assert "天水市政协" in str(refused.value)
    # the national committee is not on the platform: the county records it, once
    feedback.adoption_record(actor=world.county_info, report=county, kind=AdoptionKind.UPPER, level="national",
                             adopted_by="全国政协办公厅", adopted_on=timezone.localdate())
    with pytest.raises(DomainError):
        feedback.adoption_record(actor=world.county_info, report=county, kind=AdoptionKind.UPPER, level="national",
                                 adopted_by="全国政协办公厅", adopted_on=timezone.localdate())
    assert Adoption.objects.filter(level="national").count() == 1


def test_instruction_level_must_be_own_or_higher(world, at_province):
    city = Report.objects.get(pk=at_province[1].pk)
    with pytest.raises(DomainError):
        feedback.instruction_record(actor=world.city_info, report=city, leader_name="某", level="county", text="阅",
                                    instructed_on=timezone.localdate())
    with pytest.raises(DomainError):
        feedback.instruction_record(actor=world.city_info, report=city, leader_name="某", level="central", text="阅",
                                    instructed_on=timezone.localdate() + dt.timedelta(days=1))
    feedback.instruction_record(actor=world.city_info, report=city, leader_name="某", level="central", text="阅",
                                instructed_on=timezone.localdate())
    assert Instruction.objects.count() == 1


def test_a_recorded_national_adoption_reads_as_a_higher_level_where_it_was_recorded(world, at_province, client_as):
    from django.urls import reverse

    from zhengxie.opinions.api import _adoption_out

    county = Report.objects.get(pk=at_province[0].pk)
    adoption = feedback.adoption_record(actor=world.county_info, report=county, kind=AdoptionKind.UPPER,
                                        level="national", adopted_by="全国政协办公厅", adopted_on=timezone.localdate())
    assert _adoption_out(adoption, county)["kind"] == AdoptionKind.UPPER
    page = client_as(world.county_info).get(reverse("opinions:detail", args=[county.pk])).content.decode()
    line = page[page.index("全国政协办公厅") - 300:page.index("全国政协办公厅")]
    assert "上级采用" in line and "本级采用" not in line
