"""manage.py audit_verify: walk the audit log's hash chain and report every edited, inserted or removed entry.

Exit status 0 when the chain holds, 1 when it is broken (for a cron job or a monitoring check)."""

import sys

from django.core.management.base import BaseCommand

from zhengxie.core.audit_chain import verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; report every entry that was edited, inserted or removed."

    def handle(self, *args, **options):
        state = verify()
        if state.ok:
            self.stdout.write(self.style.SUCCESS(
                f"The audit chain holds: {state.count} entries, {state.first_seq or '-'} to {state.last_seq or '-'}, "
                f"head {state.last_hash[:16] or '-'}."))
            return
        for seq, problem in state.problems:
            self.stdout.write(self.style.ERROR(f"BROKEN at {seq}: {problem}"))
        self.stdout.write(f"Verified up to entry {state.last_seq or 0}; {len(state.problems)} problems.")
        sys.exit(1)
