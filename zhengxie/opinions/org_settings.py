"""Per-organisation settings of the opinions app (inherited from the organisation above when not set)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhengxie.core.choices import OrganisationLevel, Role
from zhengxie.core.org_settings import OrgSetting, get_setting, register_setting

MAX_LENGTH = "opinions.max_length"
CATEGORIES = "opinions.categories"
RECIPIENTS = "opinions.bulletin_recipients"
COMPILER = "opinions.bulletin_compiler"

GROUP = _("Public-opinion reports")

register_setting(OrgSetting(
    MAX_LENGTH, 1500, _("Longest report (characters)"),
    _("Counted like the word count of Word or WPS: each Chinese character or punctuation mark is one, each Latin "
      "word or number is one, spaces and line breaks are not counted. A proposal converted by the office is not "
      "held to it."),
    kind=int, minimum=100, maximum=20000, group=GROUP,
))
register_setting(OrgSetting(
    CATEGORIES,
    ["经济发展", "乡村振兴", "教育", "医疗卫生", "社会保障", "生态环境", "城乡建设", "文化旅游", "民族宗教",
     "社会治理", "其他"],
    _("Report categories"), _("One per line, in the order the form shows them."), kind=list, group=GROUP,
))
register_setting(OrgSetting(
    RECIPIENTS, [], _("Bulletin recipients"),
    _("One per line: who receives each issue (e.g. the Party committee and the government). Empty: the local "
      "Party committee and government are proposed."),
    kind=list, group=GROUP,
))
register_setting(OrgSetting(
    COMPILER, "", _("Bulletin compiled by"),
    _("The line under the masthead, e.g. “天水市政协研究室”. Empty: the committee's office."), group=GROUP,
))


REVIEW_STEPS = "opinions.bulletin_review_steps"
#: Who may take a review step, by the words an office writes after “=”.
REVIEWER_ROLES = {"信息科": Role.INFORMATION_OFFICE, "研究室": Role.INFORMATION_OFFICE, "信息处": Role.INFORMATION_OFFICE,
                  "领导": Role.LEADER, "秘书长": Role.LEADER, "办公室": Role.GENERAL_OFFICE,
                  "information_office": Role.INFORMATION_OFFICE, "leader": Role.LEADER,
                  "general_office": Role.GENERAL_OFFICE}


def parse_step(line: str) -> tuple[str, str]:
    """“研究室审核=研究室” → (“研究室审核”, information_office); raises ValueError for an unknown reviewer."""
    name, _sep, who = line.partition("=")
    name, who = name.strip(), (who.strip() or "信息科")
    if not name or who not in REVIEWER_ROLES:
        raise ValueError(line)
    return name, REVIEWER_ROLES[who]


@dataclass
class ReviewStepsSetting(OrgSetting):
    def clean(self, raw):
        value = super().clean(raw)
        for line in value:
            try:
                parse_step(line)
            except ValueError:
                raise ValidationError(gettext(
                    "“%(line)s”: write a step as 名称=审核人, the reviewer one of %(who)s.") % {
                    "line": line, "who": "、".join(k for k in REVIEWER_ROLES if not k.isascii())}) from None
        return value


register_setting(ReviewStepsSetting(
    REVIEW_STEPS, [], _("Review steps of a bulletin issue"),
    _("One per line, in order, between 拟稿 and 签发: 名称=审核人, e.g. “研究室审核=研究室” or “秘书长审核=领导”. "
      "A reviewer is never the one who submitted the issue. Empty: a leader signs off directly."),
    kind=list, group=GROUP,
))


def review_steps_of(organisation) -> list[dict]:
    return [dict(zip(("name", "role"), parse_step(line), strict=True))
            for line in get_setting(organisation, REVIEW_STEPS)]


def place_of(organisation) -> str:
    """“天水市秦州区” for 中国人民政治协商会议天水市秦州区委员会: the place name used in recipients' names."""
    name = organisation.name
    if name.startswith("中国人民政治协商会议") and name.endswith("委员会"):
        return name.removeprefix("中国人民政治协商会议").removesuffix("委员会")
    return organisation.short_name.removesuffix("政协")


def categories_of(organisation) -> list[str]:
    return list(get_setting(organisation, CATEGORIES))


def default_recipients(organisation) -> list[str]:
    configured = get_setting(organisation, RECIPIENTS)
    if configured:
        return list(configured)
    if organisation.level == OrganisationLevel.NATIONAL:
        return ["中共中央办公厅", "国务院办公厅"]
    place = place_of(organisation)
    return [f"中共{place}委员会", f"{place}人民政府"]


def compiler_of(organisation) -> str:
    return get_setting(organisation, COMPILER) or f"{organisation.short_name}办公室"
