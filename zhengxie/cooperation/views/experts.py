"""Pages of think-tank experts: the office's list, an expert's record with their invitations and contributions,
the form, the Excel import, inviting experts to an activity; and the expert's own pages on a phone (my invitations,
the answer)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.activities.choices import ActivityStatus
from zhengxie.activities.selectors import activities_visible_to, activity_get_for_user
from zhengxie.core.documents import XLSX_TYPE, file_response
from zhengxie.core.exceptions import DomainError
from zhengxie.core.models import User
from zhengxie.core.selectors import get_visible
from zhengxie.core.views.common import list_page, organisation_required, posted_version, require, run_service

from .. import permissions, selectors, services
from ..forms import (
    AdoptForm,
    ContributionForm,
    ExpertFilterForm,
    ExpertForm,
    ImportForm,
    InviteForm,
    LinkAccountForm,
)
from ..models import Alliance
from ..services.importing import template_bytes


def _alliance_choices(user, org):
    return Alliance.objects.filter(pk__in=selectors.alliances_visible_to(user, org).values("pk")).order_by("name")


@organisation_required
def home(request):
    user, org = request.user, request.organisation
    if permissions.sees_cooperation(user, org):
        return redirect("cooperation:joint_list")
    if permissions.is_expert(user, org):
        return redirect("cooperation:my_invitations")
    raise PermissionDenied


@require(permissions.sees_cooperation)
def expert_list(request):
    user, org = request.user, request.organisation
    form = ExpertFilterForm(request.GET or None, fields=selectors.expert_fields(org))
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.expert_search(selectors.experts_visible_to(user, org), field=d.get("field", ""), q=d.get("q", ""))
    counts = selectors.contribution_counts(selectors.contributions_visible_to(user, org))
    return list_page(request, qs, template="cooperation/expert_list.html", partial="cooperation/expert_list.html",
                     form=form, counts=counts, sees_contacts=permissions.sees_contacts(user, org))


@require(permissions.can_manage_experts)
def expert_new(request):
    user, org = request.user, request.organisation
    form = ExpertForm(request.POST or None, alliances=_alliance_choices(user, org))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        expert = run_service(request, lambda: services.expert_create(
            actor=user, organisation=org, data=d, alliances=d["alliances"]), success=_("The expert was added."),
            form=form)
        if expert:
            return redirect("cooperation:expert_detail", pk=expert.pk)
    return render(request, "cooperation/expert_form.html", {"form": form})


@organisation_required
def expert_detail(request, pk):
    user, org = request.user, request.organisation
    expert = selectors.expert_get_for_user(user, org, pk)
    manages = permissions.can_manage_experts(user, org)
    contributions = selectors.contributions_visible_to(user, org).filter(expert=expert)
    context = {
        "expert": expert, "manages": manages, "sees_contacts": permissions.sees_contacts(user, org) or
        expert.user_id == user.pk, "invitations": selectors.invitations_visible_to(user, org).filter(expert=expert),
        "contributions": contributions, "counts": selectors.contribution_counts(contributions),
    }
    if manages:
        context["contribution_form"] = ContributionForm(activities=_activities_for_experts(user, org))
        context["account_form"] = LinkAccountForm(initial={"username": expert.user.username if expert.user else ""})
    return render(request, "cooperation/expert_detail.html", context)


def _activities_for_experts(user, org):
    return activities_visible_to(user, org).exclude(status__in=[ActivityStatus.CANCELLED]).order_by("-starts_at")


@require(permissions.can_manage_experts)
def expert_edit(request, pk):
    user, org = request.user, request.organisation
    expert = selectors.expert_get_for_user(user, org, pk)
    initial = {f: getattr(expert, f) for f in ("name", "field", "employer", "title", "phone", "email")}
    initial["alliances"] = list(expert.alliances.all())
    form = ExpertForm(request.POST or None, initial=initial, alliances=_alliance_choices(user, org))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, lambda: services.expert_update(actor=user, expert=expert, data=d, alliances=d["alliances"],
                                                               version=posted_version(request)),
                       success=_("The expert was saved."), form=form):
            return redirect("cooperation:expert_detail", pk=expert.pk)
    return render(request, "cooperation/expert_form.html", {"form": form, "expert": expert})


@require_POST
@require(permissions.can_manage_experts)
def expert_account(request, pk):
    user, org = request.user, request.organisation
    expert = selectors.expert_get_for_user(user, org, pk)
    form = LinkAccountForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["username"].strip()
        account = User.objects.filter(username=name).first() if name else None
        if name and account is None:
            messages.error(request, _("No account has this user name."))
        else:
            run_service(request, lambda: services.expert_link_account(actor=user, expert=expert, user=account,
                                                                      version=posted_version(request)),
                        success=_("The account was linked.") if account else _("The account was unlinked."))
    return redirect("cooperation:expert_detail", pk=expert.pk)


@require_POST
@require(permissions.can_manage_experts)
def contribution_add(request, pk):
    user, org = request.user, request.organisation
    expert = selectors.expert_get_for_user(user, org, pk)
    form = ContributionForm(request.POST, activities=_activities_for_experts(user, org))
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.contribution_record(
            actor=user, expert=expert, kind=d["kind"], title=d["title"], summary=d["summary"], made_on=d["made_on"],
            activity=d["activity"]), success=_("The contribution was recorded."))
    else:
        messages.error(request, _("Please correct the marked fields.") + " " + "；".join(
            str(e) for errors in form.errors.values() for e in errors))
    return redirect("cooperation:expert_detail", pk=expert.pk)


@require_POST
@require(permissions.can_manage_experts)
def contribution_adopt(request, pk):
    user, org = request.user, request.organisation
    contribution = get_visible(selectors.contributions_visible_to(user, org), pk, organisation=org)
    form = AdoptForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.contribution_adopt(actor=user, contribution=contribution,
                                                                 adopted_by=form.cleaned_data["adopted_by"]),
                    success=_("The adoption was recorded."))
    else:
        messages.error(request, _("Say who adopted it."))
    return redirect("cooperation:expert_detail", pk=contribution.expert_id)


@require(permissions.can_manage_experts)
def expert_import_template(request):
    return file_response(template_bytes(), _("expert-import-template.xlsx"), XLSX_TYPE)


@require(permissions.can_manage_experts)
def expert_import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            count = services.expert_import(actor=request.user, organisation=request.organisation,
                                           upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error(None, str(exc))
            row_errors = dict(sorted(exc.errors.items()))
        else:
            messages.success(request, _("%(n)d experts were imported.") % {"n": count})
            return redirect("cooperation:expert_list")
    return render(request, "cooperation/expert_import.html", {"form": form, "row_errors": row_errors})


@organisation_required
def activity_experts(request, activity_id):
    """Invite experts to an activity of the organisation, and record who came."""
    user, org = request.user, request.organisation
    activity = activity_get_for_user(user, org, activity_id)
    if not permissions.can_invite_experts(user, activity):
        raise PermissionDenied
    available = selectors.experts_visible_to(user, org).filter(is_active=True).exclude(invitations__activity=activity)
    form = InviteForm(request.POST or None, experts=available)
    if request.method == "POST" and form.is_valid():
        created = run_service(request, lambda: services.expert_invite(actor=user, activity=activity,
                                                                      experts=form.cleaned_data["experts"]))
        if created:
            messages.success(request, _("%(n)d experts were invited.") % {"n": len(created)})
            return redirect("cooperation:activity_experts", activity_id=activity.pk)
    invited = selectors.invitations_visible_to(user, org).filter(activity=activity)
    return render(request, "cooperation/activity_experts.html", {"activity": activity, "form": form,
                                                                 "invited": invited,
                                                                 "joint": selectors.joint_of_activity(activity)})


@require_POST
@organisation_required
def invitation_attended(request, pk):
    user, org = request.user, request.organisation
    invitation = selectors.invitation_get_for_user(user, org, pk)
    run_service(request, lambda: services.invitation_set_attended(
        actor=user, invitation=invitation, attended=request.POST.get("attended") == "1",
        version=posted_version(request)), success=_("Attendance was recorded."))
    return redirect("cooperation:activity_experts", activity_id=invitation.activity_id)


# --- the expert's own pages --------------------------------------------------------------------------------------


@require(permissions.is_expert)
def my_invitations(request):
    user, org = request.user, request.organisation
    expert = permissions.expert_of(user, org)
    invitations = selectors.invitations_visible_to(user, org)
    contributions = selectors.contributions_visible_to(user, org)
    return render(request, "cooperation/my_invitations.html", {
        "expert": expert, "invitations": invitations, "contributions": contributions[:20],
        "counts": selectors.contribution_counts(contributions)})


@organisation_required
def invitation_detail(request, pk):
    user, org = request.user, request.organisation
    invitation = selectors.invitation_get_for_user(user, org, pk)
    joint = selectors.joint_of_activity(invitation.activity)
    return render(request, "cooperation/invitation_detail.html", {
        "invitation": invitation, "activity": invitation.activity, "joint": joint,
        "can_answer": permissions.can_answer(user, invitation)
        and invitation.activity.status == ActivityStatus.PUBLISHED})


@require_POST
@organisation_required
def invitation_answer(request, pk):
    user, org = request.user, request.organisation
    invitation = selectors.invitation_get_for_user(user, org, pk)
    accept = request.POST.get("answer") == "accept"
    run_service(request, lambda: services.invitation_answer(actor=user, invitation=invitation, accept=accept,
                                                            version=posted_version(request)),
                success=_("Thank you: you accepted.") if accept else _("Your answer was recorded: you declined."))
    return redirect("cooperation:invitation_detail", pk=invitation.pk)
