"""The office's suggestions on a proposal's page: possible duplicates and handling units (from past assignments)."""

import pytest

from zhengxie.proposals.tests.helpers import handling, registered, reviewing
from zhengxie.proposals.unit_suggestions import unit_suggestions

pytestmark = pytest.mark.django_db(transaction=True)


def test_units_that_handled_similar_proposals_are_suggested_with_the_reason(world):
    past, _tasks = handling(world, title="关于加快公共厕所建设的建议")  # assigned to unit0
    handling(world, title="关于发展乡村旅游的建议", category="文化建设")
    new = reviewing(world, title="关于推进城区公厕改造的提案", category="社会建设")
    suggestions = unit_suggestions(new)
    assert suggestions[0]["unit"] == world.city_unit0
    assert suggestions[0]["proposal"] == past and past.number_label in suggestions[0]["reason"]


def test_without_similar_proposals_the_units_of_the_category_are_suggested(world):
    handling(world, title="关于发展乡村旅游的建议", category="文化建设")
    new = reviewing(world, title="关于保护古树名木的提案", category="文化建设")
    suggestions = unit_suggestions(new)
    assert [s["unit"] for s in suggestions] == [world.city_unit0] and suggestions[0]["proposal"] is None


def test_office_sees_duplicates_and_suggested_units_others_do_not(world, client_as):
    first = registered(world, title="关于解决农民工欠薪问题的建议")
    second = reviewing(world, title="关于根治拖欠农民工工资的提案")
    office = client_as(world.city_proposal)
    page = office.get(f"/proposals/{second.pk}/duplicates/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and first.title in page.content.decode()
    compared = office.get(f"/proposals/{second.pk}/duplicates/", {"compare": first.pk}, HTTP_HX_REQUEST="true")
    assert first.background in compared.content.decode() and "zx-compare" in compared.content.decode()
    assert office.get(f"/proposals/{second.pk}/suggested-units/").status_code == 200
    assert office.get(f"/api/v1/proposals/{second.pk}/suggested-units").status_code == 200
    member = client_as(world.city_member)
    assert member.get(f"/proposals/{second.pk}/duplicates/").status_code == 403
    assert member.get(f"/api/v1/proposals/{second.pk}/suggested-units").status_code == 403


def test_office_merges_a_possible_duplicate_after_seeing_the_target(world, client_as):
    first = reviewing(world, title="关于解决农民工欠薪问题的建议")  # no number yet: chosen by id from the list
    second = reviewing(world, title="关于根治拖欠农民工工资的提案")
    elsewhere = reviewing(world, title="关于根治拖欠农民工工资问题的建议", author="city2_member", org="city2")
    office = client_as(world.city_proposal)
    listed = office.get(f"/proposals/{second.pk}/duplicates/", HTTP_HX_REQUEST="true").content.decode()
    assert f'name="merge-target_id" value="{first.pk}"' in listed
    url = f"/proposals/{second.pk}/do/merge/"
    step = office.post(url, {"merge-version": second.version, "merge-target_id": first.pk})
    assert step.status_code == 200 and first.title in step.content.decode()  # the preview, nothing merged yet
    second.refresh_from_db()
    assert second.merged_into_id is None
    refused = office.post(url, {"merge-version": second.version, "merge-target_id": elsewhere.pk, "confirmed": "1"})
    second.refresh_from_db()
    assert refused.status_code == 400 and second.merged_into_id is None  # another committee's proposal: not found
    member = client_as(world.city_member)
    member.post(url, {"merge-version": second.version, "merge-target_id": first.pk, "confirmed": "1"})
    second.refresh_from_db()
    assert second.merged_into_id is None  # not the office: refused
    done = office.post(url, {"merge-version": second.version, "merge-target_id": first.pk, "confirmed": "1"})
    second.refresh_from_db()
    assert done.status_code == 302 and second.merged_into_id == first.pk


def test_a_renamed_unit_counts_for_its_successor_and_the_kind_of_unit_is_suggested(world):
    from zhengxie.search.models import UnitSuccession

    past, _tasks = handling(world, title="关于加强中小学生心理健康教育的建议")  # replied by unit0 (教育局)
    old, successor = world.city_unit0, world.units["city_unit2"]
    old.is_active = False
    old.save(update_fields=["is_active"])
    new = reviewing(world, title="关于关注青少年心理健康问题的提案")
    assert world.city_unit0 not in [s["unit"] for s in unit_suggestions(new)]  # inactive, no successor: not shown
    UnitSuccession.objects.create(organisation=world.orgs["city"], old=old, new=successor)
    first = unit_suggestions(new)[0]
    assert first["unit"] == successor and first["proposal"] == past
    roads = reviewing(world, title="关于加强农村公路养护的提案")  # nothing similar handled before
    suggested = unit_suggestions(roads)
    assert suggested[0]["unit"] == world.city_unit1 and suggested[0]["proposal"] is None  # 交通运输局
    assert "农村公路" in suggested[0]["reason"]
