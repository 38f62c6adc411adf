"""The similarity engine (no database), its stored signatures, and the similar items of the pages and the API."""

import pytest

from zhengxie.search.models import SimilarityPosting, SimilaritySignature, SimilarityTermCount
from zhengxie.search.selectors import similar_signatures
from zhengxie.search.similarity import default_engine, normalise

TITLES = [
    "关于解决农民工欠薪问题的建议",
    "关于根治拖欠工资的提案",
    "关于加快公共厕所建设的建议",
    "关于推进厕所革命的提案",
    "关于增设城区公厕的建议",
    "关于治理广场舞噪音的建议",
    "关于整治噪声扰民的提案",
    "关于加强我市管理工作的建议",
    "关于推进我市建设的建议",
    "关于加快发展乡村旅游的建议",
    "关于推动智慧农业发展的提案",
    "关于加强校园食品安全的建议",
]


@pytest.fixture
def engine():
    engine = default_engine()
    return engine.fit(engine.signature(t) for t in TITLES)


@pytest.mark.parametrize("a, b", [
    ("关于解决农民工欠薪问题的建议", "关于根治拖欠工资的提案"),
    ("关于加快公共厕所建设的建议", "关于推进厕所革命的提案"),
    ("关于增设城区公厕的建议", "关于加快公共厕所建设的建议"),
    ("关于治理广场舞噪音的建议", "关于整治噪声扰民的提案"),
])
def test_the_same_issue_in_other_words_meets(engine, a, b):
    others = [t for t in TITLES if t != a]
    top = [key for key, _score in engine.similar(a, [(t, t) for t in others], limit=2)]
    assert b in top and engine.score(a, b) >= 0.25


def test_the_genre_words_alone_make_nothing_similar(engine):
    assert engine.score("关于加强我市管理工作的建议", "关于推进我市建设的建议") == 0.0
    assert engine.signature("关于进一步加强和推进我市管理工作的建议") == {}


def test_the_number_label_is_not_part_of_the_signature(engine):
    assert normalise("八届五次第0001号 关于推进厕所革命的提案").strip() == "关于推进厕所革命的提案"
    assert engine.signature("八届五次第0001号 关于推进厕所革命的提案") == engine.signature("关于推进厕所革命的提案")
    assert engine.signature("十四届二次会议第151号提案") == {}


def test_scores_lie_between_zero_and_one_and_are_symmetric(engine):
    a, b = "关于加快公共厕所建设的建议", "关于增设城区公厕的建议"
    assert 0 < engine.score(a, b) <= 1
    assert engine.score(a, b) == pytest.approx(engine.score(b, a))
    assert engine.score(a, a) == pytest.approx(1.0)


# -- stored signatures and the pages ------------------------------------------------------------------------------------

@pytest.fixture
def proposals(world):
    from zhengxie.proposals.tests.helpers import draft, registered

    return {
        "wages": registered(world, title="关于解决农民工欠薪问题的建议"),
        "toilets": registered(world, title="关于加快公共厕所建设的建议"),
        "tourism": registered(world, title="关于加快发展乡村旅游的建议"),
        "other_draft": draft(world, "city_member2", title="关于根治拖欠农民工工资的提案"),
    }


@pytest.mark.django_db(transaction=True)
def test_a_signature_is_stored_when_a_proposal_is_saved_and_a_draft_has_none(world, proposals):
    from zhengxie.proposals.models import Proposal

    signature = SimilaritySignature.objects.get(object_id=str(proposals["wages"].pk))
    assert "#欠薪" in signature.terms and "八届" not in signature.terms and signature.norm > 0
    assert SimilarityPosting.objects.filter(signature=signature, term="#欠薪").exists()
    assert not SimilaritySignature.objects.filter(object_id=str(proposals["other_draft"].pk)).exists()
    documents = SimilarityTermCount.objects.get(organisation=world.city, term="").documents
    assert documents == Proposal.objects.filter(organisation=world.city).exclude(status="draft").count()


@pytest.mark.django_db(transaction=True)
def test_similar_signatures_find_the_same_issue_through_the_inverted_index(world, proposals):
    from zhengxie.proposals.models import Proposal

    hits = similar_signatures(organisation_id=world.city.pk, model=Proposal, title="关于根治拖欠工资的建议")
    assert [s.object_id for s, _score in hits] == [str(proposals["wages"].pk)]
    hits = similar_signatures(organisation_id=world.city.pk, model=Proposal, title="关于推进厕所革命的提案")
    assert [s.object_id for s, _score in hits][:1] == [str(proposals["toilets"].pk)]
    assert similar_signatures(organisation_id=world.county.pk, model=Proposal, title="关于推进厕所革命的提案") == []


