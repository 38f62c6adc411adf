"""Text helpers: the length of a report as Chinese offices count it, and the difference between two versions.

Length (字数) is counted the way Word and WPS count 字数: each Chinese character or full-width punctuation mark
counts one, each run of Latin letters or digits (a word, a number such as 2026 or 3.5%) counts one, and spaces
and line breaks do not count. ``static/js/opinions.js`` counts the same way while the user types.
"""

import difflib
import re
from dataclasses import dataclass

# CJK ideographs and symbols, full-width forms and general punctuation: one unit each.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2010-\u206f"
_UNIT = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")


def count_characters(text: str) -> int:
    """字数 of ``text``: see the module's docstring."""
    return len(_UNIT.findall(text or ""))


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "delete", "insert"
    text: str


@dataclass(frozen=True)
class TextDiff:
    before: list[Segment]  # the original, with deleted passages marked
    after: list[Segment]  # the edited text, with inserted passages marked
    deleted: int  # characters removed
    inserted: int  # characters added
    changes: int  # passages changed

    @property
    def unchanged(self) -> bool:
        return self.changes == 0


def _merged_opcodes(matcher, keep: int = 2):
    """The matcher's opcodes, with an unchanged run of at most ``keep`` characters between two changes folded
    into one change: a character-level match on a common character (的, 和) would otherwise cut a rewritten
    sentence into confetti."""
    merged = []
    for op in matcher.get_opcodes():
        if merged and op[0] != "equal" and len(merged) >= 2:
            middle, first = merged[-1], merged[-2]
            if middle[0] == "equal" and middle[2] - middle[1] <= keep and first[0] != "equal":
                merged[-2:] = [("replace", first[1], op[2], first[3], op[4])]
                continue
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            last = merged.pop()
            op = ("replace", last[1], op[2], last[3], op[4])
        merged.append(op)
    return merged


def text_diff(original: str, edited: str) -> TextDiff:
    """A character-level comparison (Chinese has no spaces between words) for a side-by-side view."""
    matcher = difflib.SequenceMatcher(None, original, edited, autojunk=False)
    before, after = [], []
    deleted = inserted = changes = 0
    for tag, i1, i2, j1, j2 in _merged_opcodes(matcher):
        if tag == "equal":
            before.append(Segment("equal", original[i1:i2]))
            after.append(Segment("equal", edited[j1:j2]))
            continue
        changes += 1
        if i2 > i1:
            before.append(Segment("delete", original[i1:i2]))
            deleted += i2 - i1
        if j2 > j1:
            after.append(Segment("insert", edited[j1:j2]))
            inserted += j2 - j1
    return TextDiff(before, after, deleted, inserted, changes)
