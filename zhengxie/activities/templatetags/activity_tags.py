"""Badges of the activities app: type, status, answer and outcome, each with its colour."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..choices import OUTCOME_COLOURS, RESPONSE_COLOURS, STATUS_COLOURS, TYPE_COLOURS
from ..workflow import ACTIVITY_WORKFLOW, RESPONSE_WORKFLOW

register = template.Library()


def _badge(label, tone):
    return format_html('<span class="badge text-bg-{}{}">{}</span>', tone, " border" if tone == "light" else "", label)


@register.simple_tag
def type_badge(activity):
    return _badge(activity.subtype_label, TYPE_COLOURS.get(activity.type, "secondary"))


@register.simple_tag
def status_badge(obj):
    return _badge(obj.get_status_display(), STATUS_COLOURS.get(obj.status, "secondary"))


@register.simple_tag
def response_badge(participant):
    return _badge(participant.get_response_display(), RESPONSE_COLOURS.get(participant.response, "secondary"))


@register.simple_tag
def outcome_badge(participant):
    if not participant.outcome:
        return ""
    return _badge(participant.get_outcome_display(), OUTCOME_COLOURS.get(participant.outcome, "secondary"))


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
