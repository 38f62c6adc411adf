"""Demo data of the work lists app for 天水 and 酒泉, in the seed's proportions: the year's key tasks and the
consultation plan as lists, with leaders, units, reports, a few late items escalated; B replies with promises
tracked; Tianshui's investment projects (3 signed for ¥1.18 bn, the ¥210 m one choosing a site); the quarterly
coordination group; a 建议案 each. Everything goes through the services, so the histories are real."""

import datetime as dt

from django.utils import timezone

from zhengxie.core.dates import add_months
from zhengxie.core.models import User
from zhengxie.core.registry import demo_generator
from zhengxie.proposals.models import Reply

from . import services
from .demo_data import (
    CONSULTATION_PLAN,
    JQ_PROJECTS,
    KEY_TASKS,
    RECOMMENDATIONS,
    TS_GROUP_ISSUES,
    TS_PROJECTS,
)
from .models import Item, ListKind

PROMISES_PER_ORG = 12


def _list(ctx, org, key, title):
    services.kinds_ensure(org)
    kind = ListKind.objects.get(organisation=org, key=key)
    return services.list_create(actor=ctx.account(org, "office"), organisation=org, kind=kind,
                                year=ctx.now.year, title=title)


def _key_tasks(ctx, org, slug):
    office, leader, unit_user = (ctx.account(org, r) for r in ("office", "leader", "unit"))
    units = ctx.units[org.pk]
    work_list = _list(ctx, org, "key_tasks", f"{ctx.now.year}年重点工作任务清单")
    start = dt.date(ctx.now.year, 1, 1)
    today = timezone.localdate()
    for index, (title, text, months, progress, state) in enumerate(KEY_TASKS[slug]):
        due = add_months(start, months) - dt.timedelta(days=1)
        if state == "late":
            due = today - dt.timedelta(days=10 + index)
        elif state != "done" and due <= today:
            due = today + dt.timedelta(days=30 + 10 * index)
        unit = units[1] if index % 2 == 0 else units[index % len(units)]
        item = services.item_create(actor=office, work_list=work_list, data={
            "title": title, "description": text, "leader": leader, "unit": unit, "due_on": due,
            "person": unit_user if unit == units[1] else None, "person_name": "" if unit == units[1] else "李明",
            "cadence": "quarterly" if index % 3 == 0 else "monthly", "starts_on": start,
        }, milestones=[("完成调研方案", start + dt.timedelta(days=45)), ("形成调研报告", due - dt.timedelta(days=20))])
        reporter = unit_user if unit == units[1] else office
        if progress:
            services.progress_report(actor=reporter, item=item, text=f"{title}：已完成阶段任务，进度{progress}%。",
                                     progress=min(progress, 95), behind=state in ("behind", "late") or None)
        if index % 4 == 1:
            services.note_add(actor=office, item=Item.objects.get(pk=item.pk), text="请按时间节点推进，及时报送进展。",
                              ask_report=True, report_due_on=today + dt.timedelta(days=7))
        if state == "done":
            services.item_close(actor=leader, item=Item.objects.get(pk=item.pk),
                                outcome="形成的调研报告获市委主要领导批示，相关建议已纳入政府工作安排。")


def _plan(ctx, org, slug):
    work_list = _list(ctx, org, "consultation_plan", f"{ctx.now.year}年度协商计划")
    for title, month in CONSULTATION_PLAN[slug]:
        services.item_create(actor=ctx.account(org, "office"), work_list=work_list, data={
            "title": title, "body_name": "办公室", "committee": None, "leader": ctx.account(org, "leader"),
            "due_on": dt.date(ctx.now.year, month, 28), "cadence": "none"})


