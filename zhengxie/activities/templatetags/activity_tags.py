"""Template helpers of the activities app: the type badge (its label is the subtype's), history labels, durations.
States, answers and outcomes are ``{% status_badge obj "field" %}`` (core/tones.py)."""

from django import template
from django.utils.translation import gettext_lazy as _

from zhengxie.core.templatetags.zx import badge

from ..choices import ActivityType
from ..workflow import ACTIVITY_WORKFLOW, RESPONSE_WORKFLOW

register = template.Library()


@register.simple_tag
def type_badge(activity):
    return badge(activity.subtype_label, ActivityType.tone_of(activity.type))


HISTORY_LABELS = {
    "create": _("Activity created"),
    "minutes": _("Minutes saved"),
    "speech": _("Speech recorded"),
    "report": _("Outcome report written"),
    "sign_in": _("Signed in"),
    "left_early": _("Left early"),
}


@register.filter
def history_label(entry):
    """The translated name of a history entry's action."""
    if entry.action in HISTORY_LABELS:
        return HISTORY_LABELS[entry.action]
    for workflow in (ACTIVITY_WORKFLOW, RESPONSE_WORKFLOW):
        if entry.action in workflow.transitions:
            return workflow[entry.action].label
    return entry.action


@register.filter
def duration(seconds):
    """Seconds as minutes and seconds: 4′42″."""
    seconds = int(seconds or 0)
    return f"{seconds // 60}′{seconds % 60:02d}″"
