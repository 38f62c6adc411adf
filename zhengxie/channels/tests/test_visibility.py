"""Deliveries: the organisation's staff see its rows, a person their own, nobody another organisation's."""

import pytest
from django.urls import reverse

from zhengxie.channels import selectors
from zhengxie.channels.models import Delivery
from zhengxie.core import services
from zhengxie.core.tests.visibility import check_details_follow_lists

pytestmark = pytest.mark.django_db


def test_deliveries_follow_the_rule(world, client_as):
    for org, member in ((world.city, world.city_member), (world.city2, world.city2_member)):
        services.notify(recipients=[member], organisation=org, code="proposals.rate_reply", title="请评价", url="/")
    city_rows = selectors.deliveries_visible_to(world.city_office, world.city)
    assert city_rows.exists() and not city_rows.exclude(organisation=world.city).exists()
    assert list(selectors.deliveries_visible_to(world.city_member2, world.city)) == []
    assert set(selectors.deliveries_visible_to(world.city_member, world.city)) == set(
        Delivery.objects.filter(recipient=world.city_member))
    check_details_follow_lists(
        client_as, users=[world.city_office, world.city_member, world.city_member2, world.city2_office],
        objects=list(Delivery.objects.all()), visible=selectors.deliveries_visible_to,
        url=lambda d: reverse("channels:notice_route", args=[d.notification_id]))
