import pytest

from zhengxie.core import permissions
from zhengxie.core.choices import MemberStatus, Role

pytestmark = pytest.mark.django_db


def test_roles_come_from_assignments_and_seats(world):
    assert permissions.roles_in(world.city_proposal, world.city) == {Role.PROPOSAL_OFFICE}
    assert permissions.roles_in(world.city_member, world.city) == {Role.MEMBER}
    assert permissions.roles_in(world.city_member, world.county) == frozenset()


def test_a_resigned_member_has_no_member_role(world):
    seat = world.members["city_member"]
    seat.status = MemberStatus.RESIGNED
    seat.save()
    user = type(world.city_member).objects.get(pk=world.city_member.pk)
    assert Role.MEMBER not in permissions.roles_in(user, world.city)


def test_organisations_of_multi_seat_person(world):
    assert set(permissions.organisations_of(world.multi)) == {world.province, world.city}


def test_staff_predicates(world):
    assert permissions.is_staff_of(world.city_proposal, world.city)
    assert not permissions.is_staff_of(world.city_member, world.city)
    assert not permissions.is_staff_of(world.city_unit, world.city)
    assert not permissions.is_staff_of(world.city_proposal, world.county)
    assert permissions.can_see_sensitive(world.city_admin, world.city)
    assert not permissions.can_see_sensitive(world.city_office, world.city)


def test_units_and_bodies_of(world):
    assert permissions.unit_ids_of(world.city_unit, world.city) == {world.city_unit0.pk}
    assert permissions.unit_ids_of(world.city_unit2, world.city) == {world.city_unit1.pk}
    assert permissions.body_ids_of(world.city_body, world.city) == {world.city_party.pk}
    assert permissions.body_ids_of(world.city_member, world.city) == set()


def test_organisation_tree(world):
    assert list(world.city.ancestors()) == [world.province]
    assert set(world.city.descendants()) == {world.county, world.county2}
    assert set(world.province.descendants()) == {world.city, world.city2, world.county, world.county2}
    assert world.province.path < world.city.path < world.county.path
