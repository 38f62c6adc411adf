"""Proposal topics (提案选题): the office keeps the year's list; departments, the Party/government offices and
constituents suggest, the office accepts or declines with a reason; members follow and claim; a proposal says which
topic it answers and the office sees which topics got proposals. Each role allowed and refused."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.liaison import selectors, services, topic_import
from zhengxie.liaison.choices import TopicStatus
from zhengxie.liaison.models import Topic
from zhengxie.outreach.tests.factories import solved_challenge
from zhengxie.proposals.tests.helpers import draft

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def fields(title="关于推动新能源装备制造产业集群发展的建议", **kwargs):
    return {"year": YEAR, "title": title, "description": "风光电装备本地配套率低。", "subject": "经济发展",
            "source": "priorities", "source_note": "市委全会报告", **kwargs}


def listed(world, who="city_office", **kwargs):
    return services.topic_create(actor=world.users[who], organisation=world.users[who].default_organisation,
                                 fields=fields(**kwargs))


def test_the_office_lists_topics_with_numbers_and_bad_input_is_refused_field_by_field(world):
    first, second = listed(world), listed(world, "city_proposal", title="关于老旧小区加装电梯的建议")
    assert (first.status, first.number, second.number) == (TopicStatus.LISTED, 1, 2)
    assert AuditEntry.objects.filter(action="liaison.topic.created").count() == 2
    with pytest.raises(DomainError) as caught:
        listed(world, title="", subject="无此分类", year=YEAR - 5)
    assert set(caught.value.errors) == {"title", "subject", "year"}


@pytest.mark.parametrize("who", ["city_member", "city_unit", "city_partygov", "city_leader", "city2_office",
                                 "city_sysadmin"])
def test_only_the_office_lists_topics(world, who):
    with pytest.raises(NotAllowed):
        services.topic_create(actor=world.users[who], organisation=world.city, fields=fields())


def test_a_department_suggests_the_office_accepts_or_declines_with_a_reason(world):
    suggestion = services.topic_suggest(actor=world.city_unit, organisation=world.city, fields=fields())
    assert suggestion.status == TopicStatus.SUGGESTED and suggestion.unit == world.city_unit0
    assert suggestion.source == "department" and suggestion.number is None
    assert Notification.objects.filter(code="liaison.topic.suggested", recipient=world.city_proposal).exists()
    with pytest.raises(NotAllowed):
        services.topic_suggest(actor=world.city_member, organisation=world.city, fields=fields())
    with pytest.raises(NotAllowed):
        services.topic_accept(actor=world.city_unit, topic=suggestion)
    with pytest.raises(DomainError):
        services.topic_decline(actor=world.city_office, topic=suggestion, reason=" ")
    accepted = services.topic_accept(actor=world.city_office, topic=suggestion, version=suggestion.version)
    assert accepted.status == TopicStatus.LISTED and accepted.number == 1
    assert Notification.objects.filter(code="liaison.topic.decided", recipient=world.city_unit).exists()
    other = services.topic_suggest(actor=world.city_partygov, organisation=world.city, fields=fields(title="另一个"))
    assert other.source == "priorities"
    declined = services.topic_decline(actor=world.city_office, topic=other, reason="与第1号选题重复。")
    assert declined.status == TopicStatus.DECLINED and declined.decline_reason == "与第1号选题重复。"
    assert [t.action for t in declined.transitions.order_by("pk")] == ["suggest", "decline"]


def test_who_sees_which_topics(world):
    on_list = listed(world)
    suggestion = services.topic_suggest(actor=world.city_unit, organisation=world.city, fields=fields(title="建议"))

    def seen(who, org="city"):
        return set(selectors.topics_visible_to(world.users[who], world.orgs[org]).values_list("pk", flat=True))

    assert seen("city_office") == seen("city_leader") == {on_list.pk, suggestion.pk}
    assert seen("city_member") == seen("city_partygov") == seen("city_unit2") == {on_list.pk}
    assert seen("city_unit") == {on_list.pk, suggestion.pk}
    assert seen("city2_office", "city2") == seen("city2_member", "city2") == set()
    assert seen("city_member", "city2") == set()  # another organisation: nothing
    assert seen("city_auditadmin") == set()


def test_members_follow_claim_and_a_proposal_answers_the_topic(world):
    topic = listed(world)
    with pytest.raises(NotAllowed):
        services.topic_claim(actor=world.city_office, topic=topic)
    with pytest.raises(NotAllowed):
        services.topic_claim(actor=world.city2_member, topic=topic)
    services.topic_follow(actor=world.city_member2, topic=topic)
    services.topic_follow(actor=world.city_member2, topic=topic)  # again: nothing new
    services.topic_follow(actor=world.city_member3, topic=topic)
    services.topic_follow(actor=world.city_member3, topic=topic, follow=False)
    services.topic_follow(actor=world.city_member3, topic=topic, follow=False)  # again: nothing new
    follows = topic.transitions.filter(action="follow").order_by("pk")
    assert [t.data["following"] for t in follows] == [True, True, False]
    assert list(AuditEntry.objects.filter(action__startswith="liaison.topic.").filter(
        action__contains="follow").values_list("action", flat=True).order_by("pk")) == [
        "liaison.topic.followed", "liaison.topic.followed", "liaison.topic.unfollowed"]
    claim = services.topic_claim(actor=world.city_member, topic=topic)
    assert claim.claimed and services.topic_claim(actor=world.city_member, topic=topic).claimed  # idempotent
    assert list(selectors.claimed_unanswered(world.city_member, world.city)) == [topic]
    proposal = draft(world)
    with pytest.raises(NotAllowed):  # only who may edit the proposal chooses its topic
        services.topic_answer_set(actor=world.city_member2, proposal=proposal, topic=topic)
    services.topic_answer_set(actor=world.city_member, proposal=proposal, topic=topic)
    assert selectors.topic_of_proposal(proposal) == topic
    assert list(selectors.claimed_unanswered(world.city_member, world.city)) == []
    counted = selectors.with_topic_counts(Topic.objects.filter(pk=topic.pk)).get()
    assert (counted.answer_count, counted.claim_count, counted.follow_count) == (1, 1, 2)
    assert selectors.answers_of(topic, world.city_office, world.city)[1] == 1
    assert selectors.answers_of(topic, world.city_member2, world.city)[0] == []  # a draft of someone else: counted only
    services.topic_answer_set(actor=world.city_member, proposal=proposal, topic=None)
    assert selectors.topic_of_proposal(proposal) is None
    services.topic_close(actor=world.city_office, topic=topic)
    with pytest.raises(DomainError):
        services.topic_answer_set(actor=world.city_member, proposal=proposal, topic=topic.__class__.objects.get(pk=topic.pk))
    with pytest.raises(DomainError):
        services.topic_claim(actor=world.city_member2, topic=Topic.objects.get(pk=topic.pk))


def test_the_drafting_page_offers_the_topic_and_keeps_the_choice(world, client):
    topic = listed(world)
    client.force_login(world.city_member)
    page = client.get(reverse("proposals:new") + f"?topic={topic.pk}")
    assert f'<option value="{topic.pk}" selected' in page.content.decode()
    data = {"title": "关于推动新能源装备本地配套的建议", "category": "", "background": "", "suggestions": "",
            "answers_topic": str(topic.pk), "save": "1", "draft_key": "k1"}
    response = client.post(reverse("proposals:new"), data)
    assert response.status_code == 302
    proposal = topic.answers.get().proposal
    assert proposal.title == data["title"]
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert topic.title in detail
    client.force_login(world.city_office)
    overview = client.get(reverse("liaison:topic_list") + "?tab=overview").content.decode()
    assert topic.title in overview


def test_the_pages_answer_each_role(world, client):
    topic = listed(world)
    suggestion = services.topic_suggest(actor=world.city_unit, organisation=world.city, fields=fields(title="建议"))
    for who, url, status in [
        ("city_member", reverse("liaison:topic_list"), 200),
        ("city_member", reverse("liaison:topic_detail", args=[topic.pk]), 200),
        ("city_member", reverse("liaison:topic_detail", args=[suggestion.pk]), 403),
        ("city_member", reverse("liaison:topic_new"), 403),
        ("city_unit", reverse("liaison:topic_suggest"), 200),
        ("city_unit", reverse("liaison:topic_detail", args=[suggestion.pk]), 200),
        ("city_office", reverse("liaison:topic_list") + "?tab=suggestions", 200),
        ("city_office", reverse("liaison:topic_import"), 200),
        ("city_leader", reverse("liaison:topic_list") + "?tab=overview", 200),
        ("city_leader", reverse("liaison:topic_new"), 403),
        ("city2_office", reverse("liaison:topic_detail", args=[topic.pk]), 404),
    ]:
        client.force_login(world.users[who])
        assert client.get(url).status_code == status, (who, url)
    client.force_login(world.city_member)
    client.post(reverse("liaison:topic_claim", args=[topic.pk]))
    assert topic.follows.get().claimed
    client.force_login(world.city_office)
    response = client.post(reverse("liaison:topic_decline", args=[suggestion.pk]), {"reason": "", "version": 1})
    assert Topic.objects.get(pk=suggestion.pk).status == TopicStatus.SUGGESTED and response.status_code == 302


def test_constituents_suggest_through_the_public_page_with_its_defences(world, client):
    url = reverse("liaison:public_topic", args=[world.city.pk])
    assert client.get(url).status_code == 200
    token, answer = solved_challenge()
    data = {"title": "老旧小区加装电梯补贴", "subject": "城乡建设", "description": "希望提高补贴。", "name": "张先生",
            "token": token, "answer": answer, "website": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and "老旧小区加装电梯补贴" in response.content.decode()
    topic = Topic.objects.get(title="老旧小区加装电梯补贴")
    assert (topic.status, topic.source, topic.suggester_name, topic.created_by) == ("suggested", "constituents",
                                                                                   "张先生", None)
    assert client.post(url, data).status_code >= 400  # the same challenge twice: refused
    token, answer = solved_challenge()
    assert client.post(url, {**data, "token": token, "answer": answer, "website": "x"}).status_code >= 400
    token, _answer = solved_challenge()
    assert client.post(url, {**data, "token": token, "answer": "0000"}).status_code >= 400
    assert Topic.objects.filter(title="老旧小区加装电梯补贴").count() == 1


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["选题", "专题", "来源", "来源说明", "研究内容"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("topics.xlsx", data.getvalue())


def test_a_topic_list_is_imported_from_excel_all_or_nothing(world):
    good = [["关于发展戈壁农业的建议", "乡村振兴", "部门", "市农业农村局", ""],
            ["关于文旅融合的建议", "文化旅游", "", "", "夜间经济"]]
    with pytest.raises(DomainError) as caught:
        topic_import.topics_import(actor=world.city_office, organisation=world.city,
                                   upload=_xlsx([*good, ["", "无此分类", "外星", "", ""]]))
    assert list(caught.value.errors) == [4] and not Topic.objects.exists()
    assert topic_import.topics_import(actor=world.city_office, organisation=world.city, upload=_xlsx(good)) == 2
    assert list(Topic.objects.order_by("number").values_list("number", "source")) == [(1, "department"),
                                                                                      (2, "office")]
    with pytest.raises(NotAllowed):
        topic_import.topics_import(actor=world.city_member, organisation=world.city, upload=_xlsx(good))
