"""The meeting tools' card on an activity's page: the member's seat, open votes, links to the papers."""

from django import template

from .. import meeting_selectors as meeting
from .. import permissions
from ..choices import ActivityType
from ..voting_rules import VOTING_MEETING_TYPES

register = template.Library()


@register.inclusion_tag("activities/meeting/partials/meeting_tools.html", takes_context=True)
def meeting_tools(context, activity):
    request = context["request"]
    user = request.user
    if activity.type != ActivityType.MEETING or not permissions.can_view_materials(user, activity):
        return {"tools": None, "activity": activity}
    voting = activity.meeting_type in VOTING_MEETING_TYPES
    motions = meeting.motions_visible_to(user, activity.organisation).filter(activity=activity)
    return {"activity": activity, "tools": {
        "my_seat": meeting.seat_of(user, activity),
        "materials": activity.materials.count(),
        "voting": voting,
        "motions": motions.count() if voting else 0,
        "open_votes": list(meeting.open_votes_for(user, activity.organisation).filter(activity=activity)),
    }}
