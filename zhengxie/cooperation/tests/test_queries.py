"""The lists of experts, invitations, alliances and joint activities, as pages and in the API, cost the same
number of queries for 2 rows or 20: nothing is fetched row by row."""

import pytest
from django.urls import reverse

from zhengxie.cooperation import services
from zhengxie.core.tests.queries import assert_flat

from .factories import alliance, expert, expert_account, joint, research

pytestmark = pytest.mark.django_db


def test_expert_and_invitation_lists_do_not_grow_with_the_rows(world, client_as):
    record = expert(world)
    user = expert_account(world, record)
    created = []

    def add(n):
        for _ in range(n):
            i = len(created)
            one = expert(world, name=f"专家{i}", phone=f"1389370{i:04d}")
            activity = research(world, title=f"第{i}项调研")
            services.expert_invite(actor=world.city_office, activity=activity, experts=[record, one])
            created.append(one)

    add(2)
    services.joint_link_activity(actor=world.city_office, organiser=joint(world).organisers.get(organisation=world.city),
                                 activity=research(world, title="联合调研"))
    office, mine = client_as(world.city_office), client_as(user)
    assert_flat(lambda: office.get(reverse("cooperation:expert_list")), lambda: add(9), label="expert page")
    assert_flat(lambda: office.get("/api/v1/cooperation/experts?size=50"), lambda: add(9), label="expert API")
    assert_flat(lambda: mine.get("/api/v1/cooperation/invitations?size=50"), lambda: add(9),
                label="invitation API")
    assert_flat(lambda: mine.get(reverse("cooperation:my_invitations")), lambda: add(9), label="invitation page")


def test_alliance_and_joint_lists_do_not_grow_with_the_rows(world, client_as):
    def add(n):
        for i in range(n):
            alliance(world, org="city", members=("city2",), outside=(f"外省政协{i}",))
            joint(world, title=f"第{i}次联合调研")

    add(2)
    office = client_as(world.city_office)
    for url, label in ((reverse("cooperation:alliance_list"), "alliance page"),
                       ("/api/v1/cooperation/alliances", "alliance API"),
                       (reverse("cooperation:joint_list"), "joint page"),
                       ("/api/v1/cooperation/joint?size=50", "joint API")):
        assert_flat(lambda url=url: office.get(url), lambda: add(9), label=label)
