"""The duty figures the statistics app reports, for an organisation and a period."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.stats.registry import Scope, figure

from .helpers import make_rule_set, record, this_year

pytestmark = pytest.mark.django_db


def test_members_who_met_the_minimum_and_the_average(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_rule_set(world)
        make_rule_set(world, org="city2")
        for seat in (world.members["city_member"], world.members["city2_member"]):
            record(seat, K.MEETING_ATTENDED, {"meeting_type": "plenary"})
            record(seat, K.OPINION_SUBMITTED)
            record(seat, K.RESEARCH_ATTENDED)
    year = this_year()
    scope = Scope((world.city.pk,), dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert figure("duties.minimum_met").compute(scope) == 1
    # member: 50 + 1 (report) + 2 (research) = 53; member2, member3 and the city seat of "multi": 50 each
    assert figure("duties.average_score").compute(scope) == round((53 + 50 * 3) / 4, 1)
    assert figure("duties.talks").compute(scope) == 4
    last_year = Scope((world.city.pk,), dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))
    assert figure("duties.minimum_met").compute(last_year) == 0
    assert figure("duties.self_reported").compute(Scope((world.city.pk,), timezone.localdate(), timezone.localdate())) == 0
