"""The drafting checks: each rule fires on the text it describes and stays quiet on a well-written proposal."""

import pytest

from zhengxie.proposals.drafting_checks import checks

GOOD = {
    "title": "关于加快城区公共厕所建设的建议",
    "background": "我市城区现有公厕86座，按常住人口计算每平方公里不足2座，老城区和商业街如厕难问题突出，群众反映强烈。"
                  "调研发现，部分公厕年久失修，无障碍设施缺失，夜间不开放；新建小区和商业综合体配建公厕对外开放的不到三成，"
                  "环卫部门保洁经费按十年前标准核定。",
    "suggestions": "一是编制公厕专项规划，2025年前新建公厕20座；二是推动沿街单位厕所对外开放；三是落实保洁经费。",
}


def codes(**changes):
    return {c.code for c in checks(**{**GOOD, **changes})}


def test_a_well_written_proposal_passes():
    assert codes() == set()


@pytest.mark.parametrize("changes, code", [
    ({"title": "公厕"}, "title_short"),
    ({"title": "城区公共厕所的现状与问题"}, "title_no_action"),
    ({"title": "关于加快公共厕所建设和解决停车难的建议"}, "several_issues"),
    ({"background": ""}, "no_background"),
    ({"suggestions": "希望重视"}, "no_suggestions"),
    ({"suggestions": "希望有关部门高度重视公厕问题，加大投入，尽快改善群众如厕条件，提升城市文明形象。"}, "no_measure"),
    ({"background": "城区公厕太少，群众如厕难。", "suggestions": "一是新建公厕；二是开放单位厕所。"}, "too_short"),
    ({"background": "公厕问题。" * 1300}, "too_long"),
    ({"background": "关于加快城区公共厕所建设的建议。"}, "repeats_title"),
])
def test_each_rule_fires_on_what_it_describes(changes, code):
    assert code in codes(**changes)


@pytest.mark.django_db
def test_the_drafting_page_asks_for_the_checks(world, client_as):
    client = client_as(world.city_member)
    response = client.post("/proposals/drafting-checks/", {**GOOD, "background": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-check="no_background"' in response.content.decode()
    assert client_as(world.city_unit).post("/proposals/drafting-checks/", GOOD).status_code == 403
