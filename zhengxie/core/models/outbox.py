"""The task outbox: a task queued by a write is first a row written in the write's own transaction, then handed to
the task backend by a relay. A broker that is away therefore never turns a committed write into an error, and a task
whose run failed or was abandoned is queued again with a growing delay."""

from django.db import models
from django.utils import timezone


class OutboxTask(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"  # written; not yet accepted by the task backend (or to be queued again)
        ENQUEUED = "enqueued"  # accepted by the backend under result_id; its outcome not yet seen
        DONE = "done"
        FAILED = "failed"  # every attempt failed

    task_path = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    result_id = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "available_at"], name="core_outbox_due")]

    def __str__(self):
        return f"{self.task_path} #{self.pk} ({self.status})"
