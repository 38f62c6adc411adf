"""The big screen (login or display token), display tokens made and revoked, and the annual work summary and a
member's 述职 summary written from the records."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from docx import Document

from zhengxie.stats import services
from zhengxie.stats.models import DisplayToken

from .generated import generate

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year - 1


@pytest.mark.parametrize("who,status", [("city_leader", 200), ("city_office", 200), ("city_partygov", 200),
                                        ("city_member", 403), ("city_unit", 403)])
def test_the_big_screen_needs_a_reader_of_the_statistics(world, client_as, who, status):
    client = client_as(world.users[who])
    assert client.get("/stats/screen/").status_code == status
    assert client.get("/stats/screen/data.json").status_code == status


def test_the_screen_data(world, client_as):
    cache.clear()
    data = client_as(world.city_leader).get("/stats/screen/data.json").json()
    assert data["organisation"] == "天水市政协" and len(data["figures"]) == 12
    assert data["breakdown"]["names"] == ["秦州区政协", "麦积区政协"]  # the city sees its counties
    assert {"meetings", "overdue", "adopted", "trends"} <= set(data)


def test_a_display_token_shows_that_screen_and_nothing_else(world, client):
    token, raw = services.display_token_create(actor=world.city_leader, organisation=world.city, name="三楼会议室")
    assert token.digest != raw and raw not in token.digest and len(token.digest) == 64  # only the digest is kept
    page = client.get(f"/stats/display/{raw}/")
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/stats/display/{raw}/data.json").json()["organisation"] == "天水市政协"
    for path in ("/stats/", "/stats/screen/data.json", "/stats/figures/proposals.received/", "/api/v1/stats/figures",
                 "/proposals/", "/workbench/"):
        assert client.get(path).status_code in (302, 401, 403, 404), path  # the token is no login
    assert client.get("/stats/display/not-a-token/").status_code == 404
    services.display_token_revoke(actor=world.city_leader, token=token)
    assert client.get(f"/stats/display/{raw}/").status_code == 404
    assert client.get(f"/stats/display/{raw}/data.json").status_code == 404


def test_display_tokens_are_managed_by_leaders_and_the_office_only(world, client_as):
    leader = client_as(world.city_leader)
    page = leader.post("/stats/screen/tokens/", {"name": "主席办公室"})
    assert "/stats/display/" in page.content.decode()
    token = DisplayToken.objects.get()
    assert client_as(world.city_proposal).get("/stats/screen/tokens/").status_code == 403
    assert client_as(world.county_leader).post(f"/stats/screen/tokens/{token.pk}/revoke/").status_code == 404
    leader.post(f"/stats/screen/tokens/{token.pk}/revoke/")
    assert DisplayToken.objects.get().revoked_at is not None
    assert "请为显示屏命名" in leader.post("/stats/screen/tokens/", {"name": " "}).content.decode()


def test_the_annual_work_summary_is_written_from_the_records(world, client_as):
    generate(world, YEAR)
    cache.clear()
    client = client_as(world.city_leader)
    query = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "descendants": "1"}
    page = client.get("/stats/summary/", query)
    summary = page.context["summary"]
    assert [s.key for s in summary.sections] == ["ideology", "advice", "consultation", "supervision", "consensus", "self"]
    advice = summary.sections[1]
    assert {c.key for c in advice.clauses} >= {"proposals.received", "proposals.registered"}
    assert "/stats/figures/proposals.registered/" in page.content.decode()  # every number opens its list
    key = next(h for h in advice.highlights if h.id.startswith("proposal:"))
    word = client.post("/stats/summary/?" + "&".join(f"{k}={v}" for k, v in query.items()),
                       {"section": ["advice", "self"], "highlight": []})
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "建言资政" in text and "协商议政" not in text and key.text not in text
    assert "收到提案" in text
    assert client_as(world.city_member).get("/stats/summary/").status_code == 403


def test_a_members_duty_summary(world, client_as):
    from zhengxie.duties.tests.helpers import record

    seat = world.members["city_member"]
    record(seat, "meeting_attended", {"meeting_type": "standing"}, title="常委会会议")
    year = dt.date.today().year
    own = client_as(world.city_member).get(f"/stats/summary/member/{seat.pk}/", {"year": year})
    assert own.status_code == 200 and own.context["summary"].sections
    word = client_as(world.city_member).post(f"/stats/summary/member/{seat.pk}/?year={year}",
                                             {"section": [s.key for s in own.context["summary"].sections],
                                              "highlight": [h.id for s in own.context["summary"].sections
                                                            for h in s.highlights]})
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert paragraphs[0].startswith(seat.person.name) and any("常委会会议" in p for p in paragraphs)
    other = world.members["city_member2"]
    assert client_as(world.city_member).get(f"/stats/summary/member/{other.pk}/").status_code in (403, 404)
    assert client_as(world.city_office).get(f"/stats/summary/member/{other.pk}/").status_code == 200


def test_workbench_counts_the_idle_tokens_it_opens_and_the_menu_leads_to_the_summaries(world, client_as):
    from django.utils import timezone

    from zhengxie.stats.selectors import IDLE_DAYS

    old, _raw = services.display_token_create(actor=world.city_leader, organisation=world.city, name="旧会议室")
    services.display_token_create(actor=world.city_leader, organisation=world.city, name="新会议室")
    gone, _raw = services.display_token_create(actor=world.city_leader, organisation=world.city, name="已撤")
    long_ago = timezone.now() - dt.timedelta(days=IDLE_DAYS + 1)
    DisplayToken.objects.filter(pk__in=[old.pk, gone.pk]).update(created_at=long_ago)
    services.display_token_revoke(actor=world.city_leader, token=gone)
    services.display_token_create(actor=world.users["county_leader"], organisation=world.county, name="区会议室")
    DisplayToken.objects.filter(organisation=world.county).update(created_at=long_ago)  # another organisation's

    from django.urls import reverse

    home = reverse("core:workbench")
    leader = client_as(world.city_leader)
    todos = [t for t in leader.get(home).context["todos"] if "/stats/screen/tokens/" in t.url]
    assert [t.count for t in todos] == [1]
    listed = leader.get(todos[0].url).context["tokens"]
    assert [t.name for t in listed] == ["旧会议室"]  # the count is the length of the list it opens
    assert not [t for t in client_as(world.city_proposal).get(home).context["todos"] if "tokens" in t.url]

    member = client_as(world.city_member)
    nav = {item.key for item in member.get(home).context["nav"]}
    assert "stats_my_summary" in nav and "stats_summary" not in nav and "stats" not in nav
    page = member.get("/stats/summary/mine/")
    assert page.status_code == 200 and page.context["member"] == world.members["city_member"]
    office = {item.key for item in client_as(world.city_office).get(home).context["nav"]}
    assert "stats_summary" in office
    assert client_as(world.city_office).get("/stats/summary/mine/").status_code in (403, 404)
