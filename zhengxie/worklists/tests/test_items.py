"""Items and their supervision, through the services: each step's history, the rules of who acts, reminders."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import ConcurrentChange, DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import AuditEntry, Notification
from zhengxie.worklists import services
from zhengxie.worklists.choices import ItemStatus
from zhengxie.worklists.models import Item

from .factories import make_item

pytestmark = pytest.mark.django_db


def fresh(item) -> Item:
    return Item.objects.get(pk=item.pk)


def test_create_report_supervise_close_with_history(world):
    item = make_item(world, milestones=[("完成规划评审", timezone.localdate() + dt.timedelta(days=20))])
    assert item.status == ItemStatus.NOT_STARTED and item.number == 1 and item.leader_name == world.city_leader.label
    assert Notification.objects.filter(recipient=world.city_unit, code="worklists.item.created").exists()
    services.progress_report(actor=world.city_unit, item=item, text="已完成园区规划初稿。", progress=30)
    item = fresh(item)
    assert (item.status, item.progress, item.last_report_text) == (ItemStatus.ON_TRACK, 30, "已完成园区规划初稿。")
    assert item.next_report_on is not None
    services.note_add(actor=world.city_office, item=item, text="请加快用地审批。", ask_report=True,
                      report_due_on=timezone.localdate() + dt.timedelta(days=5))
    item = fresh(item)
    assert item.report_requested_at is not None
    services.milestone_done(actor=world.city_unit, milestone=item.milestones.get())
    services.item_close(actor=world.city_leader, item=fresh(item), outcome="园区获批国家级农业科技园区。")
    item = fresh(item)
    assert (item.status, item.progress, item.confirmed_by, item.closed_late) == (ItemStatus.DONE, 100,
                                                                                 world.city_leader, False)
    actions = list(item.transitions.values_list("action", flat=True))
    assert actions == ["create", "report_on_track", "request_report", "milestone", "close"]
    assert AuditEntry.objects.filter(action="worklists.item.closed").count() == 1
    with pytest.raises((NotAllowed, InvalidTransition)):  # a closed item takes no more changes
        services.item_cancel(actor=world.city_office, item=item, reason="重复")
    services.item_reopen(actor=world.city_office, item=item, reason="成效需补充材料")
    assert fresh(item).status == ItemStatus.ON_TRACK


def test_reporting_late_marks_behind_and_closing_late_counts(world):
    item = make_item(world, due_in=-3)
    services.progress_report(actor=world.city_unit, item=item, text="受天气影响，进度滞后。", progress=50)
    assert fresh(item).status == ItemStatus.BEHIND
    services.item_close(actor=world.city_office, item=fresh(item), outcome="已完成。")
    assert fresh(item).closed_late is True


def test_who_reports_and_who_supervises(world):
    """Each role allowed and refused, on one item (one world for all of them)."""
    item = make_item(world)
    reporters = {"city_unit": True, "city_unitlead": True, "city_office": True, "city_unit2": False,
                 "city_member": False, "county_unit": False}
    for who, allowed in reporters.items():
        call = lambda who=who: services.progress_report(actor=world.users[who], item=fresh(item), text="进展",  # noqa: E731
                                                        progress=10)
        if allowed:
            call()
        else:
            with pytest.raises(NotAllowed):
                call()
    supervisors = {"city_office": True, "city_leader": True, "city_committee": True, "city_unit": False,
                   "city_member": False}
    for who, allowed in supervisors.items():
        call = lambda who=who: services.note_add(actor=world.users[who], item=fresh(item), text="请按期报送进展。")  # noqa: E731
        if allowed:
            call()
        else:
            with pytest.raises(NotAllowed):
                call()


def test_close_refused_to_unit_and_other_leader_allowed_only_to_office_or_own(world):
    item = make_item(world, leader=False)
    for who in ("city_unit", "city_leader", "city_member"):
        with pytest.raises(NotAllowed):
            services.item_close(actor=world.users[who], item=item, outcome="完成")
    with pytest.raises(DomainError):
        services.item_close(actor=world.city_office, item=item, outcome="")


def test_stale_version_refused_and_bad_input_named(world):
    item = make_item(world)
    services.progress_report(actor=world.city_unit, item=item, text="第一次", progress=10, version=item.version)
    with pytest.raises(ConcurrentChange):
        services.progress_report(actor=world.city_unit, item=item, text="第二次", progress=20, version=item.version)
    with pytest.raises(DomainError) as exc:
        services.progress_report(actor=world.city_unit, item=item, text="", progress=120)
    assert set(exc.value.errors) == {"text", "progress"}
    with pytest.raises(DomainError) as exc:
        make_item(world, title="", unit=None, body_name="", due_in=10)
    assert set(exc.value.errors) == {"title", "body_name"}


def test_daily_check_reminds_and_escalates_once(world):
    soon = make_item(world, title="即将到期", due_in=3)
    late = make_item(world, title="已经逾期", due_in=-2)
    far = make_item(world, title="时间充裕", due_in=200, cadence="none")
    first = services.items_check_due(organisation=world.city)
    assert first == {"reminded": 1, "escalated": 1}
    assert services.items_check_due(organisation=world.city) == {"reminded": 0, "escalated": 0}
    late = fresh(late)
    assert late.status == ItemStatus.BEHIND and late.escalated_at is not None
    assert Notification.objects.filter(recipient=world.city_leader, code="worklists.item.overdue").count() == 1
    assert fresh(soon).reminded_on == timezone.localdate() and fresh(far).reminded_on is None
    assert list(late.transitions.values_list("action", flat=True)) == ["create", "fall_behind", "escalate"]


def test_a_milestone_due_soon_is_reminded_and_the_reached_one_is_not(world):
    today = timezone.localdate()
    item = make_item(world, title="园区建设", due_in=200, cadence="none",
                     milestones=[("完成选址", today + dt.timedelta(days=4)), ("开工建设", today + dt.timedelta(days=5))])
    reached = make_item(world, title="已过节点", due_in=200, cadence="none",
                        milestones=[("完成选址", today + dt.timedelta(days=4))])
    services.milestone_done(actor=world.city_unit, milestone=reached.milestones.get())
    assert services.items_check_due(organisation=world.city) == {"reminded": 1, "escalated": 0}
    entry = item.transitions.get(action="remind")
    assert entry.data == {"due": (today + dt.timedelta(days=4)).isoformat(),
                          "what": f"milestone:{item.milestones.get(title='完成选址').pk}"}
    notice = Notification.objects.get(recipient=world.city_unit, code="worklists.item.reminder")
    assert "完成选址" in notice.title and fresh(reached).reminded_on is None
