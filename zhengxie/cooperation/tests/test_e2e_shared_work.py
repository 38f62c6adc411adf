"""The journey of work shared across committees, in a real browser: Jiuquan's office (desktop) opens an online
deliberation for the members of a joint activity's organising committees and publishes it → a Tianshui member, on a
phone (390×844), finds it from Tianshui's own topics and posts a view; a member of a committee that takes no part is
refused → Tianshui's office hides its own member's post, not Jiuquan's → once the province has replied to a joint
proposal, Tianshui's proposal office, on a phone, gives its committee's rating. Screenshots: docs/screenshots/cooperation/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.activities.services import deliberation
from zhengxie.core.tests.browser import login
from zhengxie.proposals.tests.test_joint import joint_received
from zhengxie.proposals.tests.test_joint_follow_up import evaluating_at_the_province

from .factories import joint

pytestmark = pytest.mark.e2e
APP = "cooperation"
TOPIC = "河西走廊新能源装备产业协同发展网络议政"


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_deliberation_of_several_committees_and_a_committees_rating(live_world, new_page, shot):
    work = joint(live_world, lead="city2", co=("city",), title="河西走廊新能源装备制造业联合调研")

    office = new_page()
    login(office, "city2_office")
    office.goto(f"/cooperation/joint/{work.pk}/")
    office.locator("summary", has_text="发起网络议政").click()
    office.fill("input[name=title]", TOPIC)
    office.fill("textarea[name=description]", "请就产业链协同、检测认证平台共建提出意见建议。")
    now = timezone.localtime()
    office.fill("input[name=opens_at]", (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    office.fill("input[name=closes_at]", (now + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    shot(office, APP, "07-lead-opens-deliberation-desktop")
    office.get_by_role("button", name="发起", exact=True).click()
    expect(office.locator(".alert-success")).to_contain_text("网络议政已创建为草稿")
    expect(office.locator("h1")).to_have_text(TOPIC)
    office.once("dialog", lambda dialog: dialog.accept())
    office.get_by_role("button", name="发布").click()
    expect(office.locator(".alert-success")).to_contain_text("已发布")
    topic_url = office.url
    from zhengxie.activities.models import Topic

    topic = Topic.objects.get(title=TOPIC)
    theirs = deliberation.post_create(actor=live_world.city2_member, topic=topic, text="酒泉委员：建议编制产业链协作清单。")

    member = new_page(phone=True)
    login(member, "city_member")
    member.goto("/activities/topics/")
    member.get_by_role("link", name=TOPIC).click()
    member.fill("textarea[name=text]", "天水委员：建议共建新能源装备检测认证平台，两市企业共享。")
    member.get_by_role("button", name="发表意见").click()
    expect(member.locator(".alert-success")).to_contain_text("已发表")
    expect(member.locator(".zx-post").first).to_contain_text("天水市政协")
    _fits(member)
    shot(member, APP, "08-co-organisers-member-posts-phone")

    stranger = new_page(phone=True)
    login(stranger, "county2_member")
    assert stranger.goto(topic_url).status == 404

    moderator = new_page()
    login(moderator, "city_office")
    moderator.goto(topic_url)
    ours = moderator.locator(".zx-post", has_text="天水委员")
    expect(moderator.locator(".zx-post", has_text="酒泉委员").locator("summary", has_text="屏蔽")).to_have_count(0)
    ours.locator("summary", has_text="屏蔽").click()
    ours.locator("input[name=reason]").fill("含企业联系方式，请修改后重发")
    ours.get_by_role("button", name="屏蔽").click()
    expect(moderator.locator(".zx-post", has_text="天水委员")).to_contain_text("含企业联系方式")
    shot(moderator, APP, "09-co-organisers-office-moderates-its-member-desktop")
    assert theirs.pk

    received = joint_received(live_world)
    _proposal, task = evaluating_at_the_province(live_world, received)
    rater = new_page(phone=True)
    login(rater, "city_proposal")
    rater.goto("/proposals/joint/?tab=rate")
    rater.get_by_role("link", name=received.title).click()
    form = rater.locator(f"#rate-{task.pk}")
    expect(form).to_contain_text("本会对")
    form.get_by_label("满意", exact=True).check()
    _fits(rater)
    shot(rater, APP, "10-co-proposing-committee-rates-phone")
    form.get_by_role("button", name="提交本会评价").click()
    expect(rater.locator(".alert-success")).to_contain_text("本会的评价已记录")
    expect(rater.locator("#progress")).to_contain_text("天水市政协")
    shot(rater, APP, "11-committee-rating-recorded-phone")
