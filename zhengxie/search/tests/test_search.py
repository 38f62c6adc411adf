import pytest

from zhengxie.core.models import Member, Person
from zhengxie.search import segment
from zhengxie.search.models import SearchEntry
from zhengxie.search.selectors import search
from zhengxie.search.services import reindex

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def indexed(world):
    for seat, unit in [("city_member", "天水市第一中学"), ("city_member2", "天水市中医医院"),
                       ("county_member", "秦州区第一中学"), ("city_member3", "河西走廊公路建设指挥部")]:
        Person.objects.filter(pk=world.members[seat].person_id).update(work_unit=unit)
    reindex()
    return world


def test_segmentation_drops_stop_words_and_punctuation():
    words = segment.tokens("关于加快河西走廊公路大通道建设的提案！")
    assert "河西走廊" in words and "河西" in words and "的" not in words and "提案" not in words
    assert "！" not in "".join(words)


def test_staff_find_members_by_words_of_their_work_unit(indexed, world):
    hits = search(world.city_office, world.city, "第一中学")
    assert [h.obj for h in hits] == [world.members["city_member"]]  # not the county's member


def test_search_applies_the_apps_visibility(indexed, world):
    # Members do not see the member list: another member's seat is not found; one's own is (its page opens).
    assert search(world.city_member2, world.city, "第一中学") == []
    assert [h.obj for h in search(world.city_member, world.city, "第一中学")] == [world.members["city_member"]]


def test_index_follows_saves_and_deletes(world):
    seat = world.members["city_member2"]
    Person.objects.filter(pk=seat.person_id).update(work_unit="天水市数据局")
    seat = Member.objects.get(pk=seat.pk)
    seat.save()  # the signal reindexes after commit
    assert [h.obj for h in search(world.city_office, world.city, "数据局")] == [seat]
    seat_id = seat.pk
    Member.objects.filter(pk=seat_id).delete()
    assert not SearchEntry.objects.filter(object_id=str(seat_id)).exists()


def test_search_page_and_api(indexed, world, client_as):
    client = client_as(world.city_office)
    page = client.get("/search/", {"q": "中医医院"})
    assert page.status_code == 200 and world.members["city_member2"].person.name in page.content.decode()
    data = client.get("/api/v1/search", {"q": "中医医院"}).json()
    assert len(data) == 1 and data[0]["url"].startswith("/members/")


def test_query_made_of_punctuation_only(indexed, world):
    assert search(world.city_office, world.city, "！！？？ ' \" OR AND") == []


def test_words_that_are_parts_of_another_query_word_are_left_out():
    from zhengxie.search.selectors import _without_parts

    assert _without_parts(["电动", "动车", "电动车", "电动", "停放"]) == ["电动车", "停放"]


def test_matches_are_the_newest_across_the_id_blocks_and_ranked(world):
    """Entries spread over many blocks of ids: a search returns the newest ``limit`` matches of its organisation
    (whichever round finds them), ranked, and an organisation's single old match is found by the last round."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from zhengxie.proposals.models import Proposal
    from zhengxie.search.selectors import BUCKET, _match_ids

    SearchEntry.objects.all().delete()  # the world's own entries: only these rows below
    content_type = ContentType.objects.get_for_model(Proposal)
    ids = [7, BUCKET * 3 + 1, BUCKET * 40 + 5, BUCKET * 200 + 9, BUCKET * 700 + 2, BUCKET * 700 + 3]
    rows = [SearchEntry(id=pk, organisation=world.city, content_type=content_type, object_id=f"b{pk}",
                        title=f"t{pk}", words="停车 停车 停车位" if pk == ids[2] else "停车 路段 收费 标准 调整 公示 意见")
            for pk in ids]
    rows += [SearchEntry(id=BUCKET * 701 + n, organisation=world.city, content_type=content_type,
                         object_id=f"other{n}", title="other", words="电动车") for n in range(3)]
    rows.append(SearchEntry(id=11, organisation=world.county, content_type=content_type, object_id="county",
                            title="county", words="停车"))
    SearchEntry.objects.bulk_create(rows)
    three = [pk for pk, _s in _match_ids(world.city.pk, ["停车"], limit=3)]
    if connection.vendor == "postgresql":  # the newest three, found in the first rounds, ranked
        assert sorted(three) == sorted(ids[-3:])
    else:  # FTS5 ranks every match: the best three
        assert len(three) == 3 and three[0] == ids[2]
    everything = _match_ids(world.city.pk, ["停车"])
    assert sorted(pk for pk, _s in everything) == sorted(ids)
    assert everything[0][0] == ids[2]  # two words of the query in it: ranked first
    assert [pk for pk, _s in _match_ids(world.county.pk, ["停车"])] == [11]
    assert [pk for pk, _s in _match_ids(world.city.pk, ["停车位", "停车"])] == [ids[2]]
    assert _match_ids(world.city.pk, ["停车"], content_type_id=content_type.pk + 999) == []
