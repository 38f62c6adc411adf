"""Every user-facing string has a Simplified Chinese translation, and both catalogues exist for every app."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = sorted(ROOT.glob("zhengxie/*/locale/zh_Hans/LC_MESSAGES/django.po")) + [ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_zh_hans_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not e.obsolete and ("fuzzy" in e.flags or not (e.msgstr or all(e.msgstr_plural.values()) and e.msgstr_plural))]
    assert not missing, f"untranslated in {path.relative_to(ROOT)}: {missing[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_english_catalogue_has_the_same_entries(path):
    english = polib.pofile(str(path).replace("zh_Hans", "en"))
    assert {e.msgid for e in english if not e.obsolete} == {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}


def test_placeholders_survive_translation():
    import re

    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgstr:
                wanted = sorted(re.findall(r"%\(\w+\)[sd]|%\(\w+\)\.\d+f|\{\w+\}", entry.msgid))
                found = sorted(re.findall(r"%\(\w+\)[sd]|%\(\w+\)\.\d+f|\{\w+\}", entry.msgstr))
                assert wanted == found, f"{path.name}: {entry.msgid!r} -> {entry.msgstr!r}"


def test_a_message_has_one_translation_across_the_apps():
    """Django merges the apps' catalogues and the first app's translation wins: a message (with its context) that
    two apps translate differently would show the other app's wording. A message that means something else in an
    app takes a context (``pgettext``), as "Place" (编入) in a bulletin."""
    seen, clashes = {}, []
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid)
            value = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            if key in seen and seen[key][1] != value:
                clashes.append(f"{key}: {seen[key][0]} {seen[key][1]!r} / {path.parts[-5]} {value!r}")
            seen.setdefault(key, (path.parts[-5], value))
    assert not clashes, "\n".join(clashes)
