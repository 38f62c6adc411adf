"""Every work-list address refuses what the user's lists hide: items, lists, projects, recommendations, groups;
no row of another organisation appears."""

import pytest
from django.urls import reverse

from zhengxie.core.tests.visibility import check_details_follow_lists
from zhengxie.worklists import selectors, services

from .factories import make_item, make_list

pytestmark = pytest.mark.django_db

USERS = ["city_member", "city_office", "city_leader", "city_committee", "city_proposal", "city_unit", "city_unit2",
         "city_partygov", "city_info", "county_office", "county_unit"]


def test_items_lists_and_projects_follow_their_visibility_rules(world, client_as):
    city_list = make_list(world)
    own = make_item(world, work_list=city_list, unit=0)
    other_unit = make_item(world, work_list=city_list, title="改善城区交通", unit=1, leader=False)
    followed = make_item(world, work_list=city_list, title="老旧小区改造承诺", unit=2, leader=False)
    followed.followers.add(world.city_member)
    county = make_item(world, org="county", title="秦州区重点任务")
    users = [world.users[u] for u in USERS]
    check_details_follow_lists(client_as, users=users, objects=[own, other_unit, followed, county],
                               organisation=world.city, visible=selectors.items_visible_to,
                               url=lambda i: reverse("worklists:item", args=[i.pk]))
    check_details_follow_lists(client_as, users=users, objects=[city_list, county.work_list],
                               organisation=world.city, visible=selectors.lists_visible_to,
                               url=lambda wl: reverse("worklists:list", args=[wl.pk]))
    project = services.project_create(actor=world.city_office, organisation=world.city, name="文旅康养综合体",
                                      investor="香港某投资集团", member=world.members["city_member"])
    other = services.project_create(actor=world.city_office, organisation=world.city, name="物流园",
                                    investor="某物流公司")
    check_details_follow_lists(client_as, users=users, objects=[project, other], organisation=world.city,
                               visible=selectors.projects_visible_to,
                               url=lambda p: reverse("worklists:project", args=[p.pk]))
    rec = services.recommendation_create(actor=world.city_office, organisation=world.city, title="建议案", text="……")
    group = services.group_create(actor=world.city_office, organisation=world.city, name="协调保障领导小组",
                                  members=[(world.city_unit, "成员")])
    check_details_follow_lists(client_as, users=users, objects=[rec], organisation=world.city,
                               visible=selectors.recommendations_visible_to,
                               url=lambda r: reverse("worklists:recommendation", args=[r.pk]))
    check_details_follow_lists(client_as, users=users, objects=[group], organisation=world.city,
                               visible=selectors.groups_visible_to,
                               url=lambda g: reverse("worklists:group", args=[g.pk]))
    # What each sees in its lists: the unit its unit's item only, the member the promise followed.
    assert set(selectors.items_visible_to(world.city_unit, world.city)) == {own}
    assert set(selectors.items_visible_to(world.city_member, world.city)) == {followed}
    assert county not in selectors.items_visible_to(world.city_office, world.city)
