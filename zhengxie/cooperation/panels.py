"""The cooperation app's fragment on an activity's page (core.hooks panels): the think-tank experts invited and,
for an activity that is one committee's part of a joint activity, the joint activity it belongs to."""

from django.template.loader import render_to_string

from zhengxie.core import hooks

from . import permissions, selectors


def activity_panel(request, activity) -> str:
    org = getattr(request, "organisation", None)
    if org is None or not permissions.sees_cooperation(request.user, org) or activity.organisation_id != org.pk:
        return ""
    joint = selectors.joint_of_activity(activity)
    if joint is not None and not selectors.joints_visible_to(request.user, org).filter(pk=joint.pk).exists():
        joint = None
    invited = selectors.invitations_visible_to(request.user, org).filter(activity=activity)
    return render_to_string("cooperation/partials/activity_panel.html", {
        "activity": activity, "joint": joint, "invited": invited,
        "can_invite": permissions.can_invite_experts(request.user, activity)}, request=request)


hooks.register_panel("activities.detail", activity_panel)