@pytest.mark.django_db(transaction=True)
def test_drafting_page_lists_similar_proposals_never_a_draft_of_another_member(world, proposals, client_as):
    client = client_as(world.city_member3)
    page = client.get("/search/similar/", {"kind": "proposals.proposal", "title": "关于根治拖欠农民工工资的建议"},
                      HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200
    assert proposals["wages"].title in html and proposals["other_draft"].title not in html
    assert client.get("/search/similar/", {"kind": "core.member", "title": "x"}).status_code == 400


@pytest.mark.django_db(transaction=True)
def test_similar_api_is_scoped_and_leaves_out_the_item_itself(world, proposals, client_as):
    client = client_as(world.city_office)
    wages = proposals["wages"]
    data = client.get("/api/v1/search/similar", {"kind": "proposals.proposal", "title": wages.title}).json()
    assert data[0]["id"] == str(wages.pk) and data[0]["details"]["number"] == wages.number_label
    data = client.get("/api/v1/search/similar",
                      {"kind": "proposals.proposal", "title": wages.title, "exclude": wages.pk}).json()
    assert str(wages.pk) not in [d["id"] for d in data]
    assert client.get("/api/v1/search/similar", {"kind": "nothing", "title": "x"}).status_code == 400
    county = client_as(world.county_proposal)
    assert county.get("/api/v1/search/similar", {"kind": "proposals.proposal", "title": wages.title}).json() == []


@pytest.mark.django_db(transaction=True)
def test_search_finds_a_proposal_by_number_and_proposer_with_an_excerpt_pages_and_filters(world, proposals, client_as):
    from zhengxie.search.selectors import search_results

    wages = proposals["wages"]
    by_number = search_results(world.city_office, world.city, wages.number_label)
    assert wages in [h.obj for h in by_number.hits]
    by_name = search_results(world.city_office, world.city, wages.proposer_label)
    assert wages in [h.obj for h in by_name.hits] and by_name.count >= 3
    hit = next(h for h in by_name.hits if h.obj == wages)
    assert "<mark>" in hit.excerpt and hit.moment is not None and hit.status
    paged = search_results(world.city_office, world.city, wages.proposer_label, size=1, page=2)
    assert paged.count == by_name.count and paged.pages == by_name.count and len(paged.hits) == 1
    # Filters: a state of the kind, the year of the item's date, every organisation the user works in.
    from django.utils import timezone

    name, year = wages.proposer_label, timezone.localdate().year
    registered = search_results(world.city_office, world.city, name, kind="proposals.proposal", status="registered")
    assert wages in [h.obj for h in registered.hits]
    assert search_results(world.city_office, world.city, name, kind="proposals.proposal", status="rejected").count == 0
    assert search_results(world.city_office, world.city, name, year=year).count >= 1
    assert search_results(world.city_office, world.city, name, year=year - 3).count == 0
    office = client_as(world.city_office)
    data = office.get("/api/v1/search/results", {"q": name, "size": 1, "page": 2}).json()
    assert data["page"] == 2 and data["pages"] == data["count"] >= 2 and len(data["hits"]) == 1
    page = office.get("/search/", {"q": name, "kind": "proposals.proposal", "status": "registered", "year": year})
    assert page.status_code == 200 and wages.title in page.content.decode()
    # Someone with a role in two organisations finds in both at once, each by its own rules; a county alone nothing.
    from zhengxie.core.choices import Role
    from zhengxie.core.models import RoleAssignment

    county_office = world.users["county_office"]
    RoleAssignment.objects.create(user=county_office, organisation=world.city, role=Role.GENERAL_OFFICE)
    county = client_as(county_office)
    assert county.get("/api/v1/search/results", {"q": name}).json()["count"] == 0
    assert county.get("/api/v1/search/results", {"q": name, "organisation": "all"}).json()["count"] >= 1
    assert county.get("/api/v1/search/results", {"q": name, "kind": "nothing"}).status_code == 400


@pytest.mark.django_db(transaction=True)
def test_search_pages_split_one_ordering_and_the_date_order_is_newest_first(world, proposals, django_assert_max_num_queries):
    from zhengxie.search.selectors import search_results

    name = proposals["wages"].proposer_label
    whole = search_results(world.city_office, world.city, name, size=100)
    pages = [search_results(world.city_office, world.city, name, size=1, page=n).hits for n in range(1, whole.count + 1)]
    assert [h.obj for hits in pages for h in hits] == [h.obj for h in whole.hits]  # the pages split one ordering
    by_date = search_results(world.city_office, world.city, name, size=100, sort="date").hits
    dated = [h.moment for h in by_date if h.moment is not None]  # the member's seat has no date: it comes last
    assert dated == sorted(dated, reverse=True) and [h.moment for h in by_date[len(dated):]] == [None] * (len(by_date) - len(dated))
    assert all(h.url for h in by_date) and any("<mark>" in h.excerpt for h in by_date)
    # Only the page's objects are read whole: a page of one costs no more queries than a page of all.
    with django_assert_max_num_queries(12):
        search_results(world.city_office, world.city, name, size=1)

