"""Pages of coordination groups (领导小组): the groups, a group with its members, meetings, issues list and history,
the form that creates or edits a group, and a meeting's page where it reviews the issues list."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, posted_version, require, run_service

from .. import permissions, selectors, services
from ..forms import GroupForm, IssueForm, MeetingForm, MeetingLinkForm, MeetingReviewForm
from ..models import GroupMeeting

HISTORY_LABELS = {
    "create": gettext_lazy("Group created"), "edit": gettext_lazy("Group or members changed"),
    "meeting": gettext_lazy("Meeting added"), "link": gettext_lazy("Meeting linked to the activities"),
    "issue": gettext_lazy("Matter added"), "review": gettext_lazy("Issues reviewed at a meeting"),
}


@require(permissions.sees_all)
def groups(request):
    return render(request, "worklists/groups.html", {
        "groups": selectors.groups_visible_to(request.user, request.organisation).prefetch_related("issues"),
        "can_manage": permissions.can_manage_groups(request.user, request.organisation)})


@require(permissions.can_manage_groups)
def group_new(request):
    org = request.organisation
    form = GroupForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        group = run_service(request, lambda: services.group_create(
            actor=request.user, organisation=org, name=d["name"], purpose=d["purpose"], members=d["pairs"]),
            success=_("The group was created."), form=form)
        if group:
            return redirect("worklists:group", pk=group.pk)
    return render(request, "worklists/group_form.html", {"form": form, "group": None})


@organisation_required
def group_edit(request, pk):
    org = request.organisation
    group = selectors.group_get_for_user(request.user, org, pk)
    if not permissions.can_manage_groups(request.user, org):
        raise PermissionDenied
    form = GroupForm(request.POST or None, organisation=org, group=group)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.group_update(
                actor=request.user, group=group, name=d["name"], purpose=d["purpose"], members=d["pairs"],
                version=posted_version(request)), success=_("The group was saved."), form=form):
            return redirect("worklists:group", pk=group.pk)
    return render(request, "worklists/group_form.html", {"form": form, "group": group})


@organisation_required
def group_detail(request, pk):
    org = request.organisation
    group = selectors.group_get_for_user(request.user, org, pk)
    history = [{"entry": e, "label": HISTORY_LABELS.get(e.action, e.action)}
               for e in selectors.group_history(group)[:30]]
    return render(request, "worklists/group_detail.html", {
        "group": group, "issues": list(selectors.issues_of(group)),
        "meetings": list(selectors.meetings_of(group)), "history": history,
        "memberships": selectors.memberships_of(group),
        "issue_form": IssueForm(), "meeting_form": MeetingForm(user=request.user, organisation=org),
        "can_manage": permissions.can_manage_groups(request.user, org)})


@organisation_required
@require_POST
def group_add(request, pk, what):
    org = request.organisation
    group = selectors.group_get_for_user(request.user, org, pk)
    if what == "issue":
        form = IssueForm(request.POST)
        if form.is_valid():
            run_service(request, lambda: services.issue_add(actor=request.user, group=group, **form.cleaned_data),
                        success=_("The matter was added."))
    elif what == "meeting":
        form = MeetingForm(request.POST, user=request.user, organisation=org)
        if form.is_valid():
            meeting = run_service(request, lambda: services.meeting_add(actor=request.user, group=group,
                                                                        **form.cleaned_data),
                                  success=_("The meeting was added."))
            if meeting:
                return redirect("worklists:group_meeting", pk=group.pk, meeting_id=meeting.pk)
    return redirect("worklists:group", pk=group.pk)


@organisation_required
def group_meeting(request, pk, meeting_id):
    """The meeting's page: it reviews the issues list (the open matters, and those it already decided on)."""
    org = request.organisation
    group = selectors.group_get_for_user(request.user, org, pk)
    meeting = get_object_or_404(GroupMeeting.objects.select_related("activity"), pk=meeting_id, group=group)
    can_manage = permissions.can_manage_groups(request.user, org)
    issues = selectors.issues_for_meeting(group, meeting)
    form = MeetingReviewForm(request.POST or None, issues=issues, meeting=meeting)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid() and run_service(
                request, lambda: services.meeting_review(actor=request.user, meeting=meeting,
                                                         decisions=form.decisions()),
                success=_("The meeting's decisions were recorded."), form=form):
            return redirect("worklists:group_meeting", pk=group.pk, meeting_id=meeting.pk)
    return render(request, "worklists/group_meeting.html", {
        "group": group, "meeting": meeting, "form": form, "can_manage": can_manage,
        "link_form": MeetingLinkForm(initial={"activity": meeting.activity_id}, user=request.user, organisation=org),
        "issue_form": IssueForm()}, status=400 if request.method == "POST" else 200)


@organisation_required
@require_POST
def meeting_link(request, pk, meeting_id):
    org = request.organisation
    group = selectors.group_get_for_user(request.user, org, pk)
    meeting = get_object_or_404(GroupMeeting, pk=meeting_id, group=group)
    form = MeetingLinkForm(request.POST, user=request.user, organisation=org)
    if form.is_valid():
        run_service(request, lambda: services.meeting_link(actor=request.user, meeting=meeting,
                                                           activity=form.cleaned_data["activity"]),
                    success=_("The meeting was linked."))
    return redirect("worklists:group_meeting", pk=group.pk, meeting_id=meeting.pk)


@organisation_required
@require_POST
def meeting_issue(request, pk, meeting_id):
    """A matter raised at this meeting."""
    group = selectors.group_get_for_user(request.user, request.organisation, pk)
    meeting = get_object_or_404(GroupMeeting, pk=meeting_id, group=group)
    form = IssueForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.issue_add(actor=request.user, group=group, meeting=meeting,
                                                        **form.cleaned_data), success=_("The matter was added."))
    return redirect("worklists:group_meeting", pk=group.pk, meeting_id=meeting.pk)
