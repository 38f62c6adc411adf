"""``manage.py backup [--to DIR] [--keep N]``: the database and the uploaded files, together (zhengxie/core/backup.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from zhengxie.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into one directory with a manifest of rows and files."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, default=None, help="where backups go (default: ZHENGXIE_VAR_DIR/backups)")
        parser.add_argument("--keep", type=int, default=0, help="keep only the newest N backups there (0: all)")

    def handle(self, *args, to=None, keep=0, **options):
        target = backup(to=to or Path(settings.VAR_DIR) / "backups", keep=keep)
        self.stdout.write(str(target))
