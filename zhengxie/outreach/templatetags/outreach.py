"""Template helpers of the outreach app: the section tabs and stars (badges of states: ``{% status_badge obj %}``)."""

from django import template

from zhengxie.core import permissions as core

from .. import permissions

register = template.Library()


@register.inclusion_tag("outreach/partials/tabs.html", takes_context=True)
def outreach_tabs(context, active: str):
    request = context["request"]
    user, org = request.user, request.organisation
    return {
        "active": active,
        "places": permissions.can_view_places(user, org),
        "mine": permissions.seat_of(user, org) is not None,
        "activities": permissions.can_view_activities(user, org),
        "concerns": permissions.can_view_concerns(user, org),
        "figures": permissions.can_view_figures(user, org),
        "staff": core.is_staff_of(user, org),
        "org": org,
    }


@register.filter
def stars(value) -> str:
    """3 -> ★★★☆☆ (empty for no rating)."""
    if not value:
        return ""
    n = max(0, min(5, int(value)))
    return "★" * n + "☆" * (5 - n)

