"""Chinese line breaking in the PDFs: no line starts with a closing mark or ends with an opening one."""

import random

import pytest

from zhengxie.core.cjk_wrap import CLOSING, OPENING, line_spans

TEXT = ("我市工业基础薄弱，产业链条短；龙头企业（尤其是制造业）带动作用不强。建议：一是培育“专精特新”企业，"
        "二是延伸产业链条！三是优化营商环境？《天水市营商环境条例》已经施行，成效明显。")


def _lines_of(text, width, style="body"):
    from reportlab.platypus import Paragraph

    from zhengxie.core.documents import pdf_styles, pdf_text

    paragraph = Paragraph(pdf_text(text), pdf_styles()[style])
    paragraph.wrap(width, 10000)
    lines = []
    for line in paragraph.blPara.lines:
        if paragraph.blPara.kind == 0:
            lines.append("".join(line[1]))
        else:
            lines.append("".join(w.text for w in line.words))
    return [line for line in lines if line]


@pytest.mark.parametrize("style", ["body", "plain"])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(style):
    texts = [TEXT, TEXT + "\n" + TEXT]
    for text in texts:
        for width in range(60, 400, 7):
            lines = _lines_of(text, width, style)
            assert "".join(lines).replace("\n", "") == text.replace("\n", "")
            for line in lines:
                assert line[0] not in CLOSING, (width, line)
                assert line[-1] not in OPENING, (width, line)


def test_random_texts_keep_every_character_and_the_rules():
    rng = random.Random(7)
    words, closing, opening = "提案办理答复委员建议政协天水市", "，。；：？！、”）》", "“（《"
    for _ in range(300):
        chars = []
        for _segment in range(rng.randint(1, 12)):
            chars += [rng.choice(opening)] if rng.random() < 0.3 else []
            chars += [rng.choice(words) for _ in range(rng.randint(2, 6))]
            chars += [rng.choice(closing) for _ in range(rng.choice([0, 1, 1, 2]))]
        spans = line_spans(chars, [12.0] * len(chars), rng.randint(4, 20) * 12.0)
        assert "".join("".join(chars[a:b]) for a, b, *_ in spans) == "".join(chars)
        for a, b, *_ in spans:
            assert b > a
            assert a == 0 or chars[a] not in CLOSING, (a, "".join(chars))
            assert b == len(chars) or chars[b - 1] not in OPENING, (b, "".join(chars))
