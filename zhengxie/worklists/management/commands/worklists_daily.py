"""The daily job of the work lists app: reminders before a report or a deadline, overdue items escalated.

    manage.py worklists_daily          # enqueue the check of every organisation (a worker runs them)
    manage.py worklists_daily --now    # run them in this process
"""

from django.core.management.base import BaseCommand

from zhengxie.core.models import Organisation

from ...tasks import check_due_items, enqueue_daily_checks


class Command(BaseCommand):
    help = "Remind the people of work items due soon and escalate the overdue ones."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process instead of enqueuing.")

    def handle(self, *args, now=False, **options):
        if not now:
            self.stdout.write(f"enqueued the check of {enqueue_daily_checks()} organisations")
            return
        reminded = escalated = 0
        for pk in Organisation.objects.filter(is_active=True).values_list("pk", flat=True):
            result = check_due_items.call(pk)
            reminded += result.get("reminded", 0)
            escalated += result.get("escalated", 0)
        self.stdout.write(f"reminded {reminded} items, escalated {escalated}")
