"""The per-request cache of what a user is (``core.permissions.request_cached``): one store for every app, dropped
when a role is granted and when one is revoked."""

import pytest

from zhengxie.core import permissions, services
from zhengxie.core.choices import Role
from zhengxie.core.models import RoleAssignment
from zhengxie.proposals import permissions as proposal_permissions

pytestmark = pytest.mark.django_db


def test_a_revoked_role_is_gone_at_once_for_the_same_user_object(world):
    user = world.city_unit
    assert permissions.has_role(user, world.city, Role.HANDLING_UNIT)
    assert proposal_permissions.unit_ids(user, world.city) == {world.city_unit0.pk}
    assignment = RoleAssignment.objects.get(user=user, organisation=world.city, role=Role.HANDLING_UNIT)
    assignment.user = user
    services.role_revoke(actor=world.users["city_secadmin"], assignment=assignment)
    assert not permissions.has_role(user, world.city, Role.HANDLING_UNIT)
    assert proposal_permissions.unit_ids(user, world.city) == set()


def test_a_granted_role_shows_at_once(world):
    user = world.city_member2
    assert not proposal_permissions.is_unit_user(user, world.city)
    services.role_grant(actor=world.users["city_secadmin"], user=user, organisation=world.city, role=Role.UNIT_LEADER,
                        handling_unit=world.city_unit1)
    assert proposal_permissions.leader_unit_ids(user, world.city) == {world.city_unit1.pk}
    assert permissions.has_role(user, world.city, Role.UNIT_LEADER)


def test_facts_are_computed_once_per_request(world, django_assert_num_queries):
    user = world.city_unitlead
    permissions.forget(user)
    with django_assert_num_queries(1):
        assert permissions.unit_ids_of(user, world.city) == {world.city_unit0.pk}
        assert proposal_permissions.leader_unit_ids(user, world.city) == {world.city_unit0.pk}
        assert proposal_permissions.unit_ids(user, world.city) == {world.city_unit0.pk}
