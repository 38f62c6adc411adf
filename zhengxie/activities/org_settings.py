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

# Electronic voting (电子表决): the rules a vote is decided by (kept with each matter when its vote opens).
register_setting(OrgSetting(
    "activities.vote_quorum", "more_than_half", _("Quorum of an electronic vote"),
    _("How many of the meeting's members must be signed in before a vote may open and for its result to count."),
    choices=[("more_than_half", _("More than half of all members signed in")),
             ("two_thirds", _("At least two thirds of all members signed in"))], group=GROUP,
))
register_setting(OrgSetting(
    "activities.vote_majority", "half_of_all", _("Majority of an electronic vote"),
    _("How many votes for a matter needs to be adopted (e.g. more than half of all members)."),
    choices=[("half_of_all", _("More than half of all members vote for")),
             ("half_of_present", _("More than half of the members signed in vote for")),
             ("half_of_cast", _("More than half of the votes cast are for")),
             ("two_thirds_of_all", _("At least two thirds of all members vote for"))], group=GROUP,
))
