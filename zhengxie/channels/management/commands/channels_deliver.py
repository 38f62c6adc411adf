"""Send what the channels still owe: retries, SMS held for quiet hours, rows over the rate limit; the digests.

    manage.py channels_deliver            # one round
    manage.py channels_deliver --loop     # every 30 s, and the digests as their hour comes (zhengxie-channels)
    manage.py channels_deliver --digest   # the digests that are due, once
"""

import time

from django.core.management.base import BaseCommand

from zhengxie.channels import tasks


class Command(BaseCommand):
    help = "Send due notice deliveries (retries, held SMS) and, with --digest, the daily digests."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, one round every --interval seconds.")
        parser.add_argument("--interval", type=float, default=30.0)
        parser.add_argument("--digest", action="store_true", help="Send the daily digests that are due.")

    def handle(self, *args, **options):
        if options["digest"]:
            self.stdout.write(f"digests sent: {tasks.send_digests.call()}")
            return
        while True:
            self.stdout.write(f"deliveries sent: {tasks.deliver_due.call()}")
            if not options["loop"]:
                return
            sent = tasks.send_digests.call()  # sends only what a digest hour has passed over
            if sent:
                self.stdout.write(f"digests sent: {sent}")
            time.sleep(options["interval"])
