"""Every transition refused to the wrong role and to the right role of another organisation, and the workflow
tables themselves. (Each transition's allowed path and wrong-state refusals are in the step's own test module.)"""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import NotAllowed
from zhengxie.proposals import services
from zhengxie.proposals.choices import KeyState, ProposalStatus, TaskStatus
from zhengxie.proposals.workflow import KEY_WORKFLOW, PROPOSAL_WORKFLOW, TASK_WORKFLOW

from .helpers import draft, evaluating, fresh, handling, registered, reply, reviewing, submitted

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def office_calls(world):
    """(name, state builder, call(actor, proposal, task)) for every office service."""
    unit = world.city_unit1
    return [
        ("prereview", submitted, lambda a, p, t: services.proposal_prereview(actor=a, proposal=p)),
        ("return", submitted, lambda a, p, t: services.proposal_return(actor=a, proposal=p, comment="补充")),
        ("register", reviewing, lambda a, p, t: services.proposal_register(actor=a, proposal=p)),
        ("reject", reviewing, lambda a, p, t: services.proposal_reject(actor=a, proposal=p, ground="empty", comment="空")),
        ("convert", reviewing, lambda a, p, t: services.proposal_propose_conversion(actor=a, proposal=p, target="letter",
                                                                                   comment="转")),
        ("assign", registered, lambda a, p, t: services.proposal_assign(actor=a, proposal=p, mode="sole", lead_units=[unit])),
        ("key", registered, lambda a, p, t: services.proposal_key_nominate(actor=a, proposal=p)),
        ("publish", registered, lambda a, p, t: services.proposal_set_publication(actor=a, proposal=p, publication="public")),
        ("reassign", "handling", lambda a, p, t: services.task_reassign(actor=a, task=t, unit=unit)),
        ("accept", "replied", lambda a, p, t: services.reply_accept(actor=a, task=t)),
        ("return_reply", "replied", lambda a, p, t: services.reply_return(actor=a, task=t, comment="改")),
        ("close", "evaluating", lambda a, p, t: services.proposal_close(actor=a, proposal=p)),
        ("quality", "evaluating", lambda a, p, t: services.reply_rate_quality(actor=a, task=t, quality="good")),
    ]


def build(world, builder):
    if builder == "handling":
        proposal, (task,) = handling(world)
        return proposal, task
    if builder == "replied":
        proposal, (task,) = handling(world)
        return proposal, reply(world, task)
    if builder == "evaluating":
        return evaluating(world)
    return builder(world), None


OFFICE_CALLS = ["prereview", "return", "register", "reject", "convert", "assign", "key", "publish", "reassign", "accept",
                "return_reply", "close", "quality"]


def test_every_office_call_is_in_the_refusal_matrix(world):
    """The matrix below is parametrised by name: a call added to ``office_calls`` and not named here fails."""
    assert [name for name, _builder, _call in office_calls(world)] == OFFICE_CALLS


@pytest.mark.parametrize("name", OFFICE_CALLS)
@pytest.mark.parametrize("intruder", ["city_member", "city_unit", "city_leader", "city_admin", "county_proposal"])
def test_office_transitions_refused_to_others(world, name, intruder):
    builder, call = {n: (b, c) for n, b, c in office_calls(world)}[name]
    proposal, task = build(world, builder)
    before = (fresh(proposal).status, fresh(proposal).version)
    with pytest.raises(NotAllowed):
        call(world.users[intruder], fresh(proposal), task)
    assert (fresh(proposal).status, fresh(proposal).version) == before, name


UNIT_CALLS = [
    ("object", lambda a, t: services.task_object(actor=a, task=t, reason="不属本单位")),
    ("contact", lambda a, t: services.task_contact_add(actor=a, task=t, contacted_on=TODAY(), way="phone", notes="沟通")),
    ("extension", lambda a, t: services.task_extension_request(actor=a, task=t, months=1, reason="复杂")),
    ("reply", lambda a, t: services.reply_save(actor=a, task=t, text="答复", category="A")),
    ("submit", lambda a, t: services.reply_submit(actor=a, task=t)),
]


@pytest.mark.parametrize("index", range(len(UNIT_CALLS)))
@pytest.mark.parametrize("intruder", ["city_unit2", "county_unit", "city_proposal", "city_member"])
def test_unit_transitions_refused_to_other_units_and_roles(world, index, intruder):
    name, call = UNIT_CALLS[index]
    proposal, (task,) = handling(world)
    with pytest.raises(NotAllowed):
        call(world.users[intruder], task)
    assert task.contacts.count() == 0 and not task.replies.exists(), name


def test_signoff_only_by_a_leader_of_the_same_unit(world):
    proposal, (task,) = handling(world)
    services.task_contact_add(actor=world.city_unit, task=task, contacted_on=TODAY() - dt.timedelta(days=1), way="visit",
                              notes="面商")
    services.reply_save(actor=world.city_unit, task=task, text="答复", category="A")
    services.reply_submit(actor=world.city_unit, task=fresh_task(task))
    for intruder in ["city_unit", "county_unitlead", "city_proposal", "city_leader"]:
        with pytest.raises(NotAllowed):
            services.reply_sign_off(actor=world.users[intruder], task=fresh_task(task))
    assert fresh_task(task).status == TaskStatus.SIGNOFF


def fresh_task(task):
    return type(task).objects.get(pk=task.pk)


def test_leader_and_party_government_decisions_refused_to_others(world):
    proposal = registered(world)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal)
    for intruder in ["city_proposal", "county_leader", "city_member"]:
        with pytest.raises(NotAllowed):
            services.proposal_key_decide(actor=world.users[intruder], proposal=fresh(proposal), approve=True)
    assert fresh(proposal).key_state == KeyState.NOMINATED
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    other = registered(world, author="city_member2")
    services.proposal_assign(actor=world.city_proposal, proposal=other, mode="sole", lead_units=[world.city_unit0])
    for intruder in ["city_proposal", "county_partygov", "city_leader"]:
        with pytest.raises(NotAllowed):
            services.proposal_confirm_assignment(actor=world.users[intruder], proposal=fresh(other))
    assert fresh(other).status == ProposalStatus.CONFIRMING


def test_proposer_actions_refused_to_others(world):
    proposal = draft(world)
    for intruder in ["city_member2", "county_member", "city_proposal"]:
        with pytest.raises(NotAllowed):
            services.proposal_save(actor=world.users[intruder], proposal=proposal, data={"title": "改"})
    evaluated, task = evaluating(world, author="city_member2")
    for intruder in ["city_member", "county_member", "city_proposal", "city_unit"]:
        with pytest.raises(NotAllowed):
            services.proposal_rate(actor=world.users[intruder], proposal=evaluated, task=task, value="satisfied")


def test_workflow_tables_are_consistent():
    for workflow in (PROPOSAL_WORKFLOW, TASK_WORKFLOW, KEY_WORKFLOW):
        labels = {value for value, _label in workflow.state_choices.choices}
        assert workflow.states() <= labels, workflow.name
    # every proposal state but the ends can be left
    ends = {ProposalStatus.CLOSED, ProposalStatus.REJECTED, ProposalStatus.MERGED, ProposalStatus.CONVERTED}
    for state in set(ProposalStatus.values) - ends:
        assert any(t.target not in (None, state) for t in PROPOSAL_WORKFLOW.actions_from(state)), state
    for state in ends:
        assert all(t.target is None for t in PROPOSAL_WORKFLOW.actions_from(state)), state
