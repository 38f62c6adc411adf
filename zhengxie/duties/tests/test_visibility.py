"""Every duty-record address refuses what the user's lists hide (``member_get_for_record`` is
``records_visible_to`` filtered by id; ``permissions.can_view_record`` says the same of one member)."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Member
from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.duties import permissions, selectors

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_office", "city_leader", "city_body", "city_unit", "county_member"]


def test_every_record_address_refuses_what_the_lists_hide(world, client_as):
    members = list(Member.objects.filter(organisation__in=[world.city, world.county]).select_related("organisation"))
    users = [world.users[u] for u in USERS]
    check_details_follow_lists(
        client_as, users=users, objects=members, organisation=world.city,
        visible=selectors.records_visible_to,
        url=lambda m: reverse("duties:member_record", args=[m.pk]))
    for user in users:
        shown = set(selectors.records_visible_to(user, world.city).values_list("pk", flat=True))
        city = [m for m in members if m.organisation_id == world.city.pk]
        assert shown == {m.pk for m in city if permissions.can_view_record(user, m)}, user.username
