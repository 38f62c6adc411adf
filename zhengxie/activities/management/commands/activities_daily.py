"""The daily job of the activities app: remind tomorrow's participants, hand in expired contest attempts.

    manage.py activities_daily            # enqueue both tasks (a worker runs them)
    manage.py activities_daily --now      # run them in this process
    manage.py activities_daily --day 2026-12-01 --now   # remind for another day
"""

from django.core.management.base import BaseCommand

from zhengxie.core.outbox import enqueue_on_commit

from ...tasks import finalise_expired_attempts, send_activity_reminders


class Command(BaseCommand):
    help = "Send the day-before reminders of activities and hand in expired contest attempts."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="The day whose activities to remind of (YYYY-MM-DD); default tomorrow.")
        parser.add_argument("--now", action="store_true", help="Run in this process instead of enqueuing.")

    def handle(self, *args, day=None, now=False, **options):
        if now:
            reminded = send_activity_reminders.call(day)
            finalised = finalise_expired_attempts.call()
            self.stdout.write(f"reminded {reminded} participants, handed in {finalised} expired attempts")
        else:
            enqueue_on_commit(send_activity_reminders, day)
            enqueue_on_commit(finalise_expired_attempts)
            self.stdout.write("enqueued the reminders and the contest clean-up")
