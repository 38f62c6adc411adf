"""Chinese line breaking for ReportLab's PDFs (标点禁则, as in GB/T 15834 and every office's typesetting).

ReportLab's CJK wrapping cuts between any two characters and knows a handful of closing marks only (not "，", "；",
"：", "？", "！", "”" or "》") and no opening ones, so a line could start with "，" or end with "（". Here the
break is chosen so that no line starts with a closing mark and none ends with an opening one: one or two closing marks
that overflow hang in the margin (as ReportLab does with one), anything else moves to the next line with the character
before it. ``install()`` puts the rule in place of ReportLab's two splitting functions (single- and multi-fragment
paragraphs); ``core.documents.register_pdf_font`` calls it, so every PDF of every app follows it."""

from unicodedata import category

#: Marks that never start a line: 点号 (、，。；：？！), closing quotes, brackets and title marks, 间隔号, and their
#: Latin forms.
CLOSING = frozenset("、，。．；：？！”’）〕］｝〉》」』】〗〙〛…—·・／％‰℃" ",.;:?!)]}%")
#: Marks that never end a line: opening quotes, brackets and title marks.
OPENING = frozenset("“‘（〔［｛〈《「『【〖〘〚" "([{")

_FUZZ = 1e-6
_installed = False


def _latin(ch: str) -> bool:
    return ord(ch) < 0x3000 and not category(ch).startswith("Z")


def _allowed(chars, end: int) -> bool:
    """A break before ``chars[end]`` breaks no rule (nor a Latin word)."""
    before, after = chars[end - 1], chars[end]
    if after in CLOSING or before in OPENING:
        return False
    return not (_latin(before) and _latin(after) and before not in CLOSING and after not in OPENING)


def _break_at(chars, start: int, overflow: int) -> int:
    """Where the line that overflows at ``chars[overflow]`` ends (the index of the next line's first character)."""
    n = len(chars)
    run = 0
    while overflow + run < n and chars[overflow + run] in CLOSING and run < 3:
        run += 1
    if 0 < run <= 2 and chars[overflow - 1] not in OPENING and (overflow + run >= n or _allowed(chars, overflow + run)):
        return overflow + run  # one closing mark (or a pair, as in "。”") hangs in the margin
    end = overflow
    while end > start + 1 and not _allowed(chars, end):
        end -= 1
    return end if _allowed(chars, end) else overflow  # nowhere allowed: cut where the line is full


def line_spans(chars, widths, max_widths, hard=frozenset()) -> list[tuple[int, int, float, bool]]:
    """(start, end, width used, hard break) of each line; ``hard``: indexes of forced breaks (kept on their line)."""
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    lines, start, used, i, n = [], 0, 0.0, 0, len(chars)
    while i < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if i in hard:
            lines.append((start, i + 1, used + widths[i], True))
            i += 1
            start, used = i, 0.0
            continue
        used += widths[i]
        if used > limit + _FUZZ and i > start:
            end = _break_at(chars, start, i)
            lines.append((start, end, sum(widths[start:end]), False))
            start, used, i = end, 0.0, end
            continue
        i += 1
    if start < n:
        lines.append((start, n, sum(widths[start:n]), False))
    return lines


def dumb_split(word, widths, maxWidths):  # noqa: N803 (ReportLab's signature)
    """``reportlab.lib.textsplit.dumbSplit`` with the rules: [[extra space, text], …]."""
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    rows = []
    for number, (start, end, used, _hard) in enumerate(line_spans(word, widths, maxWidths)):
        limit = maxWidths[min(number, len(maxWidths) - 1)]
        rows.append([limit - used, word[start:end].strip() if end < len(word) else word[start:end]])
    return rows


def _frag_split(original):
    from reportlab.lib.utils import isBytes
    from reportlab.platypus import paragraph

    def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        glyphs = []
        for frag in frags:
            text = frag.text.decode(encoding) if isBytes(frag.text) else frag.text
            glyphs.extend([paragraph.cjkU(t, frag, encoding) for t in text] if text
                          else [paragraph.cjkU(text, frag, encoding)])
        widths = [g.width for g in glyphs]
        if not all(isinstance(w, (int, float)) for w in widths):
            return original(frags, maxWidths, calcBounds, encoding)  # relative widths: ReportLab's own way
        chars = [str(g) or "\n" for g in glyphs]
        hard = frozenset(i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak"))
        lines = []
        for number, (start, end, used, is_hard) in enumerate(line_spans(chars, widths, maxWidths, hard)):
            limit = maxWidths[min(number, len(maxWidths) - 1)]
            lines.append(paragraph.makeCJKParaLine(glyphs[start:end], limit, used, limit - used, is_hard, calcBounds))
        return paragraph.ParaLines(kind=1, lines=lines)

    return cjk_frag_split


def install() -> None:
    """Use the rules for every ReportLab paragraph with ``wordWrap="CJK"`` (idempotent)."""
    global _installed
    if _installed:
        return
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    textsplit.dumbSplit = dumb_split
    paragraph.cjkFragSplit = _frag_split(paragraph.cjkFragSplit)
    _installed = True
