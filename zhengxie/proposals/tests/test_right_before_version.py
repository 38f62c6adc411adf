"""A service checks the actor's right before the version it was given: a member who may not assign is refused
(403), not told that the proposal changed (409); the office with a stale version is told it changed."""

import pytest

from zhengxie.core.exceptions import ConcurrentChange, NotAllowed
from zhengxie.proposals import services
from zhengxie.proposals.choices import AssignmentMode

from .helpers import handling, registered

pytestmark = pytest.mark.django_db


def test_assigning_with_a_stale_version(world):
    proposal = registered(world)
    stale = proposal.version - 1
    kwargs = {"proposal": proposal, "mode": AssignmentMode.SOLE, "lead_units": [world.city_unit0], "version": stale}
    with pytest.raises(NotAllowed):
        services.proposal_assign(actor=world.city_member, **kwargs)
    with pytest.raises(ConcurrentChange):
        services.proposal_assign(actor=world.city_proposal, **kwargs)


def test_a_unit_step_with_a_stale_version(world):
    _proposal, (task,) = handling(world)
    with pytest.raises(NotAllowed):
        services.task_object(actor=world.city_member, task=task, reason="不属于本单位职责", version=task.version - 1)
    with pytest.raises(ConcurrentChange):
        services.task_object(actor=world.city_unit, task=task, reason="不属于本单位职责", version=task.version - 1)
