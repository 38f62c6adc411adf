"""Template helpers of the outreach app: the section tabs, stars, badges of states."""

from django import template
from django.utils.html import format_html

from zhengxie.core import permissions as core

from .. import permissions
from ..choices import ActivityStatus, ConcernStatus, PlaceKind

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


@register.simple_tag
def place_badge(place):
    kind = PlaceKind(place.kind)
    return format_html('<span class="badge text-bg-{}">{}</span>', kind.tone, kind.label)


@register.simple_tag
def concern_badge(concern):
    status = ConcernStatus(concern.status)
    return format_html('<span class="badge text-bg-{}">{}</span>', status.tone, status.label)


@register.simple_tag
def activity_badge(activity):
    status = ActivityStatus(activity.status)
    return format_html('<span class="badge text-bg-{}">{}</span>', status.tone, status.label)
