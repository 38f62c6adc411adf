"""The demo data: every state, the seed's proportions, and rows consistent with what the services write."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from zhengxie.core.models import Organisation, User
from zhengxie.proposals.choices import REGISTERED_STATES, ProposalStatus, TaskStatus
from zhengxie.proposals.models import HandlingTask, Proposal, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", scale="county", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def test_every_state_is_in_the_demo(demo):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    live = set(TaskStatus.values) - {TaskStatus.CANCELLED}
    assert live <= set(HandlingTask.objects.values_list("status", flat=True))


def test_tianshui_in_the_seeds_proportions(demo):
    tianshui = Organisation.objects.get(short_name="天水市政协")
    sessions = tianshui.current_term().sessions.order_by("year")
    received = [Proposal.objects.filter(session=s).exclude(status=ProposalStatus.DRAFT).count() for s in sessions]
    assert received[:4] == [268, 262, 259, 261]  # 1,050 in the term's first four years
    current = Proposal.objects.filter(session=sessions.last())
    assert current.exclude(status=ProposalStatus.DRAFT).count() == 288
    assert current.filter(status=ProposalStatus.MERGED).count() + current.filter(status=ProposalStatus.REJECTED).count() == 30


def test_rows_are_consistent(demo):
    registered = Proposal.objects.filter(status__in=REGISTERED_STATES)
    assert not registered.filter(number__isnull=True).exists()
    numbers = registered.values("organisation", "session", "number").annotate(n=Count("pk")).filter(n__gt=1)
    assert not numbers.exists()
    handled = Proposal.objects.filter(status__in=[ProposalStatus.HANDLING, ProposalStatus.EVALUATING, ProposalStatus.CLOSED])
    assert not handled.filter(tasks__isnull=True).exists()
    closed_tasks = HandlingTask.objects.filter(proposal__status=ProposalStatus.CLOSED).exclude(role="co")
    assert not closed_tasks.exclude(status=TaskStatus.ACCEPTED).exists()
    assert not closed_tasks.filter(replies__isnull=True).exists()
    assert all(r.signer.proposal_id == r.task.proposal_id for r in Rating.objects.select_related("signer", "task")[:500])


def test_the_demo_accounts_find_work(demo, client_as):
    member = User.objects.get(username="ts_member")
    office = User.objects.get(username="ts_proposal")
    unit = User.objects.get(username="ts_unit")
    assert "邀请您联名" in client_as(member).get("/").content.decode()
    assert "待初审" in client_as(office).get("/").content.decode()
    assert client_as(unit).get("/proposals/unit/").context["page"].paginator.count > 0
