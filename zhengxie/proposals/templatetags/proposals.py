"""Template helpers of the proposals pages: labels of history events and states, due dates."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import (
    ConversionTarget,
    KeyState,
    ProposalStatus,
    RejectionGround,
    Satisfaction,
    TaskStatus,
)
from ..workflow import KEY_WORKFLOW, PROPOSAL_WORKFLOW, TASK_WORKFLOW

register = template.Library()

OTHER_EVENTS = {
    "create": _("Draft created"),
    "absorb": _("Another proposal was merged into this one"),
    "award": _("Selected as an excellent proposal"),
    "rate_quality": _("Reply quality rated"),
    "receipt": _("Receipt of the assignment confirmed"),
    "remind": _("Reminded by the proposal office"),
    "leaders_set": _("Leading leaders chosen"),
}


@register.filter
def event_label(event) -> str:
    action = event.action
    if action.startswith("key_"):
        transition = KEY_WORKFLOW.transitions.get(action[4:])
        return str(transition.label) if transition else action
    if action in OTHER_EVENTS:
        return str(OTHER_EVENTS[action])
    table = TASK_WORKFLOW if event.task_id and action in TASK_WORKFLOW.transitions else PROPOSAL_WORKFLOW
    transition = table.transitions.get(action) or TASK_WORKFLOW.transitions.get(action)
    return str(transition.label) if transition else action


@register.filter
def event_states(event) -> str:
    """“from → to” when the event changed a state, in the state's own words."""
    if not event.from_state or event.from_state == event.to_state:
        return ""
    if event.action.startswith("key_"):
        labels = KeyState
    elif event.task_id and event.to_state in TaskStatus.values:
        labels = TaskStatus
    else:
        labels = ProposalStatus

    def name(value):
        try:
            return str(labels(value).label) if value else "—"
        except ValueError:
            return value

    return f"{name(event.from_state)} → {name(event.to_state)}"


@register.filter
def event_details(event) -> str:  # noqa: C901 (one branch per kind of history event)
    """The facts an event carries, in a short line (the number given, the units, the ground …)."""
    data = event.data or {}
    parts = []
    if data.get("number"):
        parts.append(str(data["number"]))
    if data.get("ground"):
        parts.append(str(RejectionGround(data["ground"]).label))
    if data.get("target") in ConversionTarget.values:
        parts.append(str(ConversionTarget(data["target"]).label))
    if data.get("units"):
        parts.append("、".join(data["units"]))
    if data.get("leaders"):
        parts.append("、".join(data["leaders"]))
    if data.get("from") and data.get("to"):
        parts.append(f"{data['from']} → {data['to']}")
    elif data.get("unit") and not event.task_id:  # a unit's own step shows its unit already
        parts.append(str(data["unit"]))
    if data.get("into_title"):
        parts.append(str(data["into_title"]))
    if data.get("from_title"):
        parts.append(str(data["from_title"]))
    if data.get("signer") and data.get("value") in Satisfaction.values:
        parts.append(f"{data['signer']}：{Satisfaction(data['value']).label}")
    if data.get("months"):
        parts.append(str(_("%(n)s month(s)") % {"n": data["months"]}))
    if data.get("member") and "agree" in data:
        answer = _("confirmed") if data["agree"] else _("declined")
        parts.append(f"{data['member']}：{answer}")
    if data.get("invited"):
        parts.append("、".join(data["invited"]))
    if data.get("category") and isinstance(data["category"], list):
        parts.append(" → ".join(data["category"]))
    if data.get("leader"):
        parts.append(str(data["leader"]))
    return " · ".join(parts)


#: Steps taken by the author: without an account (a body with no contact on the platform) the body acted.
AUTHOR_ACTIONS = {"create", "submit", "invite", "withdraw", "accept_conversion", "refuse_conversion"}


@register.filter
def event_actor(event, proposal) -> str:
    """Who acted: the account, else the unit (a unit's step), the body (a collective proposal), or the system."""
    if event.actor_id:
        return event.actor.label
    if event.task_id:
        return event.task.unit.name
    if proposal.body_id and event.action in AUTHOR_ACTIONS:
        return proposal.body.name
    return str(_("the system"))


@register.filter
def days_left(due) -> int | None:
    if not due:
        return None
    return (due - timezone.localdate()).days


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, ()) if mapping else ()


@register.filter
def absolute(value):
    return abs(value) if value is not None else value


@register.filter
def joint_event_label(event) -> str:
    """A joint proposal's history row in words."""
    from ..workflow import JOINT_WORKFLOW

    if event.action == "create":
        return str(_("Joint proposal drafted"))
    transition = JOINT_WORKFLOW.transitions.get(event.action)
    return str(transition.label) if transition else event.action
