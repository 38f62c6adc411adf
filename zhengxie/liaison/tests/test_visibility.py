"""Who sees which item and which question — the selectors, the detail pages and the API follow one rule each; no
row of another organisation appears."""

import pytest
from django.urls import reverse

from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.liaison import selectors, services

from .factories import ask, item

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_member2", "city_office", "city_leader", "city_unit", "city_unit2", "city_partygov",
         "city_body", "city_sysadmin", "county_member", "city2_office"]


@pytest.fixture
def rows(world):
    education = world.city.sectors.get(name="教育界")
    items = [item(world, title="全体委员"), item(world, "city_unit", title="部门草稿", publish=False),
             item(world, title="教育界", access="sector", sector=education), item(world, title="领导", access="leaders"),
             item(world, "city_partygov", title="政府办", department="天水市人民政府办公室"),
             item(world, "city2_office", title="酒泉的信息", department="酒泉市政协办公室")]
    answered = services.inquiry_answer(actor=world.city_unit, inquiry=ask(world, title="公开的答复"), answer="答复。",
                                       public=True)
    questions = [answered, ask(world, "city_member2", title="未答复", unit="city_unit1"),
                 ask(world, "city2_member", unit="city2_unit0", title="酒泉的问询")]
    return {"items": items, "questions": questions}


def test_item_details_follow_lists(world, client_as, rows):
    check_details_follow_lists(client_as, users=[world.users[u] for u in USERS], objects=rows["items"],
                               visible=selectors.info_items_visible_to,
                               url=lambda o: reverse("liaison:info_detail", args=[o.pk]))


def test_question_details_follow_lists(world, client_as, rows):
    check_details_follow_lists(client_as, users=[world.users[u] for u in USERS], objects=rows["questions"],
                               visible=selectors.inquiries_visible_to,
                               url=lambda o: reverse("liaison:inquiry_detail", args=[o.pk]))


def test_who_sees_which_item(world, rows):
    def titles(who, org="city"):
        return set(selectors.info_items_visible_to(world.users[who], world.orgs[org]).values_list("title", flat=True))

    assert titles("city_member") == {"全体委员", "政府办"}
    assert titles("city_unit") == {"部门草稿"}
    assert titles("city_unit2") == set()
    assert titles("city_partygov") == {"政府办"}
    assert titles("city_office") == titles("city_leader") == {"全体委员", "部门草稿", "教育界", "领导", "政府办"}
    for who in ("city_body", "city_sysadmin", "city_informant"):
        assert titles(who) == set()
    assert titles("city2_office", "city2") == {"酒泉的信息"}


def test_who_sees_which_question(world, rows):
    def titles(who, org="city"):
        return set(selectors.inquiries_visible_to(world.users[who], world.orgs[org]).values_list("title", flat=True))

    assert titles("city_member") == {"公开的答复"}
    assert titles("city_member2") == {"公开的答复", "未答复"}
    assert titles("city_member3") == {"公开的答复"}
    assert titles("city_unit") == {"公开的答复"}
    assert titles("city_unit2") == {"未答复"}
    assert titles("city_office") == titles("city_partygov") == titles("city_leader") == {"公开的答复", "未答复"}
    assert titles("city_body") == titles("city_sysadmin") == set()


def test_the_api_follows_the_same_rules(world, client_as, rows):
    member = client_as(world.city_member)
    listed = member.get("/api/v1/liaison/info").json()
    assert {i["title"] for i in listed["items"]} == {"全体委员", "政府办"}
    hidden = rows["items"][3]
    assert member.get(f"/api/v1/liaison/info/{hidden.pk}").status_code in (403, 404)
    other = rows["questions"][2]
    assert member.get(f"/api/v1/liaison/inquiries/{other.pk}").status_code in (403, 404)


def test_topic_details_follow_lists(world, client_as):
    from zhengxie.liaison.tests.test_topics import fields

    listed = services.topic_create(actor=world.city_office, organisation=world.city, fields=fields())
    suggested = services.topic_suggest(actor=world.city_unit, organisation=world.city, fields=fields(title="部门建议"))
    foreign = services.topic_create(actor=world.city2_office, organisation=world.city2, fields=fields(title="酒泉"))
    check_details_follow_lists(client_as, users=[world.users[u] for u in USERS], objects=[listed, suggested, foreign],
                               visible=selectors.topics_visible_to,
                               url=lambda o: reverse("liaison:topic_detail", args=[o.pk]))
