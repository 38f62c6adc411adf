"""Per-organisation settings of the duties app (each organisation may set its own; else the parent's apply)."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

GROUP = _("Duty records")

register_setting(OrgSetting(
    "duties.plenary_absence_warning", 2, _("Plenary absences that raise a warning"),
    _("Unexcused absences from the plenary session within one term after which the member is warned."),
    kind=int, minimum=1, maximum=10, group=GROUP,
))
register_setting(OrgSetting(
    "duties.plenary_absence_limit", 3, _("Plenary absences that call for resignation"),
    _("Unexcused absences from the plenary session within one term after which the member is asked to resign."),
    kind=int, minimum=1, maximum=10, group=GROUP,
))
register_setting(OrgSetting(
    "duties.meeting_absence_warning", 5, _("Meeting absences that raise a warning"),
    _("Unexcused absences from any meeting within one term after which the member is warned."),
    kind=int, minimum=1, maximum=50, group=GROUP,
))
register_setting(OrgSetting(
    "duties.reminder_interval_days", 7, _("Days between two reminders"),
    _("A member reminded about their record is not reminded again about the same matter for this many days."),
    kind=int, minimum=0, maximum=365, group=GROUP,
))
register_setting(OrgSetting(
    "duties.manual_points_limit", 20, _("Largest manual entry"),
    _("The most points staff may add or deduct with one manual entry."),
    kind=int, minimum=1, maximum=100, group=GROUP,
))
register_setting(OrgSetting(
    "duties.self_report_evidence_required", True, _("Self-reported duties need evidence"),
    _("A member must attach at least one photo or file when reporting a duty."),
    kind=bool, group=GROUP,
))
register_setting(OrgSetting(
    "duties.self_report_max_age_days", 90, _("How late a duty may be reported"),
    _("A member may report a duty up to this many days after it took place."),
    kind=int, minimum=1, maximum=366, group=GROUP,
))
register_setting(OrgSetting(
    "duties.show_rank_to_members", False, _("Show members their rank"),
    _("Members see their place in the organisation's ranking on their record."),
    kind=bool, group=GROUP,
))
