"""Settings of the outreach app, per organisation (inherited from the parent organisation when not set)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

GROUP = _("Members and the public")

DEFAULT_CATEGORIES = [
    "就业创业", "社会保障", "教育", "医疗卫生", "养老服务", "住房保障", "道路交通", "水电气暖", "环境卫生",
    "农业农村", "市场监管", "矛盾纠纷", "其他",
]

register_setting(OrgSetting(
    "outreach.concern_categories", DEFAULT_CATEGORIES, _("Categories of concerns"),
    _("One per line: the person chooses one when sending a concern."), kind=list, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.unit_due_working_days", 15, _("Working days a handling unit has to answer a concern"),
    _("The default due date when a concern is passed to a unit; it can be changed each time."),
    kind=int, minimum=1, maximum=120, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.feedback_days", 30, _("Days the person has to give feedback after closure"),
    kind=int, minimum=1, maximum=365, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.description_max_length", 1000, _("Longest description of a concern (characters)"),
    kind=int, minimum=100, maximum=2000, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.public_per_hour", 5, _("Concerns one network address may send in an hour"),
    _("The public page refuses more, so that a flood cannot bury the real concerns. Many phones can share one "
      "address (a village network, a mobile carrier): do not set it too low."),
    kind=int, minimum=1, maximum=1000, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.public_per_day", 20, _("Concerns one network address may send in a day"),
    kind=int, minimum=1, maximum=10000, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.public_min_seconds", 3, _("Shortest time to fill in the public form (seconds)"),
    _("A form sent faster than this was filled in by a program and is refused."),
    kind=int, minimum=0, maximum=120, group=GROUP,
))
register_setting(OrgSetting(
    "outreach.hotline", "12345", _("Government service hotline"),
    _("Shown on the public page for matters the government handles directly (the 12345 hotline of the place). "
      "Empty: not shown."), group=GROUP,
))
register_setting(OrgSetting(
    "outreach.hotline_name", "12345政务服务便民热线", _("Name of the hotline"),
    _("How the public page names the hotline, e.g. “12345政务服务便民热线”."), group=GROUP,
))
