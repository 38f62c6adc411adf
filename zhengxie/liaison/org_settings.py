"""Per-organisation settings of the liaison app (inherited from the organisation above when not set)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, get_setting, register_setting

TOPICS = "liaison.topics"
INQUIRY_DAYS = "liaison.inquiry_days"
REMIND_BEFORE = "liaison.inquiry_remind_before"

GROUP = _("Information for members")

register_setting(OrgSetting(
    TOPICS,
    ["政府工作", "经济发展", "乡村振兴", "生态环境", "教育", "医疗卫生", "社会保障", "城乡建设", "文化旅游",
     "社会治理", "其他"],
    _("Information topics"), _("One per line: how members find information and questions by subject."),
    kind=list, group=GROUP,
))
register_setting(OrgSetting(
    INQUIRY_DAYS, 10, _("Days to answer a member's question"),
    _("Working days a department has to answer a question from a member (知情问询)."),
    kind=int, minimum=1, maximum=60, group=GROUP,
))
register_setting(OrgSetting(
    REMIND_BEFORE, 2, _("Remind departments this many days before an answer is due"),
    _("Departments are reminded daily from this many days before the due date, and every day once it has passed."),
    kind=int, minimum=0, maximum=30, group=GROUP,
))


def topics_of(organisation) -> list[str]:
    return list(get_setting(organisation, TOPICS))

CONTACT_DAYS = "liaison.contact_visit_days"
CONTACT_GROUP = _("Contact duties")

register_setting(OrgSetting(
    CONTACT_DAYS, 90, _("Visit each contact at least every this many days"),
    _("A member or committee who has not visited or talked with a contact in this many days is reminded, then "
      "once a week until the visit is logged (联系制度)."),
    kind=int, minimum=7, maximum=365, group=CONTACT_GROUP,
))
