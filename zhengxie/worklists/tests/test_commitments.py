"""Promises made in other apps become tracked items through core.hooks: a B reply once, an adopted outcome, a
建议案 carried through; the proposer sees the progress on the proposal's page; a signed project scores duty."""

import pytest
from django.urls import reverse

from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.proposals import services as proposal_services
from zhengxie.proposals.models import Reply
from zhengxie.proposals.tests.helpers import handling, reply
from zhengxie.worklists import services
from zhengxie.worklists.choices import ProjectStage, RecommendationStatus
from zhengxie.worklists.models import Item

pytestmark = pytest.mark.django_db


def test_b_reply_becomes_one_tracked_item_that_the_proposer_follows(world, client_as,
                                                                    django_capture_on_commit_callbacks):
    proposal, tasks = handling(world)
    task = reply(world, tasks[0], category="B", text="已列入2026年城建计划，年底前完成改造。")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.reply_accept(actor=world.city_proposal, task=task)
    item = Item.objects.get()
    source = Reply.objects.get(task=task)
    assert (item.is_commitment, item.source_kind, item.unit, item.source_id) == (
        True, "proposal_reply", world.city_unit0, str(source.pk))
    assert item.work_list.kind.key == "commitments" and world.city_member in item.followers.all()
    # The same promise again (a retried hook, a second call) changes nothing.
    again = services.commitment_track(organisation=world.city, source=source, title="x", kind="proposal_reply")
    assert again.pk == item.pk and Item.objects.count() == 1

    services.progress_report(actor=world.city_unit, item=item, text="已完成设计招标。", progress=40)
    page = client_as(world.city_member).get(reverse("proposals:detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert "已完成设计招标。" in page.content.decode() and "40%" in page.content.decode()
    # The follower sees the item itself; another member does not.
    assert client_as(world.city_member).get(reverse("worklists:item", args=[item.pk])).status_code == 200
    assert client_as(world.city_member2).get(reverse("worklists:item", args=[item.pk])).status_code in (403, 404)


def test_a_reply_makes_no_item(world, django_capture_on_commit_callbacks):
    proposal, tasks = handling(world)
    task = reply(world, tasks[0], category="A")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.reply_accept(actor=world.city_proposal, task=task)
    assert not Item.objects.exists()


def test_recommendation_drafted_adopted_sent_replied_tracked(world):
    office = world.city_office
    rec = services.recommendation_create(actor=office, organisation=world.city, title="关于加快文旅融合发展的建议案",
                                         text="一、……", consultation="文旅融合专题协商会")
    for action, extra in (("adopt", {}), ("send", {"sent_to": "中共天水市委、天水市人民政府"}),
                          ("record_reply", {"reply": "市政府已责成文旅局牵头落实。"}),
                          ("track", {"unit": world.city_unit1})):
        rec = services.recommendation_move(actor=office, recommendation=rec, action=action, **extra)
    assert rec.status == RecommendationStatus.TRACKED
    item = Item.objects.get()
    assert (item.source_kind, item.unit, item.is_commitment) == ("recommendation", world.city_unit1, True)
    assert list(rec.transitions.values_list("action", flat=True)) == ["create", "adopt", "send", "record_reply",
                                                                      "track"]
    with pytest.raises(Exception):  # noqa: B017 (a unit may not move it)
        services.recommendation_move(actor=world.city_unit, recommendation=rec, action="track")


def test_signed_project_gives_its_member_a_duty_event_scored_by_rule(world):
    member = world.members["city_member"]
    project = services.project_create(actor=world.city_office, organisation=world.city, name="新能源汽车零部件项目",
                                      investor="深圳某科技公司", member=member, amount_planned=50000,
                                      event="赴粤港澳大湾区招商推介")
    project = services.project_move(actor=world.city_office, project=project, action="talk")
    project = services.project_move(actor=world.city_office, project=project, action="sign", amount_signed=48000)
    assert project.stage == ProjectStage.SIGNED and project.amount_signed == 48000
    event = DutyEvent.objects.get(kind=DutyEventKind.INVESTMENT_SIGNED)
    assert event.member == member
    services.project_move(actor=world.city_office, project=project, action="choose_site")
    assert DutyEvent.objects.filter(kind=DutyEventKind.INVESTMENT_SIGNED).count() == 1
    with pytest.raises(Exception):  # noqa: B017 (in production only after building)
        services.project_move(actor=world.city_office, project=project, action="produce")


def test_signed_rule_is_in_both_presets():
    from zhengxie.duties.presets import PRESETS

    for preset in PRESETS.values():
        assert any(rule.kind == DutyEventKind.INVESTMENT_SIGNED for rule in preset.rules)


def test_coordination_group_reviews_its_issues_at_meetings(world):
    office = world.city_office
    group = services.group_create(actor=office, organisation=world.city, name="助力工作协调保障领导小组",
                                  members=[(world.city_leader, "组长")])
    meeting = services.meeting_add(actor=office, group=group, title="第一季度协调会", held_on=group.created_at.date())
    issue = services.issue_add(actor=office, group=group, title="项目用地指标不足", solver="市自然资源局")
    services.issue_review(actor=office, issue=issue, meeting=meeting, decision="由市自然资源局统筹调剂。",
                          status="open")
    services.issue_review(actor=office, issue=issue, meeting=meeting, decision="已调剂到位。", status="solved")
    issue.refresh_from_db()
    assert (issue.status, issue.reviews.count()) == ("solved", 1)
    with pytest.raises(Exception):  # noqa: B017
        services.issue_add(actor=world.city_unit, group=group, title="x")


def test_measures_typed_by_the_unit_become_items_with_their_own_dates(world, client_as,
                                                                       django_capture_on_commit_callbacks):
    """The unit types two promises (measure + date) in the reply form; the office accepts; each is an item of the
    unit with its date (not the setting's default) that the proposer follows on the proposal's page."""
    import datetime as dt

    from django.utils import timezone

    from zhengxie.proposals.models import HandlingTask

    proposal, (task,) = handling(world)
    unit, prefix = client_as(world.city_unit), f"t{task.pk}"
    proposal_services.task_contact_add(actor=world.city_unit, task=task, contacted_on=timezone.localdate(),
                                       way="phone", notes="电话面商")
    today = timezone.localdate()
    first, second = today + dt.timedelta(days=90), today + dt.timedelta(days=200)
    form = {f"{prefix}-reply-text": "已列入计划，分两步落实。", f"{prefix}-reply-category": "B"}
    # A measure without its date is refused and nothing is saved; what was typed is shown again.
    response = unit.post(reverse("proposals:task_action", args=[task.pk, "reply"]),
                         {**form, f"{prefix}-reply-measure_1": "完成城区 12 所学校改造"})
    assert response.status_code == 400 and "完成城区 12 所学校改造" in response.content.decode()
    assert not Reply.objects.filter(task=task).exists()
    response = unit.post(reverse("proposals:task_action", args=[task.pk, "reply"]), {
        **form, f"{prefix}-reply-measure_1": "完成城区 12 所学校改造", f"{prefix}-reply-due_1": first.isoformat(),
        f"{prefix}-reply-measure_3": "出台课后服务管理办法", f"{prefix}-reply-due_3": second.isoformat()})
    assert response.status_code == 302
    saved = Reply.objects.get(task=task)
    assert saved.promises == [{"measure": "完成城区 12 所学校改造", "due_on": first.isoformat()},
                              {"measure": "出台课后服务管理办法", "due_on": second.isoformat()}]
    proposal_services.reply_submit(actor=world.city_unit, task=HandlingTask.objects.get(pk=task.pk))
    proposal_services.reply_sign_off(actor=world.city_unitlead, task=HandlingTask.objects.get(pk=task.pk))
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.reply_accept(actor=world.city_proposal, task=HandlingTask.objects.get(pk=task.pk))
    items = list(Item.objects.order_by("due_on"))
    assert [(i.title, i.due_on, i.unit, i.source_id) for i in items] == [
        ("完成城区 12 所学校改造", first, world.city_unit0, f"{saved.pk}.1"),
        ("出台课后服务管理办法", second, world.city_unit0, f"{saved.pk}.2")]
    assert all(world.city_member in i.followers.all() for i in items)

    services.progress_report(actor=world.city_unit, item=items[0], text="已完成 5 所学校改造。", progress=40)
    page = client_as(world.city_member).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "完成城区 12 所学校改造" in page and "已完成 5 所学校改造。" in page and "出台课后服务管理办法" in page
    assert second.isoformat() in page


def test_promises_through_the_api_and_refused_input(world, client):
    import datetime as dt

    from django.utils import timezone

    from zhengxie.core import services as core_services
    from zhengxie.core.exceptions import DomainError

    proposal, (task,) = handling(world)
    proposal_services.task_contact_add(actor=world.city_unit, task=task, contacted_on=timezone.localdate(),
                                       way="phone", notes="电话面商")
    _token, secret = core_services.api_token_create(user=world.city_unit, name="phone")
    due = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    path = f"/api/v1/proposals/unit/tasks/{task.pk}/reply"

    def put(user_secret, promises):
        return client.put(path, {"text": "答复", "category": "B", "promises": promises},
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {user_secret}")

    assert put(secret, [{"measure": "修缮校舍", "due_on": due}]).status_code == 200
    assert Reply.objects.get(task=task).promises == [{"measure": "修缮校舍", "due_on": due}]
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert put(secret, [{"measure": "修缮校舍", "due_on": yesterday}]).status_code == 400
    assert Reply.objects.get(task=task).promises == [{"measure": "修缮校舍", "due_on": due}]  # nothing lost
    _token, other = core_services.api_token_create(user=world.city_unit2, name="phone")
    assert put(other, [{"measure": "x", "due_on": due}]).status_code == 403
    with pytest.raises(DomainError):
        proposal_services.reply_save(actor=world.city_unit, task=task, text="答复", category="B",
                                     promises=[("", due)])


def test_recommendation_from_a_consultation_its_measures_tracked_and_shown(world, client_as):
    """A 建议案 drafted from a consultation of the activities app; the reply's measures become items of the unit,
    each with its date, shown with their progress on the recommendation's page; bad measures change nothing."""
    import datetime as dt

    from django.utils import timezone

    from zhengxie.activities.choices import ActivityType
    from zhengxie.activities.tests.factories import make_activity
    from zhengxie.core.exceptions import DomainError

    office = world.city_office
    consultation = make_activity(world.city, title="文旅融合专题协商会", type=ActivityType.CONSULTATION,
                                 starts_in=-dt.timedelta(days=20))
    elsewhere = make_activity(world.city2, title="酒泉的协商会", type=ActivityType.CONSULTATION)
    with pytest.raises(DomainError):
        services.recommendation_create(actor=office, organisation=world.city, title="x", text="y", activity=elsewhere)
    page = client_as(office).post(reverse("worklists:recommendations"), {
        "title": "关于放大文旅综合效应的建议案", "text": "一、……", "activity": consultation.pk})
    rec = world.city.recommendations.get()
    assert page.status_code == 302 and (rec.activity, rec.consultation) == (consultation, "文旅融合专题协商会")
    for action, extra in (("adopt", {}), ("send", {"sent_to": "中共天水市委、天水市人民政府"}),
                          ("record_reply", {"reply": "市政府已责成文旅局牵头落实。"})):
        rec = services.recommendation_move(actor=office, recommendation=rec, action=action, **extra)
    today = timezone.localdate()
    track = reverse("worklists:recommendation_move", args=[rec.pk, "track"])
    form = {"version": rec.version, "on": today.isoformat(), "unit": world.city_unit1.pk,
            "measure_1": "完成景区交通改造", "due_1": (today - dt.timedelta(days=1)).isoformat()}
    client_as(office).post(track, form)
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.REPLIED and not Item.objects.exists()  # a date in the past
    first, second = today + dt.timedelta(days=90), today + dt.timedelta(days=200)
    assert client_as(world.city_unit).post(track, {**form, "due_1": first.isoformat()}).status_code in (302, 403)
    assert not Item.objects.exists()
    client_as(office).post(track, {**form, "due_1": first.isoformat(), "measure_2": "培育文旅融合新业态",
                                   "due_2": second.isoformat()})
    items = list(Item.objects.order_by("due_on"))
    assert [(i.title, i.due_on, i.unit, i.source_kind) for i in items] == [
        ("完成景区交通改造", first, world.city_unit1, "recommendation"),
        ("培育文旅融合新业态", second, world.city_unit1, "recommendation")]
    services.progress_report(actor=world.city_unit2, item=items[0], text="已完成交通改造方案。", progress=30)
    body = client_as(world.city_leader).get(reverse("worklists:recommendation", args=[rec.pk])).content.decode()
    assert "完成景区交通改造" in body and "已完成交通改造方案。" in body and "30%" in body
    assert "文旅融合专题协商会" in body
    assert client_as(world.city2_office).get(reverse("worklists:recommendation", args=[rec.pk])).status_code in (
        403, 404)


def test_an_adopted_consultation_outcome_tracks_each_promised_measure(world, client_as,
                                                                       django_capture_on_commit_callbacks):
    """A consultation's outcome report adopted by a department with measures: each measure is an item of that unit
    with its own date; a measure refused (a date in the past, no 'adopted') changes nothing and keeps what was
    typed; recording the same feedback again adds nothing."""
    import datetime as dt

    from django.utils import timezone

    from zhengxie.activities.choices import ActivityType
    from zhengxie.activities.services import outcomes
    from zhengxie.activities.tests.factories import make_activity
    from zhengxie.core.exceptions import DomainError

    office, today = world.city_office, timezone.localdate()
    consultation = make_activity(world.city, title="优化营商环境专题协商会", type=ActivityType.CONSULTATION,
                                 starts_in=-dt.timedelta(days=10))
    report = outcomes.report_create(actor=office, activity=consultation, kind="consultation",
                                    title="关于优化营商环境的协商报告", body="建议如下……")
    outcomes.report_send(actor=office, report=report, units=[world.city_unit0])
    recipient = report.recipients.get()
    url = reverse("activities:recipient_feedback", args=[report.pk, recipient.pk])
    first, second = today + dt.timedelta(days=60), today + dt.timedelta(days=180)
    typed = {"feedback": "采纳，分两步落实", "adopted": "on", "measure_1": "出台涉企检查清单",
             "due_1": (today - dt.timedelta(days=3)).isoformat()}
    page = client_as(office).post(url, typed)
    body = page.content.decode()
    assert page.status_code == 200 and "出台涉企检查清单" in body and "采纳，分两步落实" in body
    assert "不能早于今天" in body or "cannot be in the past" in body
    with pytest.raises(DomainError):  # measures only with an adoption
        outcomes.recipient_feedback(actor=office, recipient=recipient, feedback="", adopted=False,
                                    promises=[("出台涉企检查清单", first)])
    assert not Item.objects.exists()
    good = {**typed, "due_1": first.isoformat(), "measure_2": "建成企业服务专线", "due_2": second.isoformat()}
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as(office).post(url, good).status_code == 302
    items = list(Item.objects.order_by("due_on"))
    assert [(i.title, i.due_on, i.unit, i.source_kind, i.is_commitment) for i in items] == [
        ("出台涉企检查清单", first, world.city_unit0, "consultation", True),
        ("建成企业服务专线", second, world.city_unit0, "consultation", True)]
    with django_capture_on_commit_callbacks(execute=True):  # the same feedback again: nothing new
        client_as(office).post(url, good)
    assert Item.objects.count() == 2
    shown = client_as(office).get(reverse("activities:report_detail", args=[report.pk])).content.decode()
    assert "建成企业服务专线" in shown
    assert client_as(world.city2_office).post(url, good).status_code in (403, 404)


def test_an_adoption_without_measures_is_one_item_with_the_default_deadline(world, django_capture_on_commit_callbacks):
    import datetime as dt

    from zhengxie.activities.choices import ActivityType
    from zhengxie.activities.services import outcomes
    from zhengxie.activities.tests.factories import make_activity

    office = world.city_office
    consultation = make_activity(world.city, title="乡村振兴专题协商会", type=ActivityType.CONSULTATION,
                                 starts_in=-dt.timedelta(days=10))
    report = outcomes.report_create(actor=office, activity=consultation, kind="consultation",
                                    title="关于乡村振兴的协商报告", body="建议如下……")
    outcomes.report_send(actor=office, report=report, units=[world.city_unit1])
    with django_capture_on_commit_callbacks(execute=True):
        outcomes.recipient_feedback(actor=office, recipient=report.recipients.get(), feedback="采纳", adopted=True)
    item = Item.objects.get()
    assert (item.title, item.unit, item.source_kind) == ("关于乡村振兴的协商报告", world.city_unit1, "consultation")
