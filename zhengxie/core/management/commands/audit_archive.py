"""manage.py audit_archive: move the audit entries older than the retention period into a signed, compressed
file, recorded in the chain itself. Never a silent deletion: without --purge the entries stay in the table too."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.audit_chain import archive, archive_check, retention_days


class Command(BaseCommand):
    help = "Archive audit entries older than the retention period (at least 180 days) to a signed .jsonl.gz file."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=None,
                            help="entries older than this many days (default and minimum: AUDIT_RETENTION_DAYS)")
        parser.add_argument("--directory", default=None, help="where the archive goes (default: AUDIT_ARCHIVE_DIR)")
        parser.add_argument("--purge", action="store_true",
                            help="take the archived entries out of the table once the file is written and checked")
        parser.add_argument("--check", metavar="FILE", help="check an archive file's signature and chain instead")

    def handle(self, *args, older_than_days=None, directory=None, purge=False, check=None, **options):
        if check:
            ok, count = archive_check(Path(check))
            if not ok:
                raise CommandError(f"{check}: the signature or the chain does not hold.")
            self.stdout.write(self.style.SUCCESS(f"{check}: intact, {count} entries."))
            return
        days = older_than_days if older_than_days is not None else retention_days()
        try:
            recorded = archive(directory=Path(directory or settings.AUDIT_ARCHIVE_DIR), older_than_days=days,
                               purge=purge)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if recorded is None:
            self.stdout.write(f"No entry is older than {days} days.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"{recorded['count']} entries ({recorded['first_seq']}–{recorded['last_seq']}) archived to "
            f"{recorded['file']}{', and taken out of the table' if purge else ''}."))
