"""Daily reminders of concerns overdue at handling units: ``manage.py outreach_reminders [--enqueue]``.

Run it once a day (cron or a systemd timer). By default it runs at once; ``--enqueue`` hands it to the task
worker instead."""

from django.core.management.base import BaseCommand

from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.outreach.tasks import remind_overdue_concerns


class Command(BaseCommand):
    help = "Remind handling units of constituents' concerns past their due date (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="only this organisation (id)")
        parser.add_argument("--enqueue", action="store_true", help="queue the task for the worker")

    def handle(self, *args, organisation=None, enqueue=False, **options):
        if enqueue:
            row = enqueue_on_commit(remind_overdue_concerns, organisation)
            self.stdout.write(f"Queued: outbox #{row.pk}")
            return
        count = remind_overdue_concerns.call(organisation)
        self.stdout.write(f"{count} overdue concerns reminded.")
