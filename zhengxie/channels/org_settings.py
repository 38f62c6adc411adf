"""Per-organisation settings of the channels: quiet hours and the hour of the daily digest."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

QUIET_START = "channels.quiet_start"
QUIET_END = "channels.quiet_end"
DIGEST_HOUR = "channels.digest_hour"

register_setting(OrgSetting(
    QUIET_START, 21, _("Quiet hours start"),
    _("Hour (0–23) from which no SMS is sent, except urgent notices (a meeting changed for today or tomorrow)."),
    kind=int, minimum=0, maximum=23, group=_("Notice channels"),
))
register_setting(OrgSetting(
    QUIET_END, 8, _("Quiet hours end"), _("Hour (0–23) at which held SMS go out."),
    kind=int, minimum=0, maximum=23, group=_("Notice channels"),
))
register_setting(OrgSetting(
    DIGEST_HOUR, 18, _("Daily digest hour"),
    _("Hour (0–23) at which people who chose a digest receive the day's notices in one message."),
    kind=int, minimum=0, maximum=23, group=_("Notice channels"),
))
