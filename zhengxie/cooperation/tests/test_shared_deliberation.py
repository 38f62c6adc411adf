"""网络议政 of several committees: a joint activity (or an alliance) opens a deliberation to the members of all its
committees of the platform. The host (lead or keeping committee) runs it and may hide any post; each other
committee's office hides its own members' posts only; a member of a committee that takes no part is refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import selectors as activity_selectors
from zhengxie.activities.choices import TopicScope
from zhengxie.activities.services import deliberation
from zhengxie.cooperation import selectors, services
from zhengxie.core.exceptions import DomainError, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.duties.models import DutyEvent

from .factories import alliance, joint

pytestmark = pytest.mark.django_db


def window():
    now = timezone.now()
    return {"title": "河西走廊新能源装备产业协同发展网络议政", "description": "请就产业链协同提出意见建议。",
            "opens_at": now - dt.timedelta(hours=1), "closes_at": now + dt.timedelta(days=5)}


def opened(world):
    """酒泉 (city2) leads a joint research with 天水 (city); 麦积区 (county2) takes no part."""
    work = joint(world, lead="city2", co=("city",))
    topic = services.joint_open_deliberation(actor=world.city2_office, joint=work, data=window())
    deliberation.topic_publish(actor=world.city2_office, topic=topic)
    return work, topic.__class__.objects.get(pk=topic.pk)


def test_the_lead_opens_it_to_every_organiser_and_only_the_lead(world):
    work = joint(world, lead="city2", co=("city",))
    for who in ("city_office", "city2_member", "county2_office"):
        with pytest.raises(NotAllowed):
            services.joint_open_deliberation(actor=world.users[who], joint=work, data=window())
    with pytest.raises(DomainError):  # the topic's own checks hold
        services.joint_open_deliberation(actor=world.city2_office, joint=work, data={**window(), "title": ""})
    topic = services.joint_open_deliberation(actor=world.city2_office, joint=work, data=window())
    assert topic.scope == TopicScope.JOINT and topic.organisation == world.city2
    assert set(topic.committees.values_list("organisation", flat=True)) == {world.city.pk, world.city2.pk}
    assert selectors.deliberations_of(joint=work) == [topic]
    assert "open_deliberation" in work.history.values_list("action", flat=True)
    # a draft: the co-organiser's members do not see it yet
    assert not activity_selectors.topics_visible_to(world.city_member, world.city).exists()
    deliberation.topic_publish(actor=world.city2_office, topic=topic)
    told = set(Notification.objects.filter(code="activities.topic.published").values_list("organisation", flat=True))
    assert told == {world.city.pk, world.city2.pk}  # each committee's members, in their own organisation
    with pytest.raises(DomainError):  # a topic of several committees is not made through the ordinary form
        deliberation.topic_create(actor=world.city_office, organisation=world.city,
                                  data={**window(), "scope": TopicScope.JOINT, "sector": None, "committee": None,
                                        "activity": None})


def test_a_co_organisers_member_takes_part_and_another_committees_member_is_refused(world, client_as):
    _work, topic = opened(world)
    # 天水's member, working in 天水, sees it among their topics, posts and votes; it counts in their record
    assert list(activity_selectors.topics_visible_to(world.city_member, world.city)) == [topic]
    post = deliberation.post_create(actor=world.city_member, topic=topic, text="建议共建检测认证平台。")
    assert post.author == world.members["city_member"]
    assert DutyEvent.objects.filter(member=world.members["city_member"], kind="deliberation_posted").exists()
    poll = deliberation.poll_create(actor=world.city2_office, topic=topic, question="优先方向？", options=["风电", "光伏"])
    deliberation.poll_vote(actor=world.city_member, poll=poll, option_ids=[poll.options.first().pk])
    url = reverse("activities:topic_detail", args=[topic.pk])
    page = client_as(world.city_member).get(url)
    assert page.status_code == 200 and "建议共建检测认证平台" in page.content.decode()
    # 麦积区 takes no part: its member neither sees nor posts, and its office cannot open it
    assert not activity_selectors.topics_visible_to(world.county2_member, world.county2).exists()
    with pytest.raises(NotAllowed):
        deliberation.post_create(actor=world.county2_member, topic=topic, text="我也想说。")
    with pytest.raises(NotAllowed):
        deliberation.poll_vote(actor=world.county2_member, poll=poll, option_ids=[poll.options.first().pk])
    assert client_as(world.county2_member).get(url).status_code == 404
    assert client_as(world.county2_office).get(url).status_code == 404
    # the co-organiser's office neither publishes, nor summarises, nor adds polls: the host runs the topic
    with pytest.raises(NotAllowed):
        deliberation.poll_create(actor=world.city_office, topic=topic, question="？", options=["甲", "乙"])
    with pytest.raises(NotAllowed):
        deliberation.topic_summary_save(actor=world.city_office, topic=topic, summary="汇总")
    assert client_as(world.city_office).get(reverse("activities:topic_summary", args=[topic.pk])).status_code == 403


def test_each_office_moderates_its_own_members_and_the_host_everyone(world, client_as):
    _work, topic = opened(world)
    ours = deliberation.post_create(actor=world.city_member, topic=topic, text="天水委员的意见。")
    theirs = deliberation.post_create(actor=world.city2_member, topic=topic, text="酒泉委员的意见。")
    with pytest.raises(NotAllowed):  # 天水's office does not hide 酒泉's member
        deliberation.post_hide(actor=world.city_office, post=theirs, reason="重复")
    with pytest.raises(NotAllowed):  # nor does an office of a committee that takes no part
        deliberation.post_hide(actor=world.county2_office, post=ours, reason="重复")
    deliberation.post_hide(actor=world.city_office, post=ours, reason="涉及个人信息")
    hidden = Notification.objects.get(code="activities.post.hidden")
    assert hidden.organisation_id == world.city.pk  # the author hears of it where they sit
    # 天水's office still sees its member's hidden post; 酒泉's member does not
    assert ours.pk in {p.pk for p in activity_selectors.topic_posts(topic, world.city_office)}
    assert ours.pk not in {p.pk for p in activity_selectors.topic_posts(topic, world.city2_member)}
    deliberation.post_unhide(actor=world.city_office, post=ours)
    deliberation.post_hide(actor=world.city2_office, post=ours, reason="与主题无关")  # the host hides any post
    deliberation.post_hide(actor=world.city2_office, post=theirs, reason="与主题无关")
    page = client_as(world.city_office).get(reverse("activities:topic_detail", args=[topic.pk])).content.decode()
    show = reverse("activities:post_moderate", args=[topic.pk, ours.pk])
    assert show in page and reverse("activities:post_moderate", args=[topic.pk, theirs.pk]) not in page


def test_an_alliance_opens_it_to_its_member_committees_of_the_platform(world):
    created = alliance(world, org="city2", members=("city",), outside=("嘉峪关市政协",))
    with pytest.raises(NotAllowed):  # a member committee's office does not open it: the keeping one does
        services.alliance_open_deliberation(actor=world.city_office, alliance=created, data=window())
    topic = services.alliance_open_deliberation(actor=world.city2_office, alliance=created, data=window())
    assert set(topic.committees.values_list("organisation", flat=True)) == {world.city.pk, world.city2.pk}
    topic = deliberation.topic_publish(actor=world.city2_office, topic=topic)
    deliberation.post_create(actor=world.city_member, topic=topic, text="联盟成员的意见。")
    with pytest.raises(NotAllowed):
        deliberation.post_create(actor=world.county_member, topic=topic, text="不是成员。")
    assert selectors.deliberations_of(alliance=created) == [topic]
