import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.duties.choices import DutyCategory, DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.duties.services import (
    duty_events_changed,
    record_duty_event,
    record_duty_events_bulk,
    retract_duty_events,
)

pytestmark = pytest.mark.django_db


def test_recording_is_idempotent(world):
    seat, source = world.members["city_member"], world.city_unit0
    first = record_duty_event(member=seat, kind=DutyEventKind.PROPOSAL_SUBMITTED, source=source)
    again = record_duty_event(member=seat, kind=DutyEventKind.PROPOSAL_SUBMITTED, source=source)
    assert first.pk == again.pk
    assert DutyEvent.objects.count() == 1
    assert first.category == DutyCategory.PROPOSAL
    assert first.organisation == world.city


def test_year_follows_local_time(world):
    seat = world.members["city_member"]
    # 2025-12-31 17:00 UTC is 2026-01-01 01:00 in Beijing
    moment = dt.datetime(2025, 12, 31, 17, 0, tzinfo=dt.UTC)
    event = record_duty_event(member=seat, kind=DutyEventKind.MEETING_ATTENDED, source=world.city, occurred_at=moment)
    assert event.year == 2026


def test_retract_and_revive(world):
    seat, source = world.members["city_member"], world.city_unit0
    record_duty_event(member=seat, kind=DutyEventKind.MEETING_ATTENDED, source=source)
    assert retract_duty_events(source=source, reason="cancelled") == 1
    assert DutyEvent.objects.live().count() == 0
    revived = record_duty_event(member=seat, kind=DutyEventKind.MEETING_ATTENDED, source=source)
    assert revived.retracted_at is None and DutyEvent.objects.live().count() == 1


def test_changed_signal_after_commit(world, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, member_years, **kwargs):
        received.append(member_years)

    duty_events_changed.connect(listener)
    try:
        seat = world.members["city_member"]
        with django_capture_on_commit_callbacks(execute=True):
            record_duty_event(member=seat, kind=DutyEventKind.SPEECH_DELIVERED, source=world.city)
        assert received == [{(seat.pk, timezone.localdate().year)}]
    finally:
        duty_events_changed.disconnect(listener)


def test_bulk_skips_what_exists(world):
    seat = world.members["city_member"]
    rows = [dict(member=seat, kind=DutyEventKind.STUDY_ATTENDED, source=world.city_unit0),
            dict(member=seat, kind=DutyEventKind.STUDY_ATTENDED, source=world.city_unit1)]
    record_duty_events_bulk(rows)
    record_duty_events_bulk(rows)
    assert DutyEvent.objects.filter(member=seat).count() == 2
