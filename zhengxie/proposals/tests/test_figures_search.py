"""The proposals' figures in the statistics and proposals in the full-text search."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.proposals.choices import KeyState, ProposalStatus
from zhengxie.proposals.models import Proposal
from zhengxie.search.selectors import search
from zhengxie.search.services import reindex
from zhengxie.stats import selectors as stats

pytestmark = pytest.mark.django_db(transaction=True)


def _proposal(world, org, status, title, **kwargs):
    now = timezone.now()
    seat = world.members[f"{'city' if org == world.city else 'county'}_member"]
    return Proposal.objects.create(organisation=org, term=org.current_term(), title=title, status=status,
                                   first_proposer=seat, submitted_at=now, background="河西走廊公路大通道建设滞后",
                                   suggestions="加快规划", **kwargs)


def test_figures_count_outcomes_and_rates(world):
    now = timezone.now()
    _proposal(world, world.city, ProposalStatus.CLOSED, "甲", registered_at=now, key_state=KeyState.APPROVED)
    _proposal(world, world.city, ProposalStatus.HANDLING, "乙", registered_at=now)
    _proposal(world, world.city, ProposalStatus.MERGED, "丙")
    _proposal(world, world.city, ProposalStatus.REJECTED, "丁")
    _proposal(world, world.county, ProposalStatus.CLOSED, "县里的", registered_at=now)
    year = timezone.localdate().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    city = stats.compute(stats.scope_for(world.city, start, end, descendants=False))
    assert (city["proposals.received"], city["proposals.registered"], city["proposals.merged"],
            city["proposals.rejected"], city["proposals.key"]) == (4, 2, 1, 1, 1)
    assert city["proposals.closed_rate"] == 50.0 and city["proposals.reply_rate"] == 50.0
    with_counties = stats.compute(stats.scope_for(world.city, start, end, descendants=True))
    assert with_counties["proposals.received"] == 5
    last_year = stats.compute(stats.scope_for(world.city, dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31), descendants=True))
    assert last_year["proposals.received"] == 0


def test_search_shows_drafts_to_their_author_only(world):
    registered = _proposal(world, world.city, ProposalStatus.HANDLING, "关于加快河西走廊公路大通道建设的提案",
                           registered_at=timezone.now())
    draft = Proposal.objects.create(organisation=world.city, term=world.city.current_term(), title="河西走廊草稿",
                                    status=ProposalStatus.DRAFT, first_proposer=world.members["city_member2"],
                                    created_by=world.city_member2)
    reindex()
    other_member = [h.obj for h in search(world.city_member3, world.city, "河西走廊")]
    assert registered in other_member and draft not in other_member
    assert draft in [h.obj for h in search(world.city_member2, world.city, "河西走廊")]
    assert search(world.county_proposal, world.county, "河西走廊") == []
