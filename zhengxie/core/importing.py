"""What every Excel import shares (members, places, and the next apps' imports): reading a cell as one of a set of
choices in either language, a yes, a date. An import reads its file with ``core.documents.read_excel``, checks
every row, and writes all rows or none, raising a DomainError whose ``errors`` maps row numbers to messages."""

import datetime as dt
import logging

from django.utils import translation
from django.utils.translation import gettext

from .exceptions import DomainError

logger = logging.getLogger(__name__)

INVALID = "invalid"  # what parse_date returns for a cell that is not a date


def labels_of(value) -> set[str]:
    """A translated label as it reads in Chinese and in English (a cell may hold either)."""
    result = set()
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            result.add(str(value))
    return result


def choice_of(value: str, choices) -> str | None:
    """The key of ``choices`` ((key, label) pairs) that the cell names by key or by label; None if none."""
    value = (value or "").strip()
    for key, label in choices:
        if value == key or value in labels_of(label):
            return key
    return None


def is_yes(value, *, also=()) -> bool:
    """A cell that says yes (是, yes, √, …); ``also``: more words that mean yes in this import."""
    text = str(value or "").strip()
    return text.lower() in {"是", "yes", "y", "1", "true", "√", "常委"} or text in set(also)


def parse_date(value):
    """A date from a date cell or from text (2026-03-01, 2026/3/1, 2026年3月1日); None when empty; INVALID else."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        return INVALID


def refuse_rows(errors: dict, *, kind: str, organisation, actor) -> None:
    """All rows or none: with any row in error, nothing is imported and the user sees each row's problems. The
    refusal is logged (what was refused, where, by whom; not the rows' personal data)."""
    if not errors:
        return
    logger.info("Import of %s refused for organisation %s by user %s: %d rows in error (rows %s)", kind,
                getattr(organisation, "pk", None), getattr(actor, "pk", None), len(errors),
                ", ".join(str(n) for n in list(errors)[:20]))
    raise DomainError(
        gettext("Nothing was imported: %(n)d rows have errors. Correct them and import the file again.") % {"n": len(errors)},
        code="import_rows", errors=errors)


def read_rows(upload, columns, *, empty_message, max_rows: int = 5000) -> list[tuple[int, dict]]:
    """The rows of a sheet whose columns are ``(key, label, width, required)``, each as (row number, {key: value});
    a header may be in either language. Raises DomainError when the file has no rows (``empty_message``) or lacks a
    required column."""
    from .documents import read_excel

    lookup = {text: key for key, label, _w, _r in columns for text in labels_of(label)}
    rows = read_excel(upload, list(lookup), max_rows=max_rows)
    if not rows:
        raise DomainError(empty_message)
    present = {lookup[h] for h in rows[0].values}
    missing = [str(label) for key, label, _w, required in columns if required and key not in present]
    if missing:
        raise DomainError(
            gettext("The first row must hold the column names; missing: %(columns)s. Download the template and use it.")
            % {"columns": "、".join(missing)})
    return [(row.number, {lookup[h]: value for h, value in row.values.items()}) for row in rows]
