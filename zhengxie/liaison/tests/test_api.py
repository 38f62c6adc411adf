"""The API calls the same services as the pages: publish and read, ask and answer."""

import pytest

from zhengxie.liaison.models import InfoItem

from .factories import ask

pytestmark = pytest.mark.django_db


def test_publish_read_ask_answer_over_the_api(world, client_as):
    office = client_as(world.city_office)
    created = office.post("/api/v1/liaison/info", {"kind": "data", "title": "2025年全市人口数据", "topic": "社会治理",
                                                   "department": "天水市统计局", "required": True},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    assert "publish" in created.json()["actions"]
    published = office.post(f"/api/v1/liaison/info/{item_id}/publish", {"version": created.json()["version"]},
                            content_type="application/json")
    assert published.json()["status"] == "published"
    member = client_as(world.city_member)
    assert [i["id"] for i in member.get("/api/v1/liaison/info?unread=true").json()["items"]] == [item_id]
    assert member.post(f"/api/v1/liaison/info/{item_id}/read").status_code == 200
    assert member.get("/api/v1/liaison/info?unread=true").json()["count"] == 0
    assert member.get(f"/api/v1/liaison/info/{item_id}").json()["is_read"] is True
    bad = office.post("/api/v1/liaison/info", {"kind": "data", "title": "", "topic": "无"},
                      content_type="application/json")
    assert bad.status_code == 400 and {"title", "topic"} <= set(bad.json()["errors"])
    assert member.post("/api/v1/liaison/info", {"kind": "data", "title": "x", "topic": "教育"},
                       content_type="application/json").status_code == 403
    assert InfoItem.objects.count() == 1

    asked = member.post("/api/v1/liaison/inquiries", {"unit_id": world.city_unit0.pk, "topic": "教育", "title": "学位",
                                                      "question": "学位够吗？", "item_id": item_id},
                        content_type="application/json")
    assert asked.status_code == 201, asked.content
    question_id = asked.json()["id"]
    unit = client_as(world.city_unit)
    assert [q["id"] for q in unit.get("/api/v1/liaison/inquiries?status=asked").json()["items"]] == [question_id]
    answered = unit.post(f"/api/v1/liaison/inquiries/{question_id}/answer", {"answer": "够。", "public": True},
                         content_type="application/json")
    assert answered.json()["status"] == "answered" and answered.json()["is_public"] is True
    again = unit.post(f"/api/v1/liaison/inquiries/{question_id}/answer", {"answer": "够。"},
                      content_type="application/json")
    assert again.status_code == 409
    assert client_as(world.city_unit2).post(f"/api/v1/liaison/inquiries/{ask(world).pk}/answer", {"answer": "x"},
                                            content_type="application/json").status_code in (403, 404)


def test_topics_and_contact_duties_over_the_api(world, client_as):
    import datetime as dt

    office = client_as(world.city_office)
    payload = {"year": dt.date.today().year, "title": "关于发展戈壁农业的建议", "subject": "乡村振兴",
               "source": "priorities"}
    created = office.post("/api/v1/liaison/topics", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    topic_id = created.json()["id"]
    assert client_as(world.city_member).post("/api/v1/liaison/topics", payload,
                                             content_type="application/json").status_code == 403
    member = client_as(world.city_member)
    claimed = member.post(f"/api/v1/liaison/topics/{topic_id}/claim", {"claim": True}, content_type="application/json")
    assert claimed.status_code == 200 and claimed.json()["claimed"] is True and claimed.json()["claim_count"] == 1
    assert [t["id"] for t in member.get("/api/v1/liaison/topics?mine=true").json()["items"]] == [topic_id]
    other = client_as(world.city_member2)
    followed = other.post(f"/api/v1/liaison/topics/{topic_id}/follow", {"follow": True}, content_type="application/json")
    assert followed.status_code == 200 and followed.json()["followed"] is True and followed.json()["claimed"] is False
    dropped = other.post(f"/api/v1/liaison/topics/{topic_id}/follow", {"follow": False}, content_type="application/json")
    assert dropped.json()["followed"] is False
    assert client_as(world.city2_office).get(f"/api/v1/liaison/topics/{topic_id}").status_code == 404
    suggestion = client_as(world.city_unit).post("/api/v1/liaison/topics/suggestions", payload,
                                                 content_type="application/json")
    assert suggestion.json()["status"] == "suggested"
    declined = office.post(f"/api/v1/liaison/topics/{suggestion.json()['id']}/decline", {"reason": "重复。"},
                           content_type="application/json")
    assert declined.json()["status"] == "declined" and declined.json()["decline_reason"] == "重复。"
    sector = world.city.sectors.get(name="教育界")
    duty = office.post("/api/v1/liaison/contacts", {"kind": "party_group_sector",
                                                    "member_id": world.members["city_member"].pk,
                                                    "sector_ids": [sector.pk]}, content_type="application/json")
    assert duty.status_code == 201, duty.content
    duty_id, contact_id = duty.json()["id"], duty.json()["contacts"][0]["id"]
    visit = {"contact_id": contact_id, "visited_on": dt.date.today().isoformat(), "participants": "教育界委员3人",
             "raised": "学位紧张。", "matters_raised": 1}
    logged = member.post(f"/api/v1/liaison/contacts/{duty_id}/visits", visit, content_type="application/json")
    assert logged.status_code == 201 and logged.json()["status"] == "open"
    assert client_as(world.city_member2).post(f"/api/v1/liaison/contacts/{duty_id}/visits", visit,
                                              content_type="application/json").status_code == 403
    follow = member.post(f"/api/v1/liaison/contacts/{duty_id}/visits/{logged.json()['id']}/follow-up",
                         {"follow_up": "已转教育局。", "matters_solved": 1}, content_type="application/json")
    assert follow.json()["status"] == "done"
    assert member.get("/api/v1/liaison/contacts?mine=true").json()["items"][0]["visit_count"] == 1


def test_the_proposal_draft_api_chooses_the_topic_it_answers(world, client_as):
    from zhengxie.liaison.models import TopicAnswer

    from .test_topics import listed

    topic, elsewhere = listed(world), listed(world, "city2_office")
    member = client_as(world.city_member)
    draft = {"title": "关于推动新能源装备本地配套的建议", "answers_topic_id": topic.pk}
    refused = member.post("/api/v1/proposals/", {**draft, "answers_topic_id": elsewhere.pk},
                          content_type="application/json")
    assert refused.status_code == 400 and "answers_topic_id" in refused.json()["errors"]
    assert not TopicAnswer.objects.exists()  # nothing written when the topic is refused
    created = member.post("/api/v1/proposals/", draft, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["answers_topic_id"], body["answers_topic"]) == (topic.pk, topic.title)
    path = f"/api/v1/proposals/{body['id']}"
    kept = member.put(path, {"title": "关于推动新能源装备本地配套率提升的建议"}, content_type="application/json")
    assert kept.json()["answers_topic_id"] == topic.pk  # left out: unchanged
    assert client_as(world.city_member2).put(path, {"title": "x", "answers_topic_id": None},
                                             content_type="application/json").status_code in (403, 404)
    removed = member.put(path, {"title": "关于推动新能源装备本地配套率提升的建议", "answers_topic_id": None},
                         content_type="application/json")
    assert removed.json()["answers_topic_id"] is None and not TopicAnswer.objects.exists()
