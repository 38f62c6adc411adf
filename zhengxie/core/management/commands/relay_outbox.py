"""Hand the outbox's pending tasks to the task backend and retry the failed ones:
``manage.py relay_outbox`` (one round) or ``manage.py relay_outbox --loop --interval 5`` (a service)."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from zhengxie.core.outbox import relay

logger = logging.getLogger("zhengxie.outbox")


class Command(BaseCommand):
    help = "Queue the tasks that writes left in the outbox, and queue again those whose run failed."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run until stopped, one round every --interval s")
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--rounds", type=int, default=0, help="with --loop: stop after this many rounds")

    def handle(self, *args, loop=False, interval=5.0, rounds=0, **options):
        done = 0
        while True:
            close_old_connections()
            try:
                counts = relay()
                if not loop or any(counts.values()):
                    self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
            except Exception as exc:  # the database or the broker is away: try again next round
                if not loop:
                    raise
                logger.warning("outbox relay: round failed (%s: %s)", exc.__class__.__name__, exc)
            done += 1
            if not loop or (rounds and done >= rounds):
                return
            time.sleep(interval)
