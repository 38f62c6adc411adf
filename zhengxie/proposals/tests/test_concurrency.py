"""Two people acting on the same proposal at the same moment (PostgreSQL, real row locks): one wins, the other is
told the proposal was just changed, and nothing is half-written. Numbers given by two batches at once never clash."""

import threading

import pytest
from django.db import connection

from zhengxie.core.exceptions import ConcurrentChange
from zhengxie.core.tests.factories import staff_user
from zhengxie.proposals import services
from zhengxie.proposals.choices import ProposalStatus

from .helpers import fresh, reviewing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(*calls):
    """Start the calls at the same instant in threads; return what each gave ("ok" or the error)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            call()
            results[index] = "ok"
        except ConcurrentChange as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_register_and_return_at_the_same_moment(world):
    proposal = reviewing(world)
    colleague = staff_user(world.city, "proposal_office", "city_proposal_b")
    seen = proposal.version
    results = run_together(
        lambda: services.proposal_register(actor=world.city_proposal, proposal=proposal, version=seen),
        lambda: services.proposal_return(actor=colleague, proposal=proposal, comment="请补充", version=seen),
    )
    assert sorted(r == "ok" for r in results) == [False, True]
    loser = next(r for r in results if r != "ok")
    assert "刚刚被其他人修改" in str(loser)
    proposal = fresh(proposal)
    actions = set(proposal.events.values_list("action", flat=True))
    if proposal.status == ProposalStatus.REGISTERED:
        assert "return" not in actions and proposal.number == 1
    else:
        assert proposal.status == ProposalStatus.RETURNED and "register" not in actions and proposal.number is None


def test_two_batches_at_once_never_share_a_number(world):
    first = [reviewing(world) for _ in range(4)]
    second = [reviewing(world, author="city_member2") for _ in range(4)]
    colleague = staff_user(world.city, "proposal_office", "city_proposal_b")
    run_together(
        lambda: services.proposals_register_batch(actor=world.city_proposal, organisation=world.city, ids=[p.pk for p in first]),
        lambda: services.proposals_register_batch(actor=colleague, organisation=world.city, ids=[p.pk for p in second]),
    )
    numbers = sorted(fresh(p).number for p in first + second)
    assert numbers == list(range(1, 9))
