"""An expert's account has the rights of a participant and nothing more: their invitations and contributions, and
a refusal everywhere else (proposals, duties, statistics, activities, other experts, the API)."""

import pytest
from django.urls import reverse

from zhengxie.cooperation import selectors, services
from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.proposals.selectors import proposals_visible_to
from zhengxie.proposals.tests.helpers import submitted

from .factories import expert, expert_account, joint, research

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(world):
    record = expert(world)
    user = expert_account(world, record)
    activity = research(world)
    services.expert_invite(actor=world.city_office, activity=activity, experts=[record])
    return user, record, activity


def test_the_expert_sees_their_invitation_and_nothing_else(world, client_as, invited):
    user, record, activity = invited
    other_activity = research(world, title="另一项调研")
    client = client_as(user)
    page = client.get(reverse("cooperation:my_invitations"))
    assert page.status_code == 200 and activity.title in page.content.decode()
    assert "另一项调研" not in page.content.decode()
    home = client.get("/").content.decode()
    assert reverse("cooperation:my_invitations") in home
    proposal = submitted(world, title="关于加快新能源装备制造业发展的提案")
    listed = client.get("/proposals/")  # the list opens on an empty page: no proposal of the committee on it
    assert proposal.title not in listed.content.decode()
    assert not proposals_visible_to(user, world.city).exists()
    refused = [reverse("proposals:detail", args=[proposal.pk]), "/proposals/new/", "/duties/", "/stats/",
               reverse("activities:detail", args=[activity.pk]), reverse("activities:detail", args=[other_activity.pk]), reverse("cooperation:expert_list"),
               reverse("cooperation:joint_list"), reverse("cooperation:alliance_list"),
               reverse("cooperation:expert_detail", args=[expert(world, name="王志强", phone="13993712346").pk])]
    statuses = {url: client.get(url).status_code for url in refused}
    assert all(code in (403, 404) for code in statuses.values()), statuses
    answer = client.get("/api/v1/proposals/")
    assert answer.status_code in (403, 404) or answer.json()["items"] == []
    api = {url: client.get(url).status_code for url in ("/api/v1/cooperation/experts",
                                                         "/api/v1/cooperation/joint", "/api/v1/stats/figures")}
    assert all(code in (403, 404) for code in api.values()), api
    mine = client.get("/api/v1/cooperation/invitations").json()
    assert [i["activity_title"] for i in mine["items"]] == [activity.title]


def test_an_expert_without_the_record_link_has_nothing(world, client_as, invited):
    user, record, _activity = invited
    services.expert_set_active(actor=world.city_office, expert=record, active=False)
    assert client_as(user).get(reverse("cooperation:my_invitations")).status_code == 403


def test_invitation_details_follow_lists(world, client_as, invited):
    user, record, activity = invited
    second = expert(world, name="王志强", phone="13993712346")
    second_user = expert_account(world, second, "city_expert2")
    services.expert_invite(actor=world.city_office, activity=research(world, title="第二项"), experts=[second])
    rows = list(selectors.invitations_visible_to(world.city_office, world.city))
    users = [user, second_user, world.city_office, world.city_leader, world.city_member, world.city2_office]
    check_details_follow_lists(client_as, users=users, objects=rows, visible=selectors.invitations_visible_to,
                               url=lambda o: reverse("cooperation:invitation_detail", args=[o.pk]))


def test_expert_and_joint_details_follow_lists(world, client_as, invited):
    user, record, _activity = invited
    experts = [record, expert(world, "city2", name="马建军", phone="13893700001")]
    users = [user, world.city_office, world.city_leader, world.city_admin, world.city_member, world.city_sysadmin,
             world.city2_office, world.county_office]
    check_details_follow_lists(client_as, users=users, objects=experts, visible=selectors.experts_visible_to,
                               url=lambda o: reverse("cooperation:expert_detail", args=[o.pk]))
    joints = [joint(world), joint(world, "county", co=(), title="秦州区自办")]
    check_details_follow_lists(client_as, users=users, objects=joints, visible=selectors.joints_visible_to,
                               url=lambda o: reverse("cooperation:joint_detail", args=[o.pk]))
