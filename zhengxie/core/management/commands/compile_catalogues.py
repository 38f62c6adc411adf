"""Compile every .po catalogue of the project to .mo with polib: no system gettext tools needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_files():
    roots = [Path(p) for p in settings.LOCALE_PATHS] + [p / "locale" for p in (settings.BASE_DIR / "zhengxie").iterdir() if p.is_dir()]
    for root in roots:
        if root.is_dir():
            yield from sorted(root.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalogue_files():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"{compiled} catalogues compiled.")
