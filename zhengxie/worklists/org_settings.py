"""Settings of the work lists app, per organisation (inherited from the parent organisation)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

PROMISE_MONTHS = "worklists.promise_months"
REMIND_DAYS = "worklists.remind_days"

GROUP = _("Work lists and supervision")

register_setting(OrgSetting(
    PROMISE_MONTHS, 6, _("Months given to carry out a promise"),
    _("The deadline of a promise tracked from a B reply or an adopted outcome, when it names none."),
    kind=int, minimum=1, maximum=36, group=GROUP,
))
register_setting(OrgSetting(
    REMIND_DAYS, 7, _("Days of notice before a report or a deadline"),
    _("The people in charge are reminded this many days before."), kind=int, minimum=1, maximum=30, group=GROUP,
))
