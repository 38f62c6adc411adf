import pytest

from zhengxie.core.models import Member, Person
from zhengxie.search import segment
from zhengxie.search.models import SearchEntry
from zhengxie.search.selectors import search, similar
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


def test_similar_entries(indexed, world):
    result = similar(world.members["city_member"], text="天水市第一中学 教师")
    assert result and result[0][1] > 0.25


def test_search_page_and_api(indexed, world, client_as):
    client = client_as(world.city_office)
    page = client.get("/search/", {"q": "中医医院"})
    assert page.status_code == 200 and world.members["city_member2"].person.name in page.content.decode()
    data = client.get("/api/v1/search", {"q": "中医医院"}).json()
    assert len(data) == 1 and data[0]["url"].startswith("/members/")


def test_query_made_of_punctuation_only(indexed, world):
    assert search(world.city_office, world.city, "！！？？ ' \" OR AND") == []
