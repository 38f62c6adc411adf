"""What members and staff add to a record: self-reported duties (every transition allowed and refused),
manual entries, the yearly self-report, and the reminders staff send."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.files import attachments_of, bytes_upload
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.duties import services
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.choices import SelfReportStatus
from zhengxie.duties.models import DutyEvent, Reminder, Score

from .helpers import make_rule_set, record, this_year

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def photo(name="现场.png"):
    return bytes_upload(PNG, name)


def report_data(**overrides):
    return {"report_type": "research", "title": "走访南河镇养老服务中心", "description": "与老人座谈，收集意见 5 条。",
            "occurred_on": timezone.localdate() - dt.timedelta(days=3), "place": "南河镇", **overrides}


@pytest.fixture
def scored(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_rule_set(world)


def submit(world, member="city_member", **overrides):
    return services.self_report_submit(actor=world.users[member], member=world.members[member],
                                       data=report_data(**overrides), files=[photo()])


def test_member_reports_a_duty_with_evidence_and_the_office_is_told(world):
    report = submit(world)
    assert report.status == SelfReportStatus.SUBMITTED
    assert attachments_of(report).count() == 1
    assert Notification.objects.filter(recipient=world.users["city_office"], code="duties.self_report_submitted").exists()
    assert not Notification.objects.filter(recipient=world.users["city2_office"]).exists()
    assert report.history.get().action == "submit"


def test_a_report_needs_evidence_a_real_file_and_a_past_date(world):
    seat, user = world.members["city_member"], world.users["city_member"]
    with pytest.raises(DomainError, match="evidence"):
        services.self_report_submit(actor=user, member=seat, data=report_data(), files=[])
    with pytest.raises(DomainError):
        services.self_report_submit(actor=user, member=seat, data=report_data(), files=[bytes_upload(b"MZ\x90", "a.png")])
    with pytest.raises(DomainError, match="future"):
        services.self_report_submit(actor=user, member=seat, files=[photo()],
                                    data=report_data(occurred_on=timezone.localdate() + dt.timedelta(days=1)))
    with pytest.raises(DomainError):
        services.self_report_submit(actor=user, member=seat, files=[photo()],
                                    data=report_data(occurred_on=timezone.localdate() - dt.timedelta(days=400)))
    with pytest.raises(DomainError, match="at most"):
        services.self_report_submit(actor=user, member=seat, data=report_data(), files=[photo() for _ in range(10)])


def test_only_the_member_reports_their_own_duties(world):
    seat = world.members["city_member"]
    for username in ("city_member2", "city_office", "city2_member"):
        with pytest.raises(NotAllowed):
            services.self_report_submit(actor=world.users[username], member=seat, data=report_data(), files=[photo()])


def test_confirmation_makes_a_duty_event_and_points(world, scored, django_capture_on_commit_callbacks):
    report = submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.self_report_confirm(actor=world.users["city_office"], report=report, version=report.version)
    event = DutyEvent.objects.get(kind=K.SELF_REPORTED, member=world.members["city_member"])
    assert event.attributes == {"report_type": "research"}
    score = Score.objects.get(member=world.members["city_member"], year=this_year())
    assert score.section_points("activity") == 1
    assert score.requirement_counts[str(scored.requirements.order_by("order")[2].pk)] == 1
    assert Notification.objects.filter(recipient=world.users["city_member"], code="duties.self_report_confirmed").exists()


@pytest.mark.parametrize("username", ["city_member", "city_proposal", "city_leader", "city2_office", "city_body"])
def test_confirming_is_for_the_record_keepers_of_the_organisation(world, username):
    report = submit(world)
    with pytest.raises(NotAllowed):
        services.self_report_confirm(actor=world.users[username], report=report, version=report.version)


@pytest.mark.parametrize("username", ["city_office", "city_committee", "city_admin"])
def test_record_keepers_confirm(world, username):
    report = submit(world)
    assert services.self_report_confirm(actor=world.users[username], report=report,
                                        version=report.version).status == SelfReportStatus.CONFIRMED


def test_returned_report_is_corrected_and_submitted_again(world):
    report = submit(world)
    with pytest.raises(DomainError):
        services.self_report_reject(actor=world.users["city_office"], report=report, version=report.version, reason=" ")
    report = services.self_report_reject(actor=world.users["city_office"], report=report, version=report.version,
                                         reason="请补充现场照片")
    assert report.status == SelfReportStatus.REJECTED
    assert Notification.objects.filter(recipient=world.users["city_member"], code="duties.self_report_returned").exists()
    with pytest.raises(InvalidTransition):
        services.self_report_confirm(actor=world.users["city_office"], report=report, version=report.version)
    report = services.self_report_update(actor=world.users["city_member"], report=report, version=report.version,
                                         data=report_data(title="走访南河镇养老服务中心（补充照片）"), files=[photo("2.png")])
    assert report.status == SelfReportStatus.SUBMITTED and report.decision_note == ""
    assert attachments_of(report).count() == 2
    assert list(report.history.values_list("action", flat=True)) == ["submit", "reject", "resubmit"]


def test_withdrawn_and_confirmed_reports_cannot_be_edited(world):
    report = submit(world)
    report = services.self_report_withdraw(actor=world.users["city_member"], report=report, version=report.version)
    with pytest.raises(InvalidTransition):
        services.self_report_update(actor=world.users["city_member"], report=report, version=report.version,
                                    data=report_data())
    with pytest.raises(InvalidTransition):
        services.self_report_confirm(actor=world.users["city_office"], report=report, version=report.version)
    other = submit(world)
    other = services.self_report_confirm(actor=world.users["city_office"], report=other, version=other.version)
    with pytest.raises(InvalidTransition):
        services.self_report_withdraw(actor=world.users["city_member"], report=other, version=other.version)
    with pytest.raises(NotAllowed):
        services.self_report_withdraw(actor=world.users["city_member2"], report=report, version=report.version)


def test_revoking_a_confirmation_takes_the_points_away(world, scored, django_capture_on_commit_callbacks):
    report = submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.self_report_confirm(actor=world.users["city_office"], report=report, version=report.version)
    with pytest.raises(DomainError):
        services.self_report_revoke(actor=world.users["city_office"], report=report, version=report.version, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.self_report_revoke(actor=world.users["city_office"], report=report, version=report.version,
                                    reason="照片与活动不符")
    assert not DutyEvent.objects.live().filter(kind=K.SELF_REPORTED).exists()
    assert Score.objects.get(member=world.members["city_member"], year=this_year()).section_points("activity") == 0


def test_a_decision_on_stale_data_is_refused(world):
    report = submit(world)
    services.self_report_update(actor=world.users["city_member"], report=report, version=report.version,
                                data=report_data(title="改过的标题"))
    with pytest.raises(ConcurrentChange):
        services.self_report_confirm(actor=world.users["city_office"], report=report, version=report.version)


def test_a_closed_year_accepts_no_new_records(world, django_capture_on_commit_callbacks):
    last_year = make_rule_set(world, year=this_year() - 1)
    services.rule_set_close(actor=world.users["city_admin"], rule_set=last_year, version=last_year.version)
    with pytest.raises(DomainError, match="closed"):
        services.manual_entry_add(actor=world.users["city_office"], member=world.members["city_member"],
                                  occurred_on=dt.date(this_year() - 1, 6, 1), title="补录", points=Decimal(2), reason="x")
    with pytest.raises(DomainError, match="closed"):
        services.statement_save(actor=world.users["city_member"], member=world.members["city_member"],
                                year=this_year() - 1, text="述职")


def test_manual_entry_is_audited_notified_scored_and_withdrawn(world, scored, django_capture_on_commit_callbacks):
    member = world.members["city_member"]
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.manual_entry_add(actor=world.users["city_office"], member=member,
                                          occurred_on=timezone.localdate(), title="外地培训", points="3.5",
                                          reason="平台无记录，经核实补录")
    assert Score.objects.get(member=member, year=this_year()).section_points("other") == Decimal("3.5")
    assert AuditEntry.objects.filter(action="duties.manual_entry.added", object_id=str(entry.pk)).exists()
    assert Notification.objects.filter(recipient=world.users["city_member"], code="duties.manual_entry").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.manual_entry_retract(actor=world.users["city_office"], entry=entry, reason="重复录入")
    assert Score.objects.get(member=member, year=this_year()).section_points("other") == 0
    with pytest.raises(DomainError):
        services.manual_entry_retract(actor=world.users["city_office"], entry=entry, reason="again")


@pytest.mark.parametrize("points, reason", [("0", "x"), ("21", "x"), ("abc", "x"), ("2", "")])
def test_manual_entry_needs_points_within_the_limit_and_a_reason(world, points, reason):
    with pytest.raises(DomainError):
        services.manual_entry_add(actor=world.users["city_office"], member=world.members["city_member"],
                                  occurred_on=timezone.localdate(), title="x", points=points, reason=reason)


@pytest.mark.parametrize("username", ["city_member", "city_proposal", "city2_office"])
def test_manual_entries_are_for_record_keepers(world, username):
    with pytest.raises(NotAllowed):
        services.manual_entry_add(actor=world.users[username], member=world.members["city_member"],
                                  occurred_on=timezone.localdate(), title="x", points="1", reason="x")


def test_statement_is_saved_then_submitted_by_the_member_only(world):
    member = world.members["city_member"]
    draft = services.statement_save(actor=world.users["city_member"], member=member, year=this_year(), text="初稿")
    assert draft.submitted_at is None
    final = services.statement_save(actor=world.users["city_member"], member=member, year=this_year(), text="定稿",
                                    submit=True)
    assert final.pk == draft.pk and final.submitted_at and final.text == "定稿"
    with pytest.raises(DomainError):
        services.statement_save(actor=world.users["city_member"], member=member, year=this_year(), text="", submit=True)
    with pytest.raises(NotAllowed):
        services.statement_save(actor=world.users["city_office"], member=member, year=this_year(), text="代写")


def test_reminders_go_to_members_missing_the_minimum_once_a_week(world, scored, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for kind, attributes in ((K.MEETING_ATTENDED, {"meeting_type": "plenary"}), (K.OPINION_SUBMITTED, {}),
                                 (K.RESEARCH_ATTENDED, {})):
            record(world.members["city_member3"], kind, attributes)
    missing = Score.objects.filter(organisation=world.city, year=this_year(), requirements_met=False).count()
    assert missing == 3  # member, member2 and the city seat of "multi"
    sent, skipped = services.requirement_reminders_send(actor=world.users["city_office"], organisation=world.city,
                                                        year=this_year())
    assert (sent, skipped) == (3, 0)
    notification = Notification.objects.get(recipient=world.users["city_member"], code="duties.requirements_reminder")
    assert "Attend the plenary session" in notification.title or "出席" in notification.title
    assert not Notification.objects.filter(recipient=world.users["city_member3"]).exists()
    assert services.requirement_reminders_send(actor=world.users["city_office"], organisation=world.city,
                                               year=this_year()) == (0, 3)
    assert Reminder.objects.count() == 3
    with pytest.raises(NotAllowed):
        services.requirement_reminders_send(actor=world.users["city_leader"], organisation=world.city, year=this_year())


def test_attendance_warnings_follow_the_thresholds(world, django_capture_on_commit_callbacks):
    member = world.members["city_member"]
    record(member, K.MEETING_ABSENT, {"meeting_type": "plenary"})
    record(member, K.MEETING_ABSENT, {"meeting_type": "plenary"})
    record(world.members["city_member2"], K.MEETING_ABSENT, {"meeting_type": "plenary"})
    from zhengxie.duties.selectors import attendance_warnings

    warnings = attendance_warnings(world.city)
    assert [(w["member"], w["plenary"], w["level"]) for w in warnings] == [(member, 2, "warning")]
    record(member, K.MEETING_ABSENT, {"meeting_type": "plenary"})
    assert attendance_warnings(world.city)[0]["level"] == "limit"
    sent, _skipped = services.attendance_warnings_send(actor=world.users["city_office"], organisation=world.city)
    assert sent == 1 and Notification.objects.filter(recipient=world.users["city_member"],
                                                     code="duties.attendance_warning").exists()
