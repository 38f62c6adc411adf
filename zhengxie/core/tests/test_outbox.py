"""The task outbox: a write that queues a task commits and answers as usual while the broker is away; the task
is queued later by the relay; a failed run is queued again with a growing delay, up to a limit."""

from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.tasks import Task, task
from django.urls import reverse
from django.utils import timezone

from zhengxie.core import outbox, services
from zhengxie.core.models import Notification, OutboxTask
from zhengxie.core.tasks import ping

pytestmark = pytest.mark.django_db

Status = OutboxTask.Status


def broker_down():
    return mock.patch.object(Task, "enqueue", side_effect=redis.exceptions.ConnectionError("Connection refused"))


def test_a_task_queued_by_a_write_runs_once_the_write_commits(world, django_capture_on_commit_callbacks, mailoutbox):
    world.city_member.email = "member@example.org"
    world.city_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[world.city_member], organisation=world.city, code="t", title="hello")
        assert OutboxTask.objects.get().status == Status.PENDING  # written in the write's transaction
    row = OutboxTask.objects.get()
    # The notice's channels (e-mail among them) are sent by the channels app's task (core.notices).
    assert row.task_path == "zhengxie.channels.tasks.send_deliveries" and row.status == Status.DONE
    assert row.attempts == 1 and row.result_id
    assert len(mailoutbox) == 1


def test_broker_down_the_write_commits_and_the_task_is_queued_later(world, client_as, django_capture_on_commit_callbacks,
                                                                   mailoutbox):
    from zhengxie.proposals.choices import ProposalStatus
    from zhengxie.proposals.models import Proposal
    from zhengxie.proposals.tests.helpers import CONTENT

    client = client_as(world.city_member)
    client.post(reverse("proposals:new"), {**CONTENT, "save": "1"})
    proposal = Proposal.objects.get(created_by=world.city_member)
    OutboxTask.objects.all().delete()  # the draft's own tasks (its search signature), whose commit never ran here
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("proposals:edit", args=[proposal.pk]),
                               {**CONTENT, "version": proposal.version, "submit": "1"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    waiting = list(OutboxTask.objects.filter(status=Status.PENDING))
    assert waiting and all("ConnectionError" in row.last_error for row in waiting)
    assert all(row.available_at > timezone.now() for row in waiting)  # not before the back-off delay

    OutboxTask.objects.update(available_at=timezone.now())
    counts = outbox.relay()
    assert counts["queued"] == len(waiting)
    assert set(OutboxTask.objects.values_list("status", flat=True)) == {Status.DONE}


@task()
def always_fails() -> None:
    raise RuntimeError("boom")


def test_a_failed_run_is_queued_again_with_backoff_until_the_limit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue_on_commit(always_fails)
    row.refresh_from_db()
    assert row.status == Status.PENDING and row.attempts == 1 and "RuntimeError" in row.last_error
    delays = []
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        delays.append(round((row.available_at - timezone.now()).total_seconds()))
        OutboxTask.objects.filter(pk=row.pk).update(available_at=timezone.now())
        outbox.relay()
        row.refresh_from_db()
    assert delays == [10, 20, 40, 80, 160]
    assert row.status == Status.FAILED and row.attempts == outbox.MAX_ATTEMPTS
    # once the task works again, nothing more happens to a row that gave up
    assert outbox.relay() == {"queued": 0, "done": 0, "again": 0}


def test_the_relay_settles_a_queued_task_when_its_outcome_is_known(django_capture_on_commit_callbacks):
    ready = mock.Mock(id="r1", status="READY", errors=[])
    with mock.patch.object(Task, "enqueue", return_value=ready), django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue_on_commit(ping)
    row.refresh_from_db()
    assert row.status == Status.ENQUEUED and row.result_id == "r1"
    with mock.patch.object(Task, "get_result", return_value=mock.Mock(status="READY", errors=[])):
        outbox.relay()
    assert OutboxTask.objects.get().status == Status.ENQUEUED
    with mock.patch.object(Task, "get_result", return_value=mock.Mock(status="SUCCESSFUL", errors=[])):
        assert outbox.relay()["done"] == 1
    assert OutboxTask.objects.get().status == Status.DONE


@pytest.mark.parametrize("missing", ["django.tasks.exceptions", "django_tasks.exceptions"])
def test_a_run_the_backend_forgot_is_queued_again_and_the_round_goes_on(missing):
    """Redis restarted without its data: the RQ backend raises the django-tasks package's exception (not Django's).
    The row is queued again, and a row whose look-up fails otherwise does not stop the others from settling."""
    import importlib

    forgotten = importlib.import_module(missing).TaskResultDoesNotExist
    rows = [OutboxTask.objects.create(task_path=ping.module_path, status=Status.ENQUEUED, attempts=1,
                                      result_id=f"r{n}", enqueued_at=timezone.now()) for n in range(3)]

    def get_result(result_id):
        if result_id == "r0":
            raise forgotten(result_id)
        if result_id == "r1":
            raise redis.exceptions.ResponseError("WRONGTYPE")
        return mock.Mock(status="SUCCESSFUL", errors=[])

    with mock.patch.object(Task, "get_result", side_effect=get_result):
        counts = outbox.relay()
    assert counts["again"] == 1 and counts["done"] == 1
    statuses = [OutboxTask.objects.get(pk=row.pk).status for row in rows]
    assert statuses == [Status.PENDING, Status.ENQUEUED, Status.DONE]


def test_a_claim_whose_process_died_is_taken_again():
    row = OutboxTask.objects.create(task_path=ping.module_path, status=Status.ENQUEUED, attempts=1,
                                    enqueued_at=timezone.now() - timedelta(minutes=5))
    outbox.relay()
    row.refresh_from_db()
    assert row.status == Status.DONE and row.attempts == 2


def test_notifications_are_written_even_when_the_email_cannot_be_queued(world, django_capture_on_commit_callbacks):
    world.city_member.email = "member@example.org"
    world.city_member.save()
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[world.city_member], organisation=world.city, code="t", title="hello")
    assert Notification.objects.filter(recipient=world.city_member).count() == 1
    assert OutboxTask.objects.get().status == Status.PENDING
