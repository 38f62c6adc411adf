"""Daily reminders of the liaison app: members' questions to departments due soon or overdue, and contacts not
visited within the organisation's period: ``manage.py liaison_reminders [--enqueue]``. Run it once a day (cron or a
systemd timer); ``--enqueue`` hands it to the task worker."""

from django.core.management.base import BaseCommand

from zhengxie.core.outbox import enqueue_on_commit
from zhengxie.liaison.tasks import remind_contacts, remind_inquiries


class Command(BaseCommand):
    help = "Remind departments of members' questions due soon or overdue, and holders of contacts due a visit (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="only this organisation (id)")
        parser.add_argument("--enqueue", action="store_true", help="queue the tasks for the worker")

    def handle(self, *args, organisation=None, enqueue=False, **options):
        if enqueue:
            rows = [enqueue_on_commit(remind_inquiries, organisation), enqueue_on_commit(remind_contacts, organisation)]
            self.stdout.write("Queued: " + ", ".join(f"outbox #{row.pk}" for row in rows))
            return
        count = remind_inquiries.call(organisation)
        self.stdout.write(f"{count} questions reminded.")
        count = remind_contacts.call(organisation)
        self.stdout.write(f"{count} contacts reminded.")
