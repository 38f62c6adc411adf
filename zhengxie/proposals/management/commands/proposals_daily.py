"""The proposals' daily check: ``manage.py proposals_daily`` (from cron, e.g. ``0 7 * * *``).

By default it queues one task per organisation for the task worker; ``--now`` runs the check in this process and
prints what it did (useful without a worker, and to try it)."""

from django.core.management.base import BaseCommand

from zhengxie.core.models import Organisation
from zhengxie.proposals.services import reminders_send
from zhengxie.proposals.tasks import enqueue_daily_reminders


class Command(BaseCommand):
    help = "Remind units of proposal replies due soon or overdue, report overdue replies to the office, close expired co-signing."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing tasks")

    def handle(self, *args, now, **options):
        if not now:
            count = enqueue_daily_reminders()
            self.stdout.write(f"Queued the daily check for {count} organisations.")
            return
        for organisation in Organisation.objects.filter(is_active=True).order_by("path"):
            counts = reminders_send(organisation=organisation)
            if counts:
                summary = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
                self.stdout.write(f"{organisation.short_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Daily check done."))
