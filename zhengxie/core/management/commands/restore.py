"""``manage.py restore DIR [--database-url URL] [--media-root DIR]``: load a backup made by ``manage.py backup``
and check every table's rows and every file against its manifest (exit 1 when anything differs)."""

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.backup import restore


class Command(BaseCommand):
    help = "Restore a backup (database and uploaded files) and verify it against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a directory made by `manage.py backup`")
        parser.add_argument("--database-url", help="restore into this database (default: DATABASE_URL); best a new one")
        parser.add_argument("--media-root", help="restore the files here (default: MEDIA_ROOT)")

    def handle(self, *args, source, database_url=None, media_root=None, **options):
        report = restore(source=source, database_url=database_url, media_root=media_root)
        self.stdout.write(f"{report['tables']} tables, {report['rows']} rows, {report['files']} files restored "
                          f"(backup taken {report['backup_age']} ago)")
        if report["tables_differing"] or report["files_differing"]:
            for table, (expected, found) in report["tables_differing"].items():
                self.stderr.write(f"table {table}: {expected} rows in the backup, {found} restored")
            for name in report["files_differing"]:
                self.stderr.write(f"file {name}: missing or different")
            raise CommandError("the restored copy differs from the backup's manifest")
        self.stdout.write("every row and file is there")
