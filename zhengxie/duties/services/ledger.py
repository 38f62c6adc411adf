"""Writes to the duty ledger. Every app records its members' acts here:

    record_duty_event(member=seat, kind=DutyEventKind.PROPOSAL_REGISTERED, source=proposal,
                      occurred_at=proposal.registered_at, attributes={"role": "first", "signers": 3})
    retract_duty_events(source=proposal, reason="withdrawn")

Recording is idempotent per (member, kind, source): a retried task or a repeated call changes nothing, and a
retracted event that is recorded again comes back. Listeners (the scoring of the duty-record issue) hear of each
change through ``duty_events_changed``.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from zhengxie.core.context import actor_or_none

from ..choices import KIND_CATEGORY, DutyCategory
from ..models import DutyEvent

#: Sent after commit with ``member_years``: a set of (member_id, year) whose events changed.
duty_events_changed = Signal()


def _year_of(moment: dt.datetime) -> int:
    return timezone.localtime(moment).year if timezone.is_aware(moment) else moment.year


def _announce(member_years: set[tuple[int, int]]) -> None:
    if member_years:
        transaction.on_commit(lambda: duty_events_changed.send(sender=DutyEvent, member_years=member_years))


def record_duty_event(*, member, kind: str, source, occurred_at: dt.datetime | None = None,
                      attributes: dict | None = None, title: str = "", actor=None) -> DutyEvent:
    """Record (or revive) the event of ``member`` doing ``kind`` on ``source``. Idempotent."""
    occurred_at = occurred_at or timezone.now()
    source_type = ContentType.objects.get_for_model(source)
    lookup = dict(member=member, kind=kind, source_type=source_type, source_id=str(source.pk))
    defaults = dict(
        organisation_id=member.organisation_id,
        year=_year_of(occurred_at),
        occurred_at=occurred_at,
        attributes=attributes or {},
        title=(title or str(source))[:200],
        recorded_by=actor_or_none(actor),
    )
    with transaction.atomic():
        event = DutyEvent.objects.select_for_update().filter(**lookup).first()
        if event is None:
            try:
                with transaction.atomic():
                    event = DutyEvent.objects.create(**lookup, **defaults)
            except IntegrityError:  # a concurrent call recorded it first
                event = DutyEvent.objects.select_for_update().get(**lookup)
            else:
                _announce({(member.pk, event.year)})
                return event
        changed = event.retracted_at is not None or event.attributes != defaults["attributes"]
        if changed:
            old_year = event.year
            event.retracted_at = None
            event.retraction_reason = ""
            event.attributes = defaults["attributes"]
            event.occurred_at = occurred_at
            event.year = defaults["year"]
            event.save(update_fields=["retracted_at", "retraction_reason", "attributes", "occurred_at", "year", "category"])
            _announce({(member.pk, old_year), (member.pk, event.year)})
    return event


def record_duty_events_bulk(rows: Iterable[dict]) -> int:
    """Insert many events at once (the demo generator, imports): each row has the keyword arguments of
    ``record_duty_event``. Rows already recorded are skipped. Returns the number of rows given."""
    events = []
    member_years = set()
    content_types = {}
    for row in rows:
        source = row["source"]
        model = type(source)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(source)
        occurred_at = row.get("occurred_at") or timezone.now()
        member = row["member"]
        year = _year_of(occurred_at)
        events.append(
            DutyEvent(
                member_id=member.pk, organisation_id=member.organisation_id, year=year, kind=row["kind"],
                category=KIND_CATEGORY.get(row["kind"], DutyCategory.OTHER), source_type=content_types[model],
                source_id=str(source.pk), title=(row.get("title") or str(source))[:200], occurred_at=occurred_at,
                attributes=row.get("attributes") or {},
            )
        )
        member_years.add((member.pk, year))
    DutyEvent.objects.bulk_create(events, batch_size=2000, ignore_conflicts=True)
    _announce(member_years)
    return len(events)


def retract_duty_events(*, source, kind: str | None = None, member=None, reason: str = "") -> int:
    """Retract the events recorded for ``source`` (optionally of one kind or one member): a withdrawn proposal,
    a cancelled meeting. Their points disappear; recording them again revives them."""
    qs = DutyEvent.objects.live().filter(
        source_type=ContentType.objects.get_for_model(source), source_id=str(source.pk)
    )
    if kind:
        qs = qs.filter(kind=kind)
    if member is not None:
        qs = qs.filter(member=member)
    with transaction.atomic():
        affected = set(qs.values_list("member_id", "year"))
        count = qs.update(retracted_at=timezone.now(), retraction_reason=reason[:200])
        _announce(affected)
    return count
