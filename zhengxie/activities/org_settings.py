"""Per-organisation settings of the activities app."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

GROUP = _("Meetings and activities")

register_setting(OrgSetting(
    "activities.min_attendance_fraction", round(2 / 3, 4), _("Share of a meeting a member must attend"),
    _("A member present for less than this share of an activity counts as absent (2/3 is 0.6667)."),
    kind=float, minimum=0, maximum=1, group=GROUP,
))
register_setting(OrgSetting(
    "activities.signin_opens_minutes", 60, _("Sign-in opens (minutes before the start)"),
    _("The default for new activities; each activity may set its own window."),
    kind=int, minimum=0, maximum=24 * 60, group=GROUP,
))
register_setting(OrgSetting(
    "activities.late_after_minutes", 10, _("Late after (minutes after the start)"),
    _("A member who signs in later than this counts as late."), kind=int, minimum=0, maximum=240, group=GROUP,
))
