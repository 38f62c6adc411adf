"""Helpers of the duties tests: stand-in sources for duty events, moments in the year, rule sets."""

import datetime as dt
from itertools import count

from django.utils import timezone

from zhengxie.core.models import SpecialCommittee
from zhengxie.duties import services

_ids = count(100_000)


def this_year() -> int:
    return timezone.localdate().year


def source(title: str = "测试事项", pk: int | None = None):
    """A stand-in for the proposal, meeting … an event comes from: the ledger keeps only its type and id."""
    return SpecialCommittee(pk=pk or next(_ids), name=title)


def when(month: int = 3, day: int = 1, hour: int = 10, year: int | None = None) -> dt.datetime:
    return dt.datetime(year or this_year(), month, day, hour, tzinfo=timezone.get_current_timezone())


def record(member, kind, attributes=None, *, on=None, src=None, title=""):
    return services.record_duty_event(member=member, kind=kind, source=src or source(title or str(kind)),
                                      occurred_at=on or when(), attributes=attributes or {}, title=title)


def make_rule_set(world, org: str = "city", preset: str = "hundred", year: int | None = None):
    return services.rule_set_create(actor=world.users[f"{org}_admin"], organisation=world.orgs[org],
                                    year=year or this_year(), preset=preset)
