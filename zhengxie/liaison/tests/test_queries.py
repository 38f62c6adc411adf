"""The lists of topics and contact duties, as pages and in the API, cost the same number of queries for 2 rows or
20: nothing is fetched row by row."""

import pytest
from django.urls import reverse

from zhengxie.core.tests.queries import assert_flat
from zhengxie.liaison import services

from .test_contacts import assign_sector, visit
from .test_topics import listed

pytestmark = pytest.mark.django_db


def test_topic_lists_do_not_grow_with_the_rows(world, client_as):
    def add(n):
        for i in range(n):
            topic = listed(world, title=f"关于第{i}项民生实事的建议")
            services.topic_claim(actor=world.city_member, topic=topic)

    add(2)
    member, office = client_as(world.city_member), client_as(world.city_office)
    assert_flat(lambda: member.get(reverse("liaison:topic_list")), lambda: add(18), label="topic page")
    assert_flat(lambda: office.get("/api/v1/liaison/topics?size=50"), lambda: add(18), label="topic API")


def test_contact_duty_lists_do_not_grow_with_the_rows(world, client_as):
    def add(n):
        for i in range(n):
            holder = ("city_member", "city_member2", "city_member3")[i % 3]
            visit(world, assign_sector(world, holder=holder), who=holder)

    add(2)
    office = client_as(world.city_office)
    assert_flat(lambda: office.get(reverse("liaison:assignment_list")), lambda: add(18), label="duty page")
    assert_flat(lambda: office.get("/api/v1/liaison/contacts?size=50"), lambda: add(18), label="duty API")
