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
