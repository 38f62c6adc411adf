"""Groups of items about the same issue: reports received or forwarded up, constituents' concerns."""

import pytest

from zhengxie.search.clusters import cluster_signatures


def test_items_join_through_a_pair_above_the_threshold_and_the_rest_stay_alone():
    vectors = {"a": {"#养老": 0.8, "农村": 0.6}, "b": {"#养老": 1.0}, "c": {"农村": 0.6, "道路": 0.8},
               "d": {"噪声": 1.0}}
    groups = cluster_signatures(vectors, threshold=0.7)
    assert [sorted(keys) for keys, _low in groups] == [["a", "b"]] and groups[0][1] == pytest.approx(0.8)
    assert sorted(sorted(k) for k, _low in cluster_signatures(vectors, threshold=0.3)) == [["a", "b", "c"]]


@pytest.mark.django_db
def test_reports_and_concerns_about_one_issue_are_grouped_for_those_who_may_see_them(
        world, client_as, django_capture_on_commit_callbacks):
    from zhengxie.opinions.tests.factories import submit

    with django_capture_on_commit_callbacks(execute=True):  # the signatures are computed by a task on commit
        first = submit(world, "county_member", title="关于加强农村互助养老服务的建议")
        second = submit(world, "county_member2", title="关于解决农村留守老人养老难的建议")
        other = submit(world, "county_member", title="关于整治城区广场舞噪音扰民的建议", category="城乡建设")
    office = client_as(world.users["county_info"])
    page = office.get("/opinions/similar/")
    html = page.content.decode()
    assert page.status_code == 200 and first.title in html and second.title in html and other.title not in html
    data = office.get("/api/v1/opinions/reports/similar").json()
    assert [sorted(int(i["id"]) for i in c["items"]) for c in data] == [sorted([first.pk, second.pk])]
    assert "养老" in data[0]["concepts"] and data[0]["items"][0]["details"]["origin"]
    assert office.get("/api/v1/opinions/reports/similar", {"among": "forwarded"}).json() == []
    assert office.get("/api/v1/opinions/reports/similar", {"among": "sideways"}).status_code == 400
    assert client_as(world.users["city_info"]).get("/api/v1/opinions/reports/similar").json() == []
    member = client_as(world.users["county_member"])
    assert member.get("/opinions/similar/").status_code == 403
    assert member.get("/api/v1/opinions/reports/similar").status_code == 403

    # The same complaint at several places.
    from zhengxie.outreach.tests.factories import make_place
    from zhengxie.outreach.tests.factories import submit as submit_concern

    station = make_place(world.city, lead=world.members["city_member"])
    elsewhere = make_place(world.city, name="西关街道政协委员工作站", township="西关街道")
    with django_capture_on_commit_callbacks(execute=True):
        potholes, _code = submit_concern(world.city, place=station,
                                         description="村里通往镇上的道路坑洼严重，雨天车辆无法通行，希望尽快修路。")
        again, _code = submit_concern(world.city, place=elsewhere,
                                      description="通往镇上的道路坑洼不平，雨天无法通行，请尽快修路。")
        noise, _code = submit_concern(world.city, place=station,
                                      description="小区旁边的广场舞每天晚上音响声音太大，噪音扰民。")
    office = client_as(world.city_office)
    page = office.get("/outreach/concerns/similar/")
    html = page.content.decode()
    assert page.status_code == 200 and potholes.reference in html and again.reference in html
    assert noise.reference not in html and "王秀兰" not in html and "13912345678" not in html
    data = office.get("/api/v1/outreach/concerns/similar").json()
    assert [sorted(int(i["id"]) for i in c["items"]) for c in data] == [sorted([potholes.pk, again.pk])]
    assert office.get("/api/v1/outreach/concerns/similar", {"place_id": station.pk}).json() == []  # one at each
    assert office.get("/outreach/concerns/similar/", {"place": station.pk}).status_code == 200
    # A member sees the groups among the concerns of his own places only; another committee sees none.
    lead = client_as(world.users["city_member"])
    assert lead.get("/api/v1/outreach/concerns/similar").json() == []
    assert client_as(world.users["county_office"]).get("/api/v1/outreach/concerns/similar").json() == []
