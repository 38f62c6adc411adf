"""Who may read the statistics: the organisation's staff and leaders, and the Party/government office; who may make
and revoke the big screen's display tokens: its leaders, general office and administrators."""

from zhengxie.core import permissions
from zhengxie.core.choices import Role


def can_view_stats(user, organisation) -> bool:
    return permissions.is_staff_of(user, organisation) or permissions.has_role(user, organisation, Role.PARTY_GOV_OFFICE)


def can_manage_displays(user, organisation) -> bool:
    return permissions.has_role(user, organisation, Role.LEADER, Role.GENERAL_OFFICE, Role.ADMINISTRATOR)
