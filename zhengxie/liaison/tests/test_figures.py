"""The figures of information and questions reconcile to their rows."""

import datetime as dt

import pytest

from zhengxie.liaison import services
from zhengxie.stats.registry import Scope, figures

from .factories import ask, item

TOPIC_AND_CONTACT_KEYS = ("liaison.topics_listed", "liaison.topics_answered", "liaison.topic_proposals",
                          "liaison.contact_assignments", "liaison.contact_visits", "liaison.contact_matters_raised",
                          "liaison.contact_matters_solved")

pytestmark = pytest.mark.django_db


def test_figures_count_what_happened(world):
    required = item(world, required=True)
    item(world, publish=False, title="草稿")
    services.info_mark_read(actor=world.city_member, item=required)
    services.inquiry_answer(actor=world.city_unit, inquiry=ask(world), answer="答复。")
    ask(world, title="待答复")
    year = dt.date.today().year
    scope = Scope(org_ids=(world.city.pk,), start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    values = {f.key: f.compute(scope) for f in figures() if f.key.startswith("liaison.")}
    assert values == {"liaison.published": 1, "liaison.receipts": 1, "liaison.asked": 2, "liaison.answered": 1,
                      "liaison.answered_on_time": 1, **dict.fromkeys(TOPIC_AND_CONTACT_KEYS, 0)}
    other = Scope(org_ids=(world.city2.pk,), start=scope.start, end=scope.end)
    assert all(f.compute(other) == 0 for f in figures() if f.key.startswith("liaison."))
