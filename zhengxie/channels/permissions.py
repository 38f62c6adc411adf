"""Who may do what with the channels."""

from zhengxie.core.permissions import current_member, is_staff_of, is_system_admin_of


def can_configure_channels(user, organisation) -> bool:
    """Providers, credentials and the texts: the system administrator (系统管理员), who keeps the settings."""
    return is_system_admin_of(user, organisation)


def can_view_deliveries(user, organisation) -> bool:
    """The delivery log: the office's staff (why did a member not get the meeting notice?) and the system
    administrator (is the gateway working?)."""
    return is_staff_of(user, organisation) or is_system_admin_of(user, organisation)


def can_choose_channels(user, organisation=None) -> bool:
    return bool(user and user.is_authenticated)


def shows_member_nav(user, organisation) -> bool:
    """The phone's bottom navigation (工作台, 提案, 活动, 履职, 我的): for members."""
    return organisation is not None and current_member(user, organisation) is not None
