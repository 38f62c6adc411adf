"""Pages of joint activities: the list of those the committee organises, the form (with co-organisers), one joint
activity with every organiser's part and the one outcome report, and the organisers' actions."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.activities.choices import ActivityStatus
from zhengxie.activities.selectors import activities_visible_to
from zhengxie.core.models import Organisation
from zhengxie.core.views.common import list_page, organisation_required, posted_version, require, run_service

from .. import permissions, selectors, services
from ..forms import (
    CancelForm,
    DeliberationForm,
    JointFilterForm,
    JointForm,
    LinkActivityForm,
    OrganiserForm,
    ReportForm,
)
from ..models import Alliance, JointOrganiser
from ..workflow import JOINT_WORKFLOW
from .alliances import form_errors


def _committees(org):
    return Organisation.objects.exclude(pk=org.pk).order_by("path")


@require(permissions.sees_cooperation)
def joint_list(request):
    user, org = request.user, request.organisation
    form = JointFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    qs = selectors.joint_search(selectors.joints_visible_to(user, org), kind=d.get("kind", ""),
                                status=d.get("status", ""), q=d.get("q", ""))
    return list_page(request, qs, template="cooperation/joint_list.html", partial="cooperation/joint_list.html",
                     form=form)


@require(permissions.can_create_joint)
def joint_new(request):
    user, org = request.user, request.organisation
    alliances = Alliance.objects.filter(pk__in=selectors.alliances_visible_to(user, org).values("pk"))
    form = JointForm(request.POST or None, alliances=alliances, committees=_committees(org))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        joint = run_service(request, lambda: services.joint_create(actor=user, organisation=org, **d),
                            success=_("The joint activity was created; the co-organisers were told."), form=form)
        if joint:
            return redirect("cooperation:joint_detail", pk=joint.pk)
    return render(request, "cooperation/joint_form.html", {"form": form})


@organisation_required
def joint_detail(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    organisers = list(selectors.organisers_of(joint))
    mine = next((o for o in organisers if o.organisation_id == org.pk), None)
    leads = permissions.can_lead_joint(user, joint)
    context = {"joint": joint, "organisers": organisers, "mine": mine, "leads": leads,
               "deliberations": selectors.deliberations_of(joint=joint),
               "manages_part": mine is not None and permissions.can_manage_part(user, mine),
               "history": [(h, JOINT_WORKFLOW.transitions[h.action].label if h.action in JOINT_WORKFLOW.transitions
                            else h.action) for h in joint.history.select_related("actor").order_by("created_at", "pk")]}
    if leads:
        context["organiser_form"] = OrganiserForm(committees=_committees(org).exclude(
            pk__in=[o.organisation_id for o in organisers]))
        context["report_form"] = ReportForm(initial={"report_title": joint.report_title or joint.title,
                                                     "report_text": joint.report_text})
        context["cancel_form"] = CancelForm()
        context["deliberation_form"] = DeliberationForm()
    if context["manages_part"] and mine.activity_id is None:
        context["link_form"] = LinkActivityForm(activities=_linkable(user, org))
    return render(request, "cooperation/joint_detail.html", context)


def _linkable(user, org):
    return (activities_visible_to(user, org).exclude(status=ActivityStatus.CANCELLED)
            .filter(joint_organiser__isnull=True).order_by("-starts_at"))


@require_POST
@organisation_required
def joint_add_organiser(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    form = OrganiserForm(request.POST, committees=_committees(org))
    if form.is_valid():
        run_service(request, lambda: services.joint_add_organiser(actor=user, joint=joint,
                                                                  organisation=form.cleaned_data["organisation"],
                                                                  version=posted_version(request)),
                    success=_("The committee was added as a co-organiser."))
    else:
        form_errors(request, form)
    return redirect("cooperation:joint_detail", pk=joint.pk)


def _my_part(org, joint) -> JointOrganiser:
    """The organisation's own part of a joint activity it may see (every organiser has one)."""
    return JointOrganiser.objects.select_related("joint", "organisation").get(joint=joint, organisation=org)


@require_POST
@organisation_required
def joint_link(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    organiser = _my_part(org, joint)
    if request.POST.get("create") == "1":
        activity = run_service(request, lambda: services.joint_create_own_activity(actor=user, organiser=organiser),
                               success=_("Your committee's activity was created as a draft: invite its members and "
                                         "experts, then send the notice."))
        if activity:
            return redirect("activities:detail", pk=activity.pk)
    else:
        form = LinkActivityForm(request.POST, activities=_linkable(user, org))
        if form.is_valid():
            run_service(request, lambda: services.joint_link_activity(actor=user, organiser=organiser,
                                                                      activity=form.cleaned_data["activity"]),
                        success=_("Your committee's activity was linked."))
        else:
            form_errors(request, form)
    return redirect("cooperation:joint_detail", pk=joint.pk)


@require_POST
@organisation_required
def joint_report(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.joint_report(actor=user, joint=joint, title=d["report_title"],
                                                           text=d["report_text"], version=posted_version(request)),
                    success=_("The outcome report was filed: every organiser sees it."))
    else:
        form_errors(request, form)
    return redirect("cooperation:joint_detail", pk=joint.pk)


@require_POST
@organisation_required
def joint_cancel(request, pk):
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.joint_cancel(actor=user, joint=joint, reason=form.cleaned_data["reason"],
                                                           version=posted_version(request)),
                    success=_("The joint activity was cancelled."))
    else:
        form_errors(request, form)
    return redirect("cooperation:joint_detail", pk=joint.pk)


@require_POST
@organisation_required
def joint_deliberation(request, pk):
    """The lead committee opens an online deliberation to the members of every organising committee."""
    user, org = request.user, request.organisation
    joint = selectors.joint_get_for_user(user, org, pk)
    form = DeliberationForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("cooperation:joint_detail", pk=joint.pk)
    topic = run_service(request, lambda: services.joint_open_deliberation(actor=user, joint=joint, data=form.cleaned_data),
                        success=_("The deliberation was opened as a draft: publish it to invite the members."))
    return redirect("activities:topic_detail", pk=topic.pk) if topic else redirect("cooperation:joint_detail", pk=joint.pk)
