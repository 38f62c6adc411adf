"""Kinds of notice: every notification code belongs to one group, which people choose channels for.

Codes are the apps' own (``proposals.rate_reply``, ``activities.activity.changed``); a group gathers them by what a
person cares about. Defaults per role are the issue's: members get SMS for meeting notices, replies to their
proposals and ratings due; everyone gets e-mail; WeCom and DingTalk where the organisation runs them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Channel


@dataclass(frozen=True)
class Group:
    key: str
    label: object
    prefixes: tuple[str, ...]
    member_sms: bool = False


GROUPS = [
    Group("meeting", _("Meetings and activities"), ("activities.activity.", "activities.leave.", "outreach.activity."),
          member_sms=True),
    Group("reply", _("Replies to my proposals"), ("proposals.reply_submitted", "proposals.redo", "proposals.closed",
                                                  "proposals.letter_answered"), member_sms=True),
    Group("rating", _("Ratings due"), ("proposals.rate_reply", "proposals.due_soon"), member_sms=True),
    Group("proposal", _("Other proposal steps"), ("proposals.",)),
    Group("opinion", _("Public-opinion reports"), ("opinions.",)),
    Group("duty", _("Duty record"), ("duties.",)),
    Group("outreach", _("Studios and constituents"), ("outreach.",)),
    Group("other", _("Other notices"), ("",)),
]
GROUPS_BY_KEY = {g.key: g for g in GROUPS}

#: Codes that may break quiet hours when the event they announce is today or tomorrow morning.
URGENT_CODES = ("activities.activity.changed", "activities.activity.cancelled", "outreach.activity.cancelled")


def group_of(code: str) -> Group:
    """The first group with a matching prefix (the specific groups come before the general ones)."""
    for group in GROUPS:
        if any(code.startswith(prefix) for prefix in group.prefixes):
            return group
    return GROUPS[-1]


def default_channels(group: Group, *, is_member: bool, outbound: set[str]) -> set[str]:
    """The channels a person gets for a group before choosing: e-mail and the organisation's messaging apps for
    everyone, SMS for members in the groups that matter to them."""
    chosen = {Channel.EMAIL, Channel.WECOM, Channel.DINGTALK}
    if is_member and group.member_sms:
        chosen.add(Channel.SMS)
    return {c for c in chosen if c in outbound}


def is_urgent(notification) -> bool:
    """A meeting changed or cancelled that takes place within a day: the member must know tonight."""
    if not notification.code.startswith(URGENT_CODES):
        return False
    subject = _subject(notification)
    starts = getattr(subject, "starts_at", None)
    if starts is None:
        return True  # the code alone says it is urgent, and we cannot tell when
    return starts - timezone.now() <= timedelta(hours=36)


def _subject(notification):
    if not notification.object_type_id:
        return None
    model = notification.object_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=notification.object_id).first()
