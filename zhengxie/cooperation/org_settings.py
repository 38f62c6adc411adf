"""Per-organisation settings of the cooperation app (inherited from the organisation above when not set)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, get_setting, register_setting

FIELDS = "cooperation.expert_fields"

register_setting(OrgSetting(
    FIELDS,
    ["新能源", "水资源", "生态环境", "农业", "文化旅游", "交通物流", "产业经济", "城乡规划", "医疗卫生", "教育",
     "法律", "社会治理"],
    _("Fields of think-tank experts"), _("One per line: offered when an expert is added, and to find experts by field."),
    kind=list, group=_("Think tank and cooperation"),
))


def fields_of(organisation) -> list[str]:
    return list(get_setting(organisation, FIELDS))
