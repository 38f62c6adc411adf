"""办: assignment modes, confirmation by the Party/government office, objections and reassignment, contacts,
extensions, co-handlers' input, countersignature, sign-off, and the office's review of replies."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.dates import add_months, add_working_days
from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.proposals import services
from zhengxie.proposals.choices import AssignmentMode, ProposalStatus, TaskRole, TaskStatus
from zhengxie.proposals.models import HandlingTask

from .helpers import fresh, handling, registered, reply, task_of, unit1_leader

pytestmark = pytest.mark.django_db


def reload(task):
    return HandlingTask.objects.get(pk=task.pk)


def test_sole_assignment_starts_the_clock(world):
    proposal, (task,) = handling(world)
    today = timezone.localdate()
    assert proposal.status == ProposalStatus.HANDLING and proposal.mode == AssignmentMode.SOLE
    assert (task.role, task.status, task.due_on) == (TaskRole.SOLE, TaskStatus.HANDLING, add_months(today, 3))
    assert proposal.due_on == task.due_on
    assert Notification.objects.filter(recipient=world.city_unit, code="proposals.assigned").exists()


def test_joint_assignment_lead_and_cohandler(world):
    proposal, (lead, co) = handling(world, mode=AssignmentMode.JOINT)
    assert (lead.role, co.role) == (TaskRole.LEAD, TaskRole.CO)
    assert co.input_due_on == add_months(timezone.localdate(), 1)


@pytest.mark.parametrize("mode, leads, cos", [
    (AssignmentMode.SOLE, 2, 0), (AssignmentMode.SOLE, 1, 1), (AssignmentMode.SPLIT, 1, 0),
    (AssignmentMode.JOINT, 1, 0), (AssignmentMode.JOINT, 2, 1),
])
def test_assignment_modes_check_their_units(world, mode, leads, cos):
    proposal = registered(world)
    units = [world.city_unit0, world.city_unit1, world.units["city_unit2"]]
    with pytest.raises(DomainError):
        services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode=mode, lead_units=units[:leads],
                                 co_units=units[leads:leads + cos])
    assert fresh(proposal).status == ProposalStatus.REGISTERED and not proposal.tasks.exists()


def test_assignment_refuses_another_organisations_unit_and_the_wrong_role(world):
    proposal = registered(world)
    with pytest.raises(NotAllowed):
        services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.county_unit0])
    with pytest.raises(NotAllowed):
        services.proposal_assign(actor=world.city_unit, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    with pytest.raises(NotAllowed):
        services.proposal_assign(actor=world.county_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])


def test_assignment_confirmed_by_the_party_government_office(world):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    proposal = registered(world)
    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.CONFIRMING
    assert proposal.tasks.get().status == TaskStatus.PENDING
    assert not Notification.objects.filter(recipient=world.city_unit, code="proposals.assigned").exists()
    with pytest.raises(NotAllowed):
        services.proposal_confirm_assignment(actor=world.city_proposal, proposal=proposal)
    services.proposal_confirm_assignment(actor=world.city_partygov, proposal=proposal)
    task = fresh(proposal).tasks.get()
    assert (fresh(proposal).status, task.status) == (ProposalStatus.HANDLING, TaskStatus.HANDLING)
    assert task.due_on == add_months(timezone.localdate(), 3)


def test_party_government_office_sends_the_assignment_back(world):
    world.city.settings["proposals.assignment_confirmation"] = True
    world.city.save()
    proposal = registered(world)
    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit0])
    with pytest.raises(DomainError):
        services.proposal_send_back_assignment(actor=world.city_partygov, proposal=fresh(proposal), comment="")
    services.proposal_send_back_assignment(actor=world.city_partygov, proposal=fresh(proposal), comment="应由交通运输局办理。")
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.REGISTERED and proposal.tasks.get().status == TaskStatus.CANCELLED
    services.proposal_assign(actor=world.city_proposal, proposal=proposal, mode="sole", lead_units=[world.city_unit1])
    assert fresh(proposal).status == ProposalStatus.CONFIRMING


def test_objection_within_the_time_limit_then_reassignment(world):
    proposal, (task,) = handling(world)
    with pytest.raises(NotAllowed):
        services.task_object(actor=world.city_unit2, task=task, reason="不是我们的")  # another unit
    services.task_object(actor=world.city_unit, task=task, reason="该事项属交通运输部门职责。")
    task = reload(task)
    assert task.status == TaskStatus.OBJECTED
    assert Notification.objects.filter(recipient=world.city_proposal, code="proposals.objection").exists()
    with pytest.raises(NotAllowed):  # units cannot pass a proposal on themselves
        services.task_reassign(actor=world.city_unit, task=task, unit=world.city_unit1)
    new = services.task_reassign(actor=world.city_proposal, task=task, unit=world.city_unit1, comment="改由交通运输局办理。")
    assert reload(task).status == TaskStatus.CANCELLED
    assert (new.unit, new.role, new.status) == (world.city_unit1, TaskRole.SOLE, TaskStatus.HANDLING)
    assert Notification.objects.filter(recipient=world.city_unit2, code="proposals.assigned").exists()


def test_objection_after_the_time_limit_is_refused(world):
    proposal, (task,) = handling(world)
    HandlingTask.objects.filter(pk=task.pk).update(assigned_at=timezone.now() - dt.timedelta(days=8))
    with pytest.raises(DomainError):
        services.task_object(actor=world.city_unit, task=reload(task), reason="不属本单位职责。")


def test_objection_dismissed(world):
    proposal, (task,) = handling(world)
    services.task_object(actor=world.city_unit, task=task, reason="不属本单位职责。")
    with pytest.raises(NotAllowed):
        services.task_dismiss_objection(actor=world.city_unit, task=reload(task), comment="x")
    services.task_dismiss_objection(actor=world.city_proposal, task=reload(task), comment="经研究仍由你单位办理。")
    assert reload(task).status == TaskStatus.HANDLING


def test_contact_records(world):
    proposal, (task,) = handling(world)
    with pytest.raises(DomainError):
        services.task_contact_add(actor=world.city_unit, task=task, contacted_on=timezone.localdate() + dt.timedelta(days=1),
                                  way="phone", notes="约定面商时间")
    with pytest.raises(NotAllowed):
        services.task_contact_add(actor=world.city_member, task=task, contacted_on=timezone.localdate(), way="phone", notes="x")
    services.task_contact_add(actor=world.city_unit, task=task, contacted_on=timezone.localdate(), way="phone",
                              notes="电话沟通办理思路")
    assert task.contacts.count() == 1


def test_extensions_at_most_six_months_in_all(world):
    proposal, (task,) = handling(world)
    due = task.due_on
    with pytest.raises(DomainError):
        services.task_extension_request(actor=world.city_unit, task=task, months=7, reason="项目复杂")
    services.task_extension_request(actor=world.city_unit, task=task, months=4, reason="涉及多部门协调")
    with pytest.raises(DomainError):  # one request at a time
        services.task_extension_request(actor=world.city_unit, task=reload(task), months=1, reason="再延")
    with pytest.raises(NotAllowed):
        services.task_extension_decide(actor=world.city_unit, task=reload(task), approve=True)
    services.task_extension_decide(actor=world.city_proposal, task=reload(task), approve=True)
    task = reload(task)
    assert (task.extension_months, task.due_on) == (4, add_months(due, 4))
    assert fresh(proposal).due_on == task.due_on
    with pytest.raises(DomainError):
        services.task_extension_request(actor=world.city_unit, task=task, months=3, reason="仍需时间")
    services.task_extension_request(actor=world.city_unit, task=task, months=2, reason="仍需时间")
    services.task_extension_decide(actor=world.city_proposal, task=reload(task), approve=False, comment="请按期办结")
    assert reload(task).extension_months == 4


def test_category_d_only_when_the_organisation_uses_it(world):
    proposal, (task,) = handling(world)
    with pytest.raises(DomainError):
        services.reply_save(actor=world.city_unit, task=task, text="答复", category="D")
    world.city.settings["proposals.category_d"] = True
    world.city.save()
    task = reload(task)
    assert services.reply_save(actor=world.city_unit, task=task, text="答复", category="D").category == "D"


def test_reply_needs_a_contact_with_the_proposer_first(world):
    proposal, (task,) = handling(world)
    services.reply_save(actor=world.city_unit, task=task, text="经研究……", category="B")
    with pytest.raises(DomainError):
        services.reply_submit(actor=world.city_unit, task=reload(task))
    world.city.settings["proposals.contact_required"] = False
    world.city.save()
    services.reply_submit(actor=world.city_unit, task=reload(task))
    assert reload(task).status == TaskStatus.SIGNOFF


def test_sole_reply_signed_off_by_the_units_leader_then_accepted(world):
    proposal, (task,) = handling(world)
    services.task_contact_add(actor=world.city_unit, task=task, contacted_on=timezone.localdate(), way="visit", notes="面商")
    services.reply_save(actor=world.city_unit, task=task, text="经研究，答复如下……", category="A")
    services.reply_submit(actor=world.city_unit, task=reload(task))
    with pytest.raises(NotAllowed):
        services.reply_sign_off(actor=world.city_unit, task=reload(task))  # staff, not the leader
    services.reply_sign_off(actor=world.city_unitlead, task=reload(task), approve=False, comment="请补充资金安排。")
    assert reload(task).status == TaskStatus.HANDLING
    services.reply_submit(actor=world.city_unit, task=reload(task))
    services.reply_sign_off(actor=world.city_unitlead, task=reload(task))
    task = reload(task)
    assert task.status == TaskStatus.REPLIED and task.replied_at
    services.reply_accept(actor=world.city_proposal, task=task, category="B", comment="按实际办理情况调整为B类。")
    proposal = fresh(proposal)
    reply_ = task.replies.get()
    assert (reply_.category, reply_.unit_category) == ("B", "A")
    assert proposal.status == ProposalStatus.EVALUATING
    assert proposal.rating_due_on == add_working_days(timezone.localdate(), 15, world.city)
    assert Notification.objects.filter(recipient=world.city_member, code="proposals.rate_reply").exists()


def test_office_returns_the_reply(world):
    proposal, (task,) = handling(world)
    task = reply(world, task)
    with pytest.raises(NotAllowed):
        services.reply_return(actor=world.city_unit, task=task, comment="x")
    services.reply_return(actor=world.city_proposal, task=task, comment="答复过于笼统，请具体说明。")
    task = reload(task)
    assert task.status == TaskStatus.HANDLING and task.replies.get().submitted_at is None


def test_joint_handling_input_countersign_and_signoff(world):
    proposal, (lead, co) = handling(world, mode=AssignmentMode.JOINT)
    with pytest.raises(DomainError):
        services.task_input_send(actor=world.city_unit, task=lead, text="主办不送意见")
    services.task_input_send(actor=world.city_unit2, task=co, text="建议增加农村公路养护资金。")
    assert reload(co).status == TaskStatus.INPUT_SENT
    with pytest.raises(DomainError):  # co-handlers do not write the reply
        services.reply_save(actor=world.city_unit2, task=reload(co), text="x", category="A")
    services.task_contact_add(actor=world.city_unit, task=lead, contacted_on=timezone.localdate(), way="visit", notes="面商")
    services.reply_save(actor=world.city_unit, task=reload(lead), text="会同交通运输局研究，答复如下……", category="A")
    services.reply_submit(actor=world.city_unit, task=reload(lead))
    assert reload(lead).status == TaskStatus.COUNTERSIGNING
    services.task_countersign(actor=world.city_unit2, task=reload(co), agree=False, comment="请写明资金来源。")
    assert (reload(lead).status, reload(co).status) == (TaskStatus.HANDLING, TaskStatus.INPUT_SENT)
    services.reply_submit(actor=world.city_unit, task=reload(lead))
    with pytest.raises(NotAllowed):
        services.task_countersign(actor=world.city_unit, task=reload(co), agree=True)
    services.task_countersign(actor=world.city_unit2, task=reload(co), agree=True)
    assert (reload(lead).status, reload(co).status) == (TaskStatus.SIGNOFF, TaskStatus.COUNTERSIGNED)
    services.reply_sign_off(actor=world.city_unitlead, task=reload(lead))
    services.reply_accept(actor=world.city_proposal, task=reload(lead))
    assert fresh(proposal).status == ProposalStatus.EVALUATING


def test_countersign_only_while_the_lead_waits_for_it(world):
    proposal, (lead, co) = handling(world, mode=AssignmentMode.JOINT)
    with pytest.raises(InvalidTransition):
        services.task_countersign(actor=world.city_unit2, task=co, agree=True)  # no input sent yet
    services.task_input_send(actor=world.city_unit2, task=co, text="无补充意见")
    with pytest.raises(DomainError):
        services.task_countersign(actor=world.city_unit2, task=reload(co), agree=True)


def test_split_handling_waits_for_every_reply(world):
    proposal, (first, second) = handling(world, mode=AssignmentMode.SPLIT)
    leader2 = unit1_leader(world)
    services.reply_accept(actor=world.city_proposal, task=reply(world, first))
    assert fresh(proposal).status == ProposalStatus.HANDLING
    services.reply_accept(actor=world.city_proposal, task=reply(world, second, staff="city_unit2", leader=leader2))
    assert fresh(proposal).status == ProposalStatus.EVALUATING


def test_a_unit_sees_only_its_own_tasks(world):
    from zhengxie.proposals.selectors import proposals_visible_to, unit_tasks

    proposal, (task,) = handling(world)
    other, _tasks = handling(world, author="city_member2")
    services.task_object(actor=world.city_unit, task=task_of(other, world.city_unit0), reason="不属本单位职责。")
    services.task_reassign(actor=world.city_proposal, task=task_of(other, world.city_unit0), unit=world.city_unit1)
    assert [t.proposal_id for t in unit_tasks(world.city_unit, world.city)] == [proposal.pk]
    assert list(proposals_visible_to(world.city_unit, world.city)) == [proposal]
    assert [t.proposal_id for t in unit_tasks(world.city_unit2, world.city)] == [other.pk]


def test_a_reassigned_unit_gets_its_own_deadline(world):
    from zhengxie.proposals.models import Proposal

    proposal, (task,) = handling(world)
    HandlingTask.objects.filter(pk=task.pk).update(due_on=dt.date(2020, 1, 1))
    Proposal.objects.filter(pk=proposal.pk).update(due_on=dt.date(2020, 1, 1))
    new = services.task_reassign(actor=world.city_proposal, task=HandlingTask.objects.get(pk=task.pk),
                                 unit=world.city_unit1, comment="改交")
    expected = add_months(timezone.localdate(), 3)
    assert new.due_on == expected
    assert Proposal.objects.get(pk=proposal.pk).due_on == expected
    assert HandlingTask.objects.get(pk=new.pk).due_on == expected
