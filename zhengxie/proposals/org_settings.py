"""Per-organisation settings of the proposals app: every time limit and list, with the defaults of the issue."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, get_setting, register_setting

GROUP = _("Proposals")

DEFAULT_CATEGORIES = ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "党的建设", "其他"]

for definition in [
    OrgSetting("proposals.categories", DEFAULT_CATEGORIES, _("Proposal categories"),
               _("One category per line; members choose one when they write a proposal."), kind=list, group=GROUP),
    OrgSetting("proposals.number_format", "{term}届{session}次第{number:04d}号", _("Proposal number format"),
               _("Placeholders: {term} and {session} (Chinese numerals), {term_no} and {session_no} (digits), {year}, "
                 "{number} (e.g. {number:04d} for 0123)."), group=GROUP),
    OrgSetting("proposals.cosign_days", 3, _("Days co-signers have to confirm"), kind=int, minimum=1, maximum=30,
               group=GROUP),
    OrgSetting("proposals.attachment_max_mb", 20, _("Largest attachment (MB)"), kind=int, minimum=1, maximum=100,
               group=GROUP),
    OrgSetting("proposals.reply_due_months", 3, _("Months a unit has to reply"), kind=int, minimum=1, maximum=12,
               group=GROUP),
    OrgSetting("proposals.objection_days", 7, _("Days a unit has to object to an assignment"), kind=int, minimum=1,
               maximum=30, group=GROUP),
    OrgSetting("proposals.cohandler_input_months", 1, _("Months co-handlers have to send their input"), kind=int,
               minimum=1, maximum=6, group=GROUP),
    OrgSetting("proposals.max_extension_months", 6, _("Longest extension in all (months)"), kind=int, minimum=0,
               maximum=6, group=GROUP),
    OrgSetting("proposals.redo_due_months", 1, _("Months a unit has for a supplementary reply"), kind=int, minimum=1,
               maximum=6, group=GROUP),
    OrgSetting("proposals.rating_working_days", 15, _("Working days proposers have to rate a reply"), kind=int,
               minimum=1, maximum=60, group=GROUP),
    OrgSetting("proposals.rating_parts", False, _("Rate handling attitude, communication and result separately"),
               _("Proposers rate 办理态度, 沟通联系 and 办理结果; the overall rating follows from them: 不满意 when the "
                 "result is, 满意 when all three are, 基本满意 otherwise."), kind=bool, group=GROUP),
    OrgSetting("proposals.category_d", False, _("Use reply category D"),
               _("Some committees add D (explained, cannot be done) to A, B and C."), kind=bool, group=GROUP),
    OrgSetting("proposals.assignment_confirmation", False, _("Assignments are confirmed by the Party/government office"),
               kind=bool, group=GROUP),
    OrgSetting("proposals.contact_required", True, _("A unit must contact the proposer before replying"), kind=bool,
               group=GROUP),
    OrgSetting("proposals.reminder_days", 10, _("Days before the due date when units are reminded"), kind=int,
               minimum=1, maximum=60, group=GROUP),
    OrgSetting("proposals.publish_registered", False, _("Publish registered proposals on the public list"), kind=bool,
               group=GROUP),
    OrgSetting("proposals.publish_replies", False, _("Publish the accepted replies with them"), kind=bool, group=GROUP),
]:
    register_setting(definition)


def setting(organisation, name: str):
    """``setting(org, "reply_due_months")`` — a proposals setting of the organisation."""
    return get_setting(organisation, f"proposals.{name}")
