#!/usr/bin/env python
"""Work on the translation catalogues (developer tool; needs polib from the project's environment).

    .venv/bin/python scripts/catalogue.py missing [zhengxie/proposals]     # untranslated zh_Hans entries, as JSON
    .venv/bin/python scripts/catalogue.py fill translations.json [paths…]  # fill msgstr from {"msgid": "译文"}
    .venv/bin/python scripts/catalogue.py check                            # exit 1 if any zh_Hans entry is missing

Plural entries take a list of forms in the JSON: {"%(n)d member": ["%(n)d 名委员"]}.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues(paths=None):
    bases = [ROOT / p for p in paths] if paths else [ROOT] + sorted((ROOT / "zhengxie").iterdir())
    for base in bases:
        po = base / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        if po.exists():
            yield po


def untranslated(po):
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield entry
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                yield entry
        elif not entry.msgstr:
            yield entry


def main(argv):  # noqa: C901 (one branch per sub-command)
    command = argv[1] if len(argv) > 1 else "missing"
    if command == "missing":
        result = {}
        for path in catalogues(argv[2:]):
            for entry in untranslated(polib.pofile(str(path))):
                result[entry.msgid] = [""] if entry.msgid_plural else ""
        print(json.dumps(result, ensure_ascii=False, indent=1))
    elif command == "fill":
        table = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        for path in catalogues(argv[3:]):
            po = polib.pofile(str(path))
            changed = 0
            for entry in po:
                if entry.msgid in table and table[entry.msgid]:
                    value = table[entry.msgid]
                    if entry.msgid_plural:
                        forms = value if isinstance(value, list) else [value]
                        entry.msgstr_plural = {i: f for i, f in enumerate(forms)}
                    else:
                        entry.msgstr = value if isinstance(value, str) else value[0]
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                    changed += 1
            po.save()
            print(f"{path.relative_to(ROOT)}: {changed} entries filled")
    elif command == "check":
        missing = [(path, e.msgid) for path in catalogues(argv[2:]) for e in untranslated(polib.pofile(str(path)))]
        for path, msgid in missing:
            print(f"{path.relative_to(ROOT)}: {msgid!r}")
        sys.exit(1 if missing else 0)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