def _promises(ctx, org):
    """B replies accepted by the office: the promise of each, followed to the end."""
    replies = (Reply.objects.filter(task__organisation=org, category="B", accepted_at__isnull=False)
               .select_related("task__unit", "task__proposal").order_by("pk")[:PROMISES_PER_ORG])
    unit_user = ctx.account(org, "unit")
    for index, reply in enumerate(replies):
        proposal = reply.task.proposal
        due = timezone.localdate() + dt.timedelta(days=-15 if index % 5 == 0 else 60 + index * 7)
        item = services.commitment_track(
            organisation=org, source=reply, title=proposal.title, kind="proposal_reply", unit=reply.task.unit,
            text=reply.text, due_on=due, origin=proposal, source_label=proposal.number_label or proposal.title,
            origin_url=f"/proposals/{proposal.pk}/",
            followers=list(User.objects.filter(person__seats__proposal_signatures__proposal=proposal)
                           .values_list("pk", flat=True).distinct()))
        if index % 3 == 0 and reply.task.unit_id == ctx.units[org.pk][1].pk:
            services.progress_report(actor=unit_user, item=item, text="已制定实施方案，正在推进。", progress=40)


def _projects(ctx, org, rows):
    office = ctx.account(org, "office")
    members = ctx.members[org.pk]
    for index, (name, investor, amount, path, event, sector, region) in enumerate(rows):
        project = services.project_create(actor=office, organisation=org, name=name, investor=investor,
                                          member=members[5 + index] if index % 2 else None,
                                          brought_by="" if index % 2 else "市政协主要领导", sector=sector, region=region,
                                          amount_planned=amount, event=event,
                                          on=timezone.localdate() - dt.timedelta(days=200))
        for step, action in enumerate(path):
            project = services.project_move(actor=office, project=project, action=action, amount_signed=amount,
                                            on=timezone.localdate() - dt.timedelta(days=150 - 40 * step))


def _group(ctx, org):
    office = ctx.account(org, "office")
    group = services.group_create(actor=office, organisation=org, name="助力工作协调保障领导小组",
                                  purpose="每季度召开1次会议，加强协调调度，督促任务落实，梳理汇总需要支持的事项。",
                                  members=[(ctx.account(org, "leader"), "head"), (office, "member"),
                                           (ctx.account(org, "partygov"), "member")])
    meetings = [services.meeting_add(actor=office, group=group, title=f"{ctx.now.year}年第{q}季度协调会",
                                     held_on=dt.date(ctx.now.year, 3 * q, 20))
                for q in (1, 2, 3) if dt.date(ctx.now.year, 3 * q, 20) <= timezone.localdate()]
    # The latest one was held as a meeting of the activities app (its sign-in and minutes are there).
    from zhengxie.activities.models import Activity

    held = Activity.objects.filter(organisation=org, type="meeting", starts_at__lte=ctx.now).order_by("-starts_at").first()
    if meetings and held is not None:
        services.meeting_link(actor=office, meeting=meetings[-1], activity=held)
    for title, solver, decision, status in TS_GROUP_ISSUES:
        issue = services.issue_add(actor=office, group=group, title=title, solver=solver,
                                   meeting=meetings[0] if meetings else None)
        if meetings:
            services.issue_review(actor=office, issue=issue, meeting=meetings[-1], decision=decision, status=status)


def _recommendation(ctx, org, slug):
    title, consultation, text, reply = RECOMMENDATIONS[slug]
    office = ctx.account(org, "office")
    rec = services.recommendation_create(actor=office, organisation=org, title=title, text=text,
                                         consultation=consultation)
    rec = services.recommendation_move(actor=office, recommendation=rec, action="adopt")
    rec = services.recommendation_move(actor=office, recommendation=rec, action="send",
                                       sent_to=f"中共{ctx.place(org)}委、{ctx.place(org)}人民政府")
    if reply:
        rec = services.recommendation_move(actor=office, recommendation=rec, action="record_reply", reply=reply)
        services.recommendation_move(actor=office, recommendation=rec, action="track", unit=ctx.units[org.pk][1],
                                     due_on=timezone.localdate() + dt.timedelta(days=120))


@demo_generator(order=60)
def generate(ctx):
    for slug in ("ts", "jq"):
        org = ctx.org_by_slug.get(slug)
        if org is None:
            continue
        _key_tasks(ctx, org, slug)
        _plan(ctx, org, slug)
        _promises(ctx, org)
        _projects(ctx, org, TS_PROJECTS if slug == "ts" else JQ_PROJECTS)
        _recommendation(ctx, org, slug)
        if slug == "ts":
            _group(ctx, org)
        services.items_check_due(organisation=org)
    ctx.log(f"work lists: {Item.objects.count()} items")
