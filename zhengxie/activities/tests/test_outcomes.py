"""Outcomes and plans: speeches, outcome reports with feedback (adopted suggestions), yearly plans."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import selectors
from zhengxie.activities.choices import ActivityStatus, ActivityType, PlanKind, ReportStatus
from zhengxie.activities.services import outcomes, plans
from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.files import bytes_upload
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

from .factories import make_activity

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def research(world):
    return make_activity(world.city, type=ActivityType.RESEARCH, status=ActivityStatus.CLOSED,
                         members=[world.members["city_member"], world.members["city_member2"]],
                         starts_in=-dt.timedelta(days=3), title="关于文旅融合发展的调研")


def test_speech_counts_for_the_speaker(world, research):
    speech = outcomes.speech_create(actor=world.city_office, activity=research, member=world.members["city_member"],
                                    kind="written", title="书面发言", files=[bytes_upload(PDF, "发言稿.pdf")])
    event = DutyEvent.objects.get(member=world.members["city_member"], kind=K.SPEECH_SUBMITTED)
    assert event.attributes == {"meeting_type": "other", "activity_type": "research"}
    with pytest.raises(DomainError):
        outcomes.speech_create(actor=world.city_office, activity=research, member=world.members["city2_member"],
                               kind="delivered", title="x")
    with pytest.raises(NotAllowed):
        outcomes.speech_create(actor=world.city_member, activity=research, member=world.members["city_member"],
                               kind="delivered", title="x")
    outcomes.speech_delete(actor=world.city_office, speech=speech)
    assert not DutyEvent.objects.live().filter(kind=K.SPEECH_SUBMITTED).exists()


def test_no_outcome_on_a_draft(world):
    draft = make_activity(world.city, status=ActivityStatus.DRAFT)
    with pytest.raises(InvalidTransition):
        outcomes.speech_create(actor=world.city_office, activity=draft, member=world.members["city_member"],
                               kind="delivered", title="x")


def test_report_sent_then_adopted_credits_its_members(world, research):
    report = outcomes.report_create(actor=world.city_office, activity=research, kind="research", title="调研报告",
                                    body="一、基本情况……", suggestion_count=6,
                                    authors=[world.members["city_member"]])
    recipient_error = pytest.raises(DomainError)
    with recipient_error:
        outcomes.report_send(actor=world.city_office, report=report)
    outcomes.report_send(actor=world.city_office, report=report, names=["中共天水市委", "天水市人民政府"],
                         units=[world.units["city_unit0"]])
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.recipients.count() == 3
    first, second = list(report.recipients.all())[:2]
    outcomes.recipient_feedback(actor=world.city_office, recipient=first, feedback="已研阅", adopted=False)
    assert not DutyEvent.objects.filter(kind=K.SUGGESTION_ADOPTED).exists()
    with pytest.raises(DomainError):  # an instruction needs its leader
        outcomes.recipient_feedback(actor=world.city_office, recipient=second, feedback="", adopted=True,
                                    instruction_text="请市文旅局研究落实")
    outcomes.recipient_feedback(actor=world.city_office, recipient=second, feedback="采纳", adopted=True,
                                instruction_leader="王市长", instruction_level="city",
                                instruction_text="请市文旅局研究落实")
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    event = DutyEvent.objects.get(kind=K.SUGGESTION_ADOPTED)
    assert event.member == world.members["city_member"]
    assert event.attributes == {"suggestions": 6, "report_kind": "research", "instruction_level": "city"}
    assert selectors.suggestions_adopted(world.city) == 6
    assert selectors.suggestions_adopted(world.city2) == 0
    with pytest.raises(NotAllowed):
        outcomes.recipient_feedback(actor=world.city2_office, recipient=first, feedback="", adopted=True)


def test_report_pages(world, client_as, research):
    report = outcomes.report_create(actor=world.city_office, activity=research, kind="suggestion", title="建议案",
                                    body="建议如下", authors=[world.members["city_member"]])
    staff = client_as(world.city_office)
    assert staff.get(reverse("activities:report_detail", args=[report.pk])).status_code == 200
    docx = staff.get(reverse("activities:report_docx", args=[report.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client_as(world.city_member).get(reverse("activities:report_detail", args=[report.pk])).status_code == 200
    assert client_as(world.city_member3).get(reverse("activities:report_detail", args=[report.pk])).status_code == 403
    assert client_as(world.city2_office).get(reverse("activities:report_detail", args=[report.pk])).status_code == 404
    response = staff.post(reverse("activities:report_send", args=[report.pk]), {"names": "中共天水市委"})
    assert response.status_code == 302
    assert staff.get(reverse("activities:detail", args=[research.pk])).status_code == 200


def test_photos_are_served_only_to_who_may_see_the_activity(world, client_as, research):
    from zhengxie.activities.services.activities import activity_file_add

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    photo = activity_file_add(actor=world.city_office, activity=research, upload=bytes_upload(png, "现场.png"),
                              role="photo")
    with pytest.raises(DomainError):
        activity_file_add(actor=world.city_office, activity=research, upload=bytes_upload(PDF, "x.pdf"), role="photo")
    url = reverse("activities:attachment", args=[photo.pk])
    assert client_as(world.city_member).get(url).status_code == 200
    assert client_as(world.city_member3).get(url).status_code == 403
    assert client_as(world.city2_office).get(url).status_code == 404


def test_plan_items_become_activities_and_the_plan_shows_what_was_done(world, client_as):
    plan = plans.plan_create(actor=world.city_office, organisation=world.city, year=timezone.localdate().year,
                             kind=PlanKind.CONSULTATION, title="2026年度协商计划")
    with pytest.raises(DomainError):
        plans.plan_create(actor=world.city_office, organisation=world.city, year=plan.year,
                          kind=PlanKind.CONSULTATION, title="重复")
    with pytest.raises(DomainError):  # an inspection does not belong in a consultation plan
        plans.plan_item_save(actor=world.city_office, plan=plan, data={"title": "视察", "activity_type": "inspection"})
    item = plans.plan_item_save(actor=world.city_office, plan=plan, data={
        "title": "加快建设现代工业体系", "activity_type": "consultation", "consultation_type": "topic", "planned_month": 5})
    other = plans.plan_item_save(actor=world.city_office, plan=plan, data={
        "title": "优化营商环境", "activity_type": "consultation", "consultation_type": "counterpart"})
    starts = timezone.now() + dt.timedelta(days=5)
    activity = plans.plan_item_start_activity(actor=world.city_office, item=item, starts_at=starts,
                                              ends_at=starts + dt.timedelta(hours=2))
    assert activity.plan_item == item and activity.consultation_type == "topic" and activity.title == item.title
    activity.status = ActivityStatus.CLOSED
    activity.save(update_fields=["status"])
    page = client_as(world.city_office).get(reverse("activities:plan_detail", args=[plan.pk])).content.decode()
    assert item.title in page and other.title in page and "50%" in page
    assert client_as(world.city_member).get(reverse("activities:plan_detail", args=[plan.pk])).status_code == 403
    assert client_as(world.city2_office).get(reverse("activities:plan_detail", args=[plan.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        plans.plan_item_save(actor=world.city2_office, plan=plan, data={"title": "x", "activity_type": "consultation"})


def test_the_report_word_file_is_in_chinese_where_no_feedback_came(world, client_as, research):
    import io

    from docx import Document

    report = outcomes.report_create(actor=world.city_office, activity=research, kind="suggestion", title="建议案",
                                    body="建议如下", authors=[world.members["city_member"]])
    staff = client_as(world.city_office)
    staff.post(reverse("activities:report_send", args=[report.pk]), {"names": "中共天水市委"})
    docx = staff.get(reverse("activities:report_docx", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "中共天水市委：暂无反馈。" in text and "feedback" not in text


def test_a_countys_recipients_hint_names_its_own_party_committee_and_government(world):
    from zhengxie.activities.forms import ReportSendForm

    hint = str(ReportSendForm(organisation=world.county).fields["names"].help_text)
    assert "天水市委" not in hint and world.county.short_name.removesuffix("政协")[:2] in hint
    assert "人民政府" in hint
