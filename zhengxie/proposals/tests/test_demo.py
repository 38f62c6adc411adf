"""The demo data: every state, the seed's proportions, and rows consistent with what the services write."""

import pytest
from django.db.models import Count

from zhengxie.core.models import Organisation, User
from zhengxie.proposals.choices import REGISTERED_STATES, ProposalStatus, TaskStatus
from zhengxie.proposals.models import HandlingTask, Proposal, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(county_demo):
    """The county demo, seeded once for every app's demo tests (conftest.py)."""


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


def test_the_joint_proposals_of_committees(demo):
    from zhengxie.proposals.models import JointProposal

    to_province = JointProposal.objects.get(title__contains="河西走廊第二条公路大通道")
    assert to_province.target.short_name == "甘肃省政协" and to_province.proposal.status in REGISTERED_STATES
    assert to_province.registered_at == to_province.proposal.registered_at and "嘉峪关市政协" in to_province.proposers_label
    national = JointProposal.objects.get(title__contains="库姆塔格沙漠")
    assert national.target_name == "全国政协" and national.status == "registered" and national.outside_number
    # every proposing committee of the platform rates the province's reply through its office
    from zhengxie.proposals.services.joint import proposing_committees

    assert set(to_province.proposal.signers.filter(role="committee").values_list("committee", flat=True)) == {
        o.pk for o in proposing_committees(to_province)}
