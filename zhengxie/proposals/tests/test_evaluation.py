"""评 and 督: ratings by every proposer, paper ratings, redo and the supplementary reply, closing, reply quality,
key proposals and their supervision log, awards, publication, and the daily reminders."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.exceptions import DomainError, InvalidTransition, NotAllowed
from zhengxie.core.models import Notification
from zhengxie.duties.models import DutyEvent
from zhengxie.proposals import services
from zhengxie.proposals.choices import AwardKind, KeyState, ProposalStatus, TaskStatus
from zhengxie.proposals.models import HandlingTask, ReminderLog
from zhengxie.proposals.selectors import is_public, public_proposals

from .helpers import evaluating, fresh, handling, registered, reply

pytestmark = pytest.mark.django_db


def test_every_proposer_rates_including_cosigners(world):
    proposal, task = evaluating(world, cosigners=["city_member2"])
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="satisfied", comment="办理认真")
    services.proposal_rate(actor=world.city_member2, proposal=proposal, task=task, value="basically")
    assert sorted(task.ratings.values_list("value", flat=True)) == ["basically", "satisfied"]
    assert DutyEvent.objects.filter(kind="proposal_rated", source_id=str(proposal.pk)).count() == 2
    with pytest.raises(NotAllowed):
        services.proposal_rate(actor=world.city_member3, proposal=proposal, task=task, value="satisfied")
    # a proposer may change their rating until the deadline
    services.proposal_rate(actor=world.city_member2, proposal=proposal, task=task, value="satisfied")
    assert task.ratings.get(signer__member=world.members["city_member2"]).value == "satisfied"


def test_dissatisfied_needs_a_reason(world):
    proposal, task = evaluating(world)
    with pytest.raises(DomainError):
        services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="dissatisfied")


def test_rating_after_the_deadline_is_refused_but_the_office_records_a_paper_one(world):
    proposal, task = evaluating(world)
    type(proposal).objects.filter(pk=proposal.pk).update(rating_due_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(DomainError):
        services.proposal_rate(actor=world.city_member, proposal=fresh(proposal), task=task, value="satisfied")
    signer = fresh(proposal).signers.get(member=world.members["city_member"])
    with pytest.raises(NotAllowed):
        services.proposal_rate_on_paper(actor=world.city_unit, proposal=proposal, task=task, signer=signer, value="satisfied")
    rating = services.proposal_rate_on_paper(actor=world.city_proposal, proposal=fresh(proposal), task=task, signer=signer,
                                             value="satisfied", comment="书面评价表")
    assert rating.on_paper and rating.recorded_by == world.city_proposal


def test_rating_refused_before_the_reply_is_accepted(world):
    proposal, (task,) = handling(world)
    with pytest.raises(InvalidTransition):
        services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="satisfied")


def test_redo_after_dissatisfied_then_supplementary_reply_rated_again_and_closed(world):
    proposal, task = evaluating(world)
    with pytest.raises(DomainError):  # no dissatisfied rating yet
        services.task_redo(actor=world.city_proposal, task=task, comment="重新办理")
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="dissatisfied",
                           comment="答复未涉及资金安排。")
    assert Notification.objects.filter(recipient=world.city_proposal, code="proposals.dissatisfied").exists()
    with pytest.raises(NotAllowed):
        services.task_redo(actor=world.city_unit, task=task, comment="x")
    services.task_redo(actor=world.city_proposal, task=HandlingTask.objects.get(pk=task.pk), comment="请重新办理并补充答复。")
    task = HandlingTask.objects.get(pk=task.pk)
    assert (task.round, task.status, fresh(proposal).status) == (2, TaskStatus.HANDLING, ProposalStatus.HANDLING)
    task = reply(world, task, text="补充答复：已安排专项资金200万元。")
    assert task.replies.count() == 2 and task.replies.get(round=2).is_supplementary
    services.reply_accept(actor=world.city_proposal, task=task)
    proposal = fresh(proposal)
    assert proposal.status == ProposalStatus.EVALUATING
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=HandlingTask.objects.get(pk=task.pk),
                           value="satisfied")
    assert list(task.ratings.order_by("round").values_list("round", "value")) == [(1, "dissatisfied"), (2, "satisfied")]
    with pytest.raises(NotAllowed):
        services.proposal_close(actor=world.city_member, proposal=proposal)
    services.proposal_close(actor=world.city_proposal, proposal=proposal)
    assert fresh(proposal).status == ProposalStatus.CLOSED and fresh(proposal).closed_at


def test_batch_close(world):
    proposals = [evaluating(world)[0] for _ in range(2)]
    result = services.proposals_close_batch(actor=world.city_proposal, organisation=world.city, ids=[p.pk for p in proposals])
    assert len(result.done) == 2 and all(fresh(p).status == ProposalStatus.CLOSED for p in proposals)


def test_reply_quality(world):
    proposal, task = evaluating(world)
    with pytest.raises(NotAllowed):
        services.reply_rate_quality(actor=world.city_unit, task=task, quality="excellent")
    services.reply_rate_quality(actor=world.city_proposal, task=task, quality="excellent", comment="答复具体")
    assert task.replies.get().quality == "excellent"


def test_key_proposal_nominated_approved_and_supervised(world):
    proposal = registered(world)
    with pytest.raises(NotAllowed):
        services.proposal_key_nominate(actor=world.city_leader, proposal=proposal)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal, comment="涉及全市重点工作")
    assert Notification.objects.filter(recipient=world.city_leader, code="proposals.key_nominated").exists()
    with pytest.raises(NotAllowed):
        services.proposal_key_decide(actor=world.city_proposal, proposal=fresh(proposal), approve=True)
    with pytest.raises(DomainError):  # the leading leader must be a leader
        services.proposal_key_decide(actor=world.city_leader, proposal=fresh(proposal), approve=True, leader=world.city_proposal)
    services.proposal_key_decide(actor=world.city_leader, proposal=fresh(proposal), approve=True)
    proposal = fresh(proposal)
    assert (proposal.key_state, proposal.key_leader) == (KeyState.APPROVED, world.city_leader)
    assert DutyEvent.objects.filter(kind="proposal_key", member=world.members["city_member"]).exists()
    with pytest.raises(NotAllowed):
        services.supervision_add(actor=world.city_member, proposal=proposal, kind="visit",
                                 happened_on=timezone.localdate(), notes="x")
    services.supervision_add(actor=world.city_leader, proposal=proposal, kind="visit", happened_on=timezone.localdate(),
                             notes="赴项目现场督办。")
    assert proposal.supervision.count() == 1


def test_key_nomination_declined_and_not_for_unregistered(world):
    proposal = registered(world)
    services.proposal_key_nominate(actor=world.city_proposal, proposal=proposal)
    services.proposal_key_decide(actor=world.city_leader, proposal=fresh(proposal), approve=False)
    assert fresh(proposal).key_state == KeyState.NONE
    with pytest.raises(InvalidTransition):
        services.supervision_add(actor=world.city_leader, proposal=fresh(proposal), kind="visit",
                                 happened_on=timezone.localdate(), notes="x")
    from .helpers import submitted

    with pytest.raises(DomainError):
        services.proposal_key_nominate(actor=world.city_proposal, proposal=submitted(world, author="city_member2"))


def test_excellent_proposal_and_advanced_unit(world):
    proposal, _task = evaluating(world, cosigners=["city_member2"])
    year = timezone.localdate().year
    award = services.award_grant(actor=world.city_proposal, organisation=world.city, year=year,
                                 kind=AwardKind.EXCELLENT_PROPOSAL, proposal=proposal, citation="建议具体可行")
    credited = DutyEvent.objects.live().filter(kind="proposal_excellent", source_id=str(proposal.pk))
    assert credited.count() == 2
    with pytest.raises(DomainError):
        services.award_grant(actor=world.city_proposal, organisation=world.city, year=year,
                             kind=AwardKind.EXCELLENT_PROPOSAL, proposal=proposal)
    services.award_grant(actor=world.city_proposal, organisation=world.city, year=year, kind=AwardKind.ADVANCED_UNIT,
                         unit=world.city_unit0)
    with pytest.raises(NotAllowed):
        services.award_grant(actor=world.city_proposal, organisation=world.city, year=year, kind=AwardKind.ADVANCED_UNIT,
                             unit=world.county_unit0)
    with pytest.raises(NotAllowed):
        services.award_grant(actor=world.city_member, organisation=world.city, year=year, kind=AwardKind.ADVANCED_UNIT,
                             unit=world.city_unit1)
    services.award_revoke(actor=world.city_proposal, award=award)
    assert not DutyEvent.objects.live().filter(kind="proposal_excellent", source_id=str(proposal.pk)).exists()


def test_publication_by_setting_and_override(world):
    proposal = registered(world)
    hidden = registered(world, author="city_member2")
    assert not is_public(proposal) and list(public_proposals(world.city)) == []
    services.proposal_set_publication(actor=world.city_proposal, proposal=proposal, publication="public")
    assert list(public_proposals(world.city)) == [fresh(proposal)]
    world.city.settings["proposals.publish_registered"] = True
    world.city.save()
    services.proposal_set_publication(actor=world.city_proposal, proposal=hidden, publication="hidden")
    assert list(public_proposals(world.city)) == [fresh(proposal)]
    with pytest.raises(NotAllowed):
        services.proposal_set_publication(actor=world.city_member, proposal=fresh(proposal), publication="hidden")


def test_daily_reminders_due_soon_overdue_and_escalation_once(world):
    proposal, (task,) = handling(world)
    today = timezone.localdate()
    HandlingTask.objects.filter(pk=task.pk).update(due_on=today + dt.timedelta(days=5))
    counts = services.reminders_send(organisation=world.city, today=today)
    assert counts["due_soon"] == 1
    assert services.reminders_send(organisation=world.city, today=today).get("due_soon", 0) == 0  # idempotent
    HandlingTask.objects.filter(pk=task.pk).update(due_on=today - dt.timedelta(days=1))
    counts = services.reminders_send(organisation=world.city, today=today)
    assert (counts["overdue"], counts["escalated"]) == (1, 1)
    assert Notification.objects.filter(recipient=world.city_unit, code="proposals.overdue").count() == 1
    assert Notification.objects.filter(recipient=world.city_proposal, code="proposals.overdue_report").count() == 1
    again = services.reminders_send(organisation=world.city, today=today + dt.timedelta(days=1))
    assert again.get("overdue", 0) == 0 and again.get("escalated", 0) == 0
    later = services.reminders_send(organisation=world.city, today=today + dt.timedelta(days=7))
    assert later["overdue"] == 1 and later.get("escalated", 0) == 0
    assert ReminderLog.objects.filter(task=task).count() == 4


def test_daily_reminders_close_expired_cosigning(world):
    from .helpers import draft

    proposal = draft(world, cosigners=["city_member2"])
    services.proposal_submit(actor=world.city_member, proposal=proposal)
    proposal.signers.filter(status="invited").update(respond_by=timezone.now() - dt.timedelta(hours=1))
    assert services.reminders_send(organisation=world.city)["cosigning_closed"] == 1
    assert fresh(proposal).status == ProposalStatus.SUBMITTED


def test_cohandler_input_overdue_reminder(world):
    proposal, (lead, co) = handling(world, mode="joint")
    HandlingTask.objects.filter(pk=co.pk).update(input_due_on=timezone.localdate() - dt.timedelta(days=1))
    assert services.reminders_send(organisation=world.city)["input_due"] == 1
    assert Notification.objects.filter(recipient=world.city_unit2, code="proposals.input_overdue").exists()


def test_daily_task_and_command(world):
    from io import StringIO

    from django.core.management import call_command

    from zhengxie.proposals.tasks import send_daily_reminders

    proposal, (task,) = handling(world)
    HandlingTask.objects.filter(pk=task.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    result = send_daily_reminders.enqueue(world.city.pk)  # the immediate backend runs it at once in tests
    assert result.return_value == {"overdue": 1, "escalated": 1}
    out = StringIO()
    call_command("proposals_daily", stdout=out)  # queues one per organisation; nothing new to send today
    assert "5" in out.getvalue()
    call_command("proposals_daily", "--now", stdout=out)
    assert Notification.objects.filter(recipient=world.city_unit, code="proposals.overdue").count() == 1


def test_the_rating_reminder_goes_once_the_member_has_rated(world, client_as):
    proposal, task = evaluating(world, cosigners=["city_member2"])
    member = client_as(world.city_member)
    assert "答复已送达" in member.get(f"/proposals/{proposal.pk}/").content.decode()
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="satisfied", comment="")
    assert "答复已送达" not in member.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "答复已送达" in client_as(world.city_member2).get(f"/proposals/{proposal.pk}/").content.decode()


def test_satisfaction_is_counted_per_reply_not_per_rating(world):
    from zhengxie.proposals.selectors import supervision_by_unit

    proposal, task = evaluating(world, cosigners=["city_member2"])
    services.proposal_rate(actor=world.city_member, proposal=proposal, task=task, value="satisfied", comment="")
    services.proposal_rate(actor=world.city_member2, proposal=fresh(proposal), task=task, value="satisfied", comment="")
    (row,) = [r for r in supervision_by_unit(world.city) if r["unit"] == task.unit]
    assert (row["replied"], row["satisfied"], row["basically"], row["dissatisfied"]) == (1, 1, 0, 0)
    assert row["satisfaction"] == 1
