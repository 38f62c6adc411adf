"""Checks a member sees before submitting a proposal: rule-based, each with its explanation. Advice, not a gate:
the member may submit anyway, and the office reviews as always.

    checks(title=..., background=..., suggestions=...) -> [Check(code, message)]
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhengxie.search.similarity import CONCEPT_PREFIX, default_engine

ACTION_WORDS = ("建议", "加快", "推进", "加强", "完善", "建立", "设立", "解决", "提高", "提升", "优化", "规范", "推动", "促进",
                "实施", "落实", "开展", "保护", "支持", "增设", "新建", "修建", "改造", "整治", "治理", "发展", "打造", "扶持",
                "保障", "深化", "构建", "强化", "缓解", "破解", "试点", "出台", "制定", "设置", "建设", "纳入", "取消", "降低",
                "减轻", "扩大", "健全", "推广", "统筹", "引导", "鼓励", "严格", "整合", "恢复", "配备", "增加", "开通")
CONJUNCTIONS = re.compile(r"[和及与、]|以及|并且|同时")
ENUMERATION = re.compile(r"(一是|二是|首先|其次|第[一二三四五]|[（(][一二三四五1-5][)）]|^\s*[1-9一二三四五][.、．]|[①②③])", re.M)
MIN_TEXT, MAX_TEXT = 150, 6000


@dataclass
class Check:
    code: str
    message: str


def _concepts(text: str) -> set[str]:
    return {t for t in default_engine().signature(text) if t.startswith(CONCEPT_PREFIX)}


def checks(*, title: str, background: str, suggestions: str) -> list[Check]:
    title, background, suggestions = (title or "").strip(), (background or "").strip(), (suggestions or "").strip()
    found = []
    if len(title) < 8:
        found.append(Check("title_short", _("The title is very short: it should say what is proposed, about what "
                                            "and where (关于……的建议).")))
    elif not any(word in title for word in ACTION_WORDS):
        found.append(Check("title_no_action", _("The title does not say what is proposed: name the measure you ask for "
                                                "(加快, 设立, 整治 …), not only the subject.")))
    if len(_concepts(title)) >= 2 and CONJUNCTIONS.search(title):
        found.append(Check("several_issues", _("The title seems to join more than one issue: one issue per proposal "
                                               "(一事一案); write a separate proposal for the other one.")))
    if len(background) < 20:
        found.append(Check("no_background", _("The background (案由) is missing or very short: state the facts and "
                                              "figures of the problem from your research.")))
    if len(suggestions) < 20:
        found.append(Check("no_suggestions", _("The suggestions (建议) are missing or very short: say what should be "
                                               "done.")))
    elif not ENUMERATION.search(suggestions) and not re.search(r"\d", suggestions):
        found.append(Check("no_measure", _("The suggestions give no concrete measure: list them one by one (一是…二是…) "
                                           "and say who should do what, by when, with what means.")))
    total = len(background) + len(suggestions)
    if background and suggestions and total < MIN_TEXT:
        found.append(Check("too_short", _("The text is very short (%(n)d characters): a proposal the units can act on "
                                          "usually needs at least %(min)d.") % {"n": total, "min": MIN_TEXT}))
    if total > MAX_TEXT:
        found.append(Check("too_long", _("The text is very long (%(n)d characters): keep to the point, at most about "
                                         "%(max)d; put the research report in an attachment.") % {"n": total,
                                                                                               "max": MAX_TEXT}))
    if title and len(title) >= 8 and any(part and (part == title or (title in part and len(part) < 1.5 * len(title)))
                                         for part in (background, suggestions)):
        found.append(Check("repeats_title", _("The text repeats the title: the background should explain the problem "
                                              "and the suggestions the measures.")))
    return found
