"""Who sees which report: the author their own, the office its organisation's, a parent only what was forwarded to
it, a sibling county nothing — in the selectors, on the pages and in the API."""

import pytest

from zhengxie.core.exceptions import NotFound
from zhengxie.opinions import selectors

from .factories import climb, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(world):
    """A county member's report forwarded to the city, one kept at the county, and one in the sibling county."""
    forwarded = submit(world, title="上报的信息")
    city = climb(world, forwarded)
    kept = submit(world, "county_member2", title="留在区里的信息")
    sibling = submit(world, "county2_member", title="麦积区的信息")
    city_own = submit(world, "city_member", title="市里委员的信息")
    return {"forwarded": forwarded, "city": city, "kept": kept, "sibling": sibling, "city_own": city_own}


def visible(world, who: str, org: str) -> set[str]:
    return set(selectors.reports_visible_to(world.users[who], world.orgs[org]).values_list("title", flat=True))


def test_the_office_and_leaders_see_their_organisation_only(world, reports):
    assert visible(world, "county_info", "county") == {"上报的信息", "留在区里的信息"}
    assert visible(world, "county_leader", "county") == {"上报的信息", "留在区里的信息"}
    assert visible(world, "county2_info", "county2") == {"麦积区的信息"}


def test_a_parent_sees_only_what_was_forwarded_to_it(world, reports):
    assert visible(world, "city_info", "city") == {"上报的信息", "市里委员的信息"}
    assert visible(world, "province_info", "province") == set()
    # the city's row is its own record, not the county's
    assert set(selectors.reports_visible_to(world.city_info, world.city).values_list("pk", flat=True)) == {
        reports["city"].pk, reports["city_own"].pk}


def test_authors_see_their_own(world, reports):
    assert visible(world, "county_member", "county") == {"上报的信息"}
    assert visible(world, "county_member2", "county") == {"留在区里的信息"}
    assert visible(world, "county_member3", "county") == set()


def test_body_contacts_see_their_body_reports(world, reports):
    report = submit(world, "county_info", body=world.county_party, title="民盟的信息")
    assert visible(world, "county_body", "county") == {"民盟的信息"}
    assert report.author_user is None


@pytest.mark.parametrize("who", ["county_proposal", "county_office", "county_committee", "county_admin",
                                 "county_partygov", "county_unit", "county_informant", "county_body"])
def test_nobody_else_sees_any(world, reports, who):
    assert visible(world, who, "county") == set()


def test_a_record_of_another_level_is_not_found_even_by_its_id(world, reports):
    with pytest.raises(NotFound):
        selectors.report_get_for_user(world.city_info, world.city, reports["forwarded"].pk)
    with pytest.raises(NotFound):
        selectors.report_get_for_user(world.county_info, world.county, reports["city"].pk)
    with pytest.raises(NotFound):
        selectors.report_get_for_user(world.county2_info, world.county2, reports["kept"].pk)


@pytest.mark.parametrize(("who", "key", "status"), [
    ("county_member", "forwarded", 200), ("county_info", "forwarded", 200), ("county_leader", "kept", 200),
    ("county_member2", "forwarded", 404), ("county2_info", "kept", 404), ("city_info", "forwarded", 404),
    ("city_info", "city", 200), ("province_info", "city", 404), ("county_info", "city", 404),
    ("county_proposal", "kept", 404),
])
def test_report_page(world, reports, client_as, who, key, status):
    response = client_as(world.users[who]).get(f"/opinions/{reports[key].pk}/")
    assert response.status_code == status


@pytest.mark.parametrize(("who", "key", "status"), [
    ("county_member", "forwarded", 200), ("county_member2", "forwarded", 404), ("county2_info", "kept", 404),
    ("city_info", "forwarded", 404), ("city_info", "city", 200),
])
def test_report_api(world, reports, client_as, who, key, status):
    response = client_as(world.users[who]).get(f"/api/v1/opinions/reports/{reports[key].pk}")
    assert response.status_code == status


def test_lists_of_other_users_and_organisations_stay_empty(world, reports, client_as):
    body = client_as(world.county2_info).get("/opinions/queue/").content.decode()
    assert "麦积区的信息" in body and "上报的信息" not in body and "留在区里的信息" not in body
    body = client_as(world.province_info).get("/opinions/queue/").content.decode()
    assert "上报的信息" not in body
    api = client_as(world.county_member2).get("/api/v1/opinions/reports").json()
    assert [r["title"] for r in api["items"]] == ["留在区里的信息"]


def test_the_author_sees_what_happened_above_but_not_the_offices_work(world, reports, client_as):
    page = client_as(world.county_member).get(f"/opinions/{reports['forwarded'].pk}/").content.decode()
    assert "天水市政协" in page  # the level it reached
    assert "办理记录" not in page  # the office's history is not shown to the author
    response = client_as(world.county_member).get(f"/opinions/{reports['forwarded'].pk}/diff/")
    assert response.status_code == 403


def test_search_finds_reports_only_for_who_may_see_them(world, reports, client_as, django_capture_on_commit_callbacks):
    from zhengxie.search.services import reindex

    reindex()
    def titles(who):
        response = client_as(world.users[who]).get("/api/v1/search", {"q": "留在区里"})
        assert response.status_code == 200
        return [hit["title"] for hit in response.json()]

    assert titles("county_info") == ["留在区里的信息"] == titles("county_member2")
    for who in ("county_member", "county2_info", "city_info"):
        assert titles(who) == []


def test_every_report_address_refuses_what_the_lists_hide(world, reports, client_as):
    from zhengxie.core.tests.visibility import check_details_follow_lists

    users = [world.users[u] for u in ("county_member", "county_member2", "county_info", "county_leader",
                                      "city_info", "city_member", "county2_info", "county_unit")]
    check_details_follow_lists(client_as, users=users, objects=list(reports.values()),
                               visible=selectors.reports_visible_to,
                               url=lambda r: f"/opinions/{r.pk}/")
