"""Whom a notice goes to: users with a role (core.selectors.users_with_role) and the accounts of members
(users_of_members), the one place every app reads them."""

import pytest

from zhengxie.core.choices import Role
from zhengxie.core.models import SpecialCommittee
from zhengxie.core.selectors import users_of_members, users_with_role
from zhengxie.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_committee_staff_of_the_members_committee_or_of_all(world):
    org = world.city
    ours, theirs = (SpecialCommittee.objects.create(organisation=org, name=name) for name in ("测试甲委员会", "测试乙委员会"))
    general = staff_user(org, Role.GENERAL_OFFICE, "gen")
    of_all = staff_user(org, Role.COMMITTEE_STAFF, "all_committees")
    of_ours = staff_user(org, Role.COMMITTEE_STAFF, "ours", committee=ours)
    staff_user(org, Role.COMMITTEE_STAFF, "theirs", committee=theirs)
    keepers = users_with_role(org, Role.GENERAL_OFFICE, Role.COMMITTEE_STAFF, committee=ours.pk)
    assert {u.pk for u in keepers} >= {general.pk, of_all.pk, of_ours.pk}
    assert "theirs" not in {u.username for u in keepers}
    without = {u.username for u in users_with_role(org, Role.COMMITTEE_STAFF, committee=None)}
    assert "all_committees" in without and not {"ours", "theirs"} & without


def test_accounts_of_members_from_rows_or_ids(world):
    member, other = world.members["city_member"], world.members["city_member2"]
    by_row = users_of_members([member, None])
    by_id = users_of_members([other.pk])
    assert [u.person_id for u in by_row] == [member.person_id]
    assert [u.person_id for u in by_id] == [other.person_id]
    assert users_of_members([]) == []
    member.person.user.is_active = False
    member.person.user.save(update_fields=["is_active"])
    assert users_of_members([member]) == []
