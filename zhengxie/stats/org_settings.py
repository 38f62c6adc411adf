"""Per-organisation settings of the statistics: the key figures each kind of reader sees first on the dashboard,
and the display tokens' lifetime."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.org_settings import OrgSetting, register_setting

GROUP = _("Statistics")

LEADER_FIGURES = [
    "proposals.received", "proposals.registered", "proposals.reply_rate", "proposals.satisfaction",
    "opinions.submitted", "opinions.adopted_above", "opinions.instructions", "activities.consultations",
    "activities.inspections", "activities.research", "outreach.concerns_solved", "activities.matters_solved",
]
PROPOSAL_OFFICE_FIGURES = [
    "proposals.received", "proposals.registered", "proposals.merged", "proposals.rejected", "proposals.reply_rate",
    "proposals.closed_rate", "proposals.units", "proposals.replies_a", "proposals.replies_b", "proposals.replies_c",
    "proposals.satisfaction", "proposals.key",
]
INFORMATION_OFFICE_FIGURES = [
    "opinions.submitted", "opinions.adopted", "opinions.adoption_rate", "opinions.forwarded_up",
    "opinions.adopted_above", "opinions.instructions", "opinions.instructions_provincial", "opinions.bulletin_issues",
    "proposals.received", "activities.research", "activities.research_reports", "outreach.concerns_received",
]
GENERAL_OFFICE_FIGURES = [
    "core.members", "activities.meetings", "activities.meeting_attendance", "activities.consultations",
    "activities.inspections", "activities.research", "activities.talks", "activities.petitions",
    "activities.onsite_offices", "activities.symposia", "activities.party_lectures", "activities.matters_solved",
]

for key, default, label in [
    ("stats.key_figures_leader", LEADER_FIGURES, _("Key figures for leaders and the Party/government office")),
    ("stats.key_figures_proposal_office", PROPOSAL_OFFICE_FIGURES, _("Key figures for the proposal office")),
    ("stats.key_figures_information_office", INFORMATION_OFFICE_FIGURES, _("Key figures for the information office")),
    ("stats.key_figures_general_office", GENERAL_OFFICE_FIGURES, _("Key figures for the general office and others")),
]:
    register_setting(OrgSetting(key, default, label, _("The figures shown first on the dashboard, one key a line "
                                                      "(at most twelve; the keys are listed on each figure's page)."),
                                kind=list, group=GROUP))
