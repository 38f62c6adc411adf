"""Every proposal and task address refuses what the user's lists hide (one rule: ``proposals_visible_to`` and
``tasks_visible_to``, the detail getters being those querysets filtered by id)."""

import pytest
from django.urls import reverse

from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.proposals import selectors
from zhengxie.proposals.choices import ProposalStatus, TaskStatus

from .helpers import draft, fresh, handling, registered, submitted

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_proposal", "city_leader", "city_partygov", "city_unit", "city_unit2",
         "city_unitlead", "city_body", "city_informant", "county_proposal"]


def _awaiting_confirmation(world):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    proposal = registered(world, title="待确认交办的提案")
    from zhengxie.proposals import services

    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.CONFIRMING
    assert proposal.tasks.get().status == TaskStatus.PENDING
    return proposal


def test_a_unit_whose_assignment_awaits_confirmation_cannot_open_the_proposal(world, client_as):
    proposal = _awaiting_confirmation(world)
    unit = world.city_unit
    assert not selectors.proposals_visible_to(unit, world.city).filter(pk=proposal.pk).exists()
    with pytest.raises(NotAllowed):
        selectors.proposal_get_for_user(unit, world.city, proposal.pk)
    with pytest.raises(NotAllowed):
        selectors.task_get_for_user(unit, world.city, proposal.tasks.get().pk)
    assert client_as(unit).get(reverse("proposals:detail", args=[proposal.pk])).status_code == 403
    assert not selectors.is_insider(unit, proposal)  # nor sees its replies before they are accepted
    # Once the Party/government office confirms, the unit sees it on its lists and at its address.
    from zhengxie.proposals import services

    services.proposal_confirm_assignment(actor=world.city_partygov, proposal=proposal)
    assert selectors.proposals_visible_to(unit, world.city).filter(pk=proposal.pk).exists()
    assert client_as(unit).get(reverse("proposals:detail", args=[proposal.pk])).status_code == 200
    assert selectors.is_insider(unit, proposal)


def test_every_proposal_address_refuses_what_the_lists_hide(world, client_as):
    proposals = [draft(world, title="草稿"), submitted(world, title="已提交"), registered(world, title="已立案"),
                 handling(world, title="办理中")[0], _awaiting_confirmation(world)]
    check_details_follow_lists(
        client_as, users=[world.users[u] for u in USERS], objects=proposals,
        visible=selectors.proposals_visible_to,
        url=lambda p: reverse("proposals:detail", args=[p.pk]), organisation=world.city)


def test_every_task_is_visible_exactly_as_listed(world):
    tasks = list(handling(world, mode="joint")[1]) + list(_awaiting_confirmation(world).tasks.all())
    for name in USERS:
        user = world.users[name]
        shown = set(selectors.tasks_visible_to(user, world.city).values_list("pk", flat=True))
        for task in tasks:
            if task.pk in shown:
                assert selectors.task_get_for_user(user, world.city, task.pk) == task
            else:
                with pytest.raises(NotAllowed):
                    selectors.task_get_for_user(user, world.city, task.pk)
    unit_lists = set(selectors.unit_tasks(world.city_unit, world.city).values_list("pk", flat=True))
    assert unit_lists == {t.pk for t in tasks if t.unit_id == world.city_unit0.pk and t.status != TaskStatus.PENDING}
