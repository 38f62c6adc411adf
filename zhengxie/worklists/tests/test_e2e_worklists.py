"""The journey of work lists in a real browser: the leader (1366 px) sees the items he grasps, the late one in
red, and writes a supervision note; the office sees its lists, the overdue list and the investment pipeline; a
unit reports progress on a promise (a bad percentage is refused, nothing typed is lost); the member who made the
proposal follows the promise on the proposal's page on a phone (390×844). Screenshots: docs/screenshots/worklists/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengxie.core.tests.browser import login
from zhengxie.proposals import services as proposal_services
from zhengxie.proposals.tests.helpers import handling, reply
from zhengxie.worklists import services
from zhengxie.worklists.models import Item
from zhengxie.worklists.tests.factories import make_item, make_list

pytestmark = pytest.mark.e2e
APP = "worklists"


def _world_of_items(world):
    work_list = make_list(world)
    make_item(world, work_list=work_list, title="助力构建现代工业体系专题调研", due_in=40,
              milestones=[("完成调研方案", timezone.localdate() + dt.timedelta(days=10))])
    late = make_item(world, work_list=work_list, title="放大文旅综合效应界别协商", due_in=-6, unit=1)
    make_item(world, work_list=work_list, title="加强生态环境治理民主监督", due_in=90, unit=2)
    services.progress_report(actor=world.city_unit2, item=late, text="已完成两次实地调研，报告起草中。", progress=55)
    services.items_check_due(organisation=world.city)
    project = services.project_create(actor=world.city_office, organisation=world.city, name="东庆集团婚庆文创产业项目",
                                      investor="东庆集团", amount_planned=21000, event="赴港澳地区招商引资活动")
    services.project_move(actor=world.city_office, project=project, action="talk")
    services.project_move(actor=world.city_office, project=project, action="choose_site")
    signed = services.project_create(actor=world.city_office, organisation=world.city, investor="北京城建设计发展集团",
                                     name="年产20万吨新能源新材料精密萃取和循环利用项目", amount_planned=68000)
    services.project_move(actor=world.city_office, project=signed, action="sign")
    proposal, tasks = handling(world, title="关于加快老旧小区改造的建议")
    task = reply(world, tasks[0], category="B", text="已列入2026年城建计划，年底前完成改造。")
    proposal_services.reply_accept(actor=world.city_proposal, task=task)
    return proposal, Item.objects.get(is_commitment=True)


def test_leader_office_unit_and_member_follow_the_work(live_world, new_page, shot):
    proposal, promise = _world_of_items(live_world)

    leader = new_page()
    login(leader, "city_leader")
    leader.goto("/")
    leader.locator("a.zx-todo", has_text="包抓").click()
    expect(leader.locator("h1")).to_have_text("我包抓的事项")
    expect(leader.locator("section", has_text="逾期事项")).to_contain_text("放大文旅综合效应界别协商")
    shot(leader, APP, "01-leader-grasped-desktop")
    leader.get_by_role("link", name="放大文旅综合效应界别协商").first.click()
    leader.fill("textarea[name=text]", "请文旅局本周内报送界别协商筹备进展。")
    leader.check("input[name=ask_report]")
    leader.get_by_role("button", name="发送督办意见").click()
    expect(leader.locator(".alert-success")).to_contain_text("督办意见已发送")
    shot(leader, APP, "02-leader-item-supervised-desktop")

    office = new_page()
    login(office, "city_office")
    office.goto("/worklists/")
    expect(office.locator("h1")).to_have_text("工作清单")
    office.get_by_role("link", name="2026年重点工作任务清单").click()
    shot(office, APP, "03-office-list-desktop")
    office.goto("/worklists/overdue/")
    expect(office.locator("table")).to_contain_text("放大文旅综合效应界别协商")
    shot(office, APP, "04-office-overdue-desktop")
    office.goto("/worklists/projects/")
    expect(office.locator("section", has_text="选址中")).to_contain_text("东庆集团婚庆文创产业项目")
    shot(office, APP, "05-office-pipeline-desktop")

    unit = new_page()
    login(unit, "city_unit")
    unit.goto(f"/worklists/items/{promise.pk}/")
    unit.fill("textarea[name=text]", "已完成设计招标，施工队伍进场。")
    unit.fill("input[name=progress]", "150")
    unit.get_by_role("button", name="提交进展").click()
    expect(unit.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    assert unit.locator("textarea[name=text]").input_value() == "已完成设计招标，施工队伍进场。"
    unit.fill("input[name=progress]", "60")
    unit.get_by_role("button", name="提交进展").click()
    expect(unit.locator(".alert-success")).to_contain_text("进展已报送")
    shot(unit, APP, "06-unit-reported-desktop")

    member = new_page(phone=True)
    login(member, "city_member")
    member.goto(f"/proposals/{proposal.pk}/")
    panel = member.locator("section", has_text="承诺事项及落实进展")
    expect(panel).to_contain_text("已完成设计招标，施工队伍进场。")
    expect(panel).to_contain_text("60%")
    panel.scroll_into_view_if_needed()
    shot(member, APP, "07-member-follows-promise-phone")
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    member.goto(f"/worklists/items/{promise.pk}/")
    expect(member.locator("h1")).to_have_text("关于加快老旧小区改造的建议")
    shot(member, APP, "08-member-promise-item-phone")
    assert member.evaluate("document.documentElement.scrollWidth") <= 390


def test_unit_types_promises_member_follows_them_office_reviews_issues_and_rolls_up(live_world, new_page, shot):
    """The unit types two promised measures with their dates in its reply; once accepted, the proposer follows
    each on a phone; the office records what a group meeting decided on its issues list; the province's office
    reads the committees below it."""
    w = live_world
    proposal, (task,) = handling(w, title="关于推进城区学校改造的建议")
    proposal_services.task_contact_add(actor=w.city_unit, task=task, contacted_on=timezone.localdate(), way="phone",
                                       notes="电话面商")
    first = (timezone.localdate() + dt.timedelta(days=120)).isoformat()
    second = (timezone.localdate() + dt.timedelta(days=240)).isoformat()

    unit = new_page()
    login(unit, "city_unit")
    unit.goto(f"/proposals/{proposal.pk}/")
    action = unit.locator("details.zx-action").filter(has=unit.locator("summary:text-is('起草答复')"))
    action.locator("summary").click()
    action.locator("textarea[name$=text]").fill("已列入2026年教育基础设施建设计划，分两批实施。")
    action.locator("select[name$=category]").select_option("B")
    action.locator("input[name$=measure_1]").fill("完成城区 12 所学校校舍改造")
    action.locator("input[name$=measure_2]").fill("出台课后服务管理办法")
    action.locator("input[name$=due_2]").fill(second)
    action.locator("button[type=submit]").click()
    # The first measure has no date: refused, and what was typed stays.
    action = unit.locator("details.zx-action").filter(has=unit.locator("summary:text-is('起草答复')"))
    expect(action).to_contain_text("请填写该措施的完成时限")
    expect(action.locator("input[name$=measure_1]")).to_have_value("完成城区 12 所学校校舍改造")
    if not action.locator("input[name$=due_1]").is_visible():
        action.locator("summary").click()
    action.locator("input[name$=due_1]").fill(first)
    shot(unit, APP, "09-unit-types-promises-desktop")
    action.locator("button[type=submit]").click()
    expect(unit.locator(".alert-success")).to_contain_text("答复")
    proposal_services.reply_submit(actor=w.city_unit, task=type(task).objects.get(pk=task.pk))
    proposal_services.reply_sign_off(actor=w.city_unitlead, task=type(task).objects.get(pk=task.pk))
    proposal_services.reply_accept(actor=w.city_proposal, task=type(task).objects.get(pk=task.pk))
    promise = Item.objects.get(title="完成城区 12 所学校校舍改造")
    assert promise.due_on.isoformat() == first
    services.progress_report(actor=w.city_unit, item=promise, text="首批 5 所学校已开工。", progress=35)

    member = new_page(phone=True)
    login(member, "city_member")
    member.goto(f"/proposals/{proposal.pk}/")
    panel = member.locator("section", has_text="承诺事项及落实进展")
    expect(panel).to_contain_text("完成城区 12 所学校校舍改造")
    expect(panel).to_contain_text("首批 5 所学校已开工。")
    expect(panel).to_contain_text(second)
    panel.scroll_into_view_if_needed()
    shot(member, APP, "10-member-follows-typed-promises-phone")
    assert member.evaluate("document.documentElement.scrollWidth") <= 390

    group = services.group_create(actor=w.city_office, organisation=w.city, name="助力工作协调保障领导小组",
                                  members=[(w.city_leader, "head"), (w.city_office, "member")])
    land = services.issue_add(actor=w.city_office, group=group, title="项目用地指标不足", solver="市自然资源局")
    services.issue_add(actor=w.city_office, group=group, title="配套资金缺口", solver="市财政局")
    meeting = services.meeting_add(actor=w.city_office, group=group, title="第四季度协调会",
                                   held_on=timezone.localdate())
    office = new_page()
    login(office, "city_office")
    office.goto(f"/worklists/groups/{group.pk}/meetings/{meeting.pk}/")
    office.fill(f"textarea[name=decision_{land.pk}]", "由市自然资源局统筹调剂用地指标，年底前落实。")
    office.select_option(f"select[name=status_{land.pk}]", "solved")
    office.get_by_role("button", name="保存会议议定意见").click()
    expect(office.locator(".alert-success")).to_contain_text("会议议定意见已保存")
    shot(office, APP, "11-office-meeting-reviews-issues-desktop")

    make_item(w, "county", title="秦州区乡村振兴示范村建设", due_in=-12)
    province = new_page()
    login(province, "province_office")
    province.goto("/worklists/committees/")
    expect(province.locator("table")).to_contain_text(w.county.name)
    shot(province, APP, "12-province-rollup-desktop")
    province.get_by_role("link", name=w.county.name).click()
    expect(province.locator("table")).to_contain_text("秦州区乡村振兴示范村建设")
    shot(province, APP, "13-province-drills-into-a-county-desktop")
