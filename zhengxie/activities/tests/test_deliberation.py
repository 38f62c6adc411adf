"""Online deliberation: scope, open period, posts and replies, likes, moderation, polls, the summary."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities.choices import TopicScope, TopicStatus
from zhengxie.activities.services import deliberation as services
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Notification, SpecialCommittee
from zhengxie.duties.choices import DutyEventKind as K
from zhengxie.duties.models import DutyEvent

pytestmark = pytest.mark.django_db


def make_topic(world, *, scope=TopicScope.ALL, committee=None, publish=True, opens=-1, closes=5):
    now = timezone.now()
    topic = services.topic_create(actor=world.city_office, organisation=world.city, data={
        "title": "如何放大文旅综合效应", "description": "请各位委员建言", "opens_at": now + dt.timedelta(days=opens),
        "closes_at": now + dt.timedelta(days=closes), "scope": scope, "committee": committee})
    if publish:
        topic = services.topic_publish(actor=world.city_office, topic=topic)
    return topic


def test_publish_invites_the_members_in_scope(world):
    committee = SpecialCommittee.objects.get(organisation=world.city, name="经济委员会")
    world.members["city_member2"].committee = committee
    world.members["city_member2"].save(update_fields=["committee"])
    topic = make_topic(world, scope=TopicScope.COMMITTEE, committee=committee)
    invited = set(Notification.objects.filter(code="activities.topic.published").values_list("recipient__username", flat=True))
    assert invited == {"city_member2"}
    with pytest.raises(NotAllowed):
        services.post_create(actor=world.city_member, topic=topic, text="我的意见")
    services.post_create(actor=world.city_member2, topic=topic, text="我的意见")


def test_posts_replies_and_duty_events(world):
    topic = make_topic(world)
    post = services.post_create(actor=world.city_member, topic=topic, text="建议打造精品旅游线路")
    services.post_create(actor=world.city_member, topic=topic, text="补充一点")
    reply = services.post_create(actor=world.city_member2, topic=topic, text="赞同", parent=post)
    assert reply.parent == post
    with pytest.raises(DomainError):  # no reply to a reply
        services.post_create(actor=world.city_member, topic=topic, text="x", parent=reply)
    with pytest.raises(DomainError):
        services.post_create(actor=world.city_member, topic=topic, text="  ")
    events = DutyEvent.objects.live().filter(kind=K.DELIBERATION_POSTED)
    assert sorted(events.values_list("member__person__name", flat=True)) == ["天水member", "天水member2"]
    with pytest.raises(NotAllowed):
        services.post_create(actor=world.city2_member, topic=topic, text="外地委员")


def test_closed_and_unopened_topics_take_no_posts(world):
    later = make_topic(world, opens=2, closes=4)
    with pytest.raises(DomainError):
        services.post_create(actor=world.city_member, topic=later, text="太早")
    topic = make_topic(world)
    services.topic_close(actor=world.city_office, topic=topic)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.CLOSED
    with pytest.raises(DomainError):
        services.post_create(actor=world.city_member, topic=topic, text="太晚")


def test_likes_toggle_once_per_user(world):
    topic = make_topic(world)
    post = services.post_create(actor=world.city_member, topic=topic, text="观点")
    assert services.post_like_toggle(actor=world.city_member2, post=post) is True
    post.refresh_from_db()
    assert post.like_count == 1
    assert services.post_like_toggle(actor=world.city_member2, post=post) is False
    post.refresh_from_db()
    assert post.like_count == 0


def test_hidden_post_shows_its_reason_to_the_author_only(world, client_as):
    topic = make_topic(world)
    post = services.post_create(actor=world.city_member, topic=topic, text="不当言论")
    with pytest.raises(NotAllowed):
        services.post_hide(actor=world.city_member2, post=post, reason="x")
    with pytest.raises(DomainError):
        services.post_hide(actor=world.city_office, post=post, reason="")
    services.post_hide(actor=world.city_office, post=post, reason="与议题无关")
    assert not DutyEvent.objects.live().filter(kind=K.DELIBERATION_POSTED).exists()
    url = reverse("activities:topic_detail", args=[topic.pk])
    author_page = client_as(world.city_member).get(url).content.decode()
    assert "不当言论" in author_page and "与议题无关" in author_page
    assert "不当言论" not in client_as(world.city_member2).get(url).content.decode()
    assert Notification.objects.filter(recipient=world.city_member, code="activities.post.hidden").exists()
    services.post_unhide(actor=world.city_office, post=post)
    assert DutyEvent.objects.live().filter(kind=K.DELIBERATION_POSTED).exists()


def test_polls_single_and_multiple(world):
    topic = make_topic(world)
    with pytest.raises(DomainError):
        services.poll_create(actor=world.city_office, topic=topic, question="选哪个？", options=["只有一个"])
    poll = services.poll_create(actor=world.city_office, topic=topic, question="优先发展？", options=["文旅", "工业", "农业"])
    first, second, _third = poll.options.all()
    with pytest.raises(DomainError):
        services.poll_vote(actor=world.city_member, poll=poll, option_ids=[first.pk, second.pk])
    services.poll_vote(actor=world.city_member, poll=poll, option_ids=[first.pk])
    services.poll_vote(actor=world.city_member, poll=poll, option_ids=[second.pk])  # changes the vote
    assert list(poll.votes.values_list("option_id", flat=True)) == [second.pk]
    multi = services.poll_create(actor=world.city_office, topic=topic, question="多选", options=["甲", "乙"], multiple=True)
    services.poll_vote(actor=world.city_member, poll=multi, option_ids=list(multi.options.values_list("pk", flat=True)))
    assert multi.votes.count() == 2
    with pytest.raises(NotAllowed):
        services.poll_vote(actor=world.city2_member, poll=poll, option_ids=[first.pk])


def test_summary_and_word_export(world, client_as):
    topic = make_topic(world)
    post = services.post_create(actor=world.city_member, topic=topic, text="建议设立文旅发展基金")
    staff = client_as(world.city_office)
    url = reverse("activities:topic_summary", args=[topic.pk])
    assert client_as(world.city_member).get(url).status_code == 403
    staff.post(url, {"summary": "委员们提出三方面建议", "posts": [post.pk]})
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.in_summary and topic.summary == "委员们提出三方面建议"
    docx = staff.get(reverse("activities:topic_summary_docx", args=[topic.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "建议设立文旅发展基金" in text and "委员们提出三方面建议" in text


def test_topic_pages_by_role(world, client_as):
    topic = make_topic(world, publish=False)
    url = reverse("activities:topic_detail", args=[topic.pk])
    assert client_as(world.city_member).get(url).status_code == 403  # a draft
    assert client_as(world.city_office).get(url).status_code == 200
    assert client_as(world.city2_office).get(url).status_code == 404
    client_as(world.city_office).post(reverse("activities:topic_publish", args=[topic.pk]), {"version": topic.version})
    member = client_as(world.city_member)
    assert member.get(url).status_code == 200
    member.post(reverse("activities:post_create", args=[topic.pk]), {"text": "网页上发表的意见"})
    assert "网页上发表的意见" in member.get(url).content.decode()
    post = topic.posts.get()
    response = member.post(reverse("activities:post_like", args=[topic.pk, post.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "btn-danger" in response.content.decode()
    assert member.get(reverse("activities:topics")).status_code == 200
