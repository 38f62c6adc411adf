"""Pages of alliances and cooperation mechanisms: the list, one alliance with its members, rota, plan and joint
activities, and the keeping office's forms."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.models import Organisation
from zhengxie.core.views.common import organisation_required, require, run_service

from .. import permissions, selectors, services
from ..forms import AllianceForm, DeliberationForm, HostForm, MemberForm, PlanItemForm
from ..models import AllianceMember, PlanItem


@require(permissions.sees_cooperation)
def alliance_list(request):
    user, org = request.user, request.organisation
    alliances = selectors.alliances_visible_to(user, org).prefetch_related("members__committee", "members__outside")
    return render(request, "cooperation/alliance_list.html", {"alliances": alliances, "year": timezone.localdate().year})


@require(permissions.is_office)
def alliance_new(request):
    user, org = request.user, request.organisation
    form = AllianceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alliance = run_service(request, lambda: services.alliance_create(actor=user, organisation=org, **form.cleaned_data),
                               success=_("The alliance was created."), form=form)
        if alliance:
            return redirect("cooperation:alliance_detail", pk=alliance.pk)
    return render(request, "cooperation/alliance_form.html", {"form": form})


def _forms(alliance, data=None):
    members = AllianceMember.objects.filter(alliance=alliance).select_related("committee", "outside")
    committees = Organisation.objects.exclude(alliance_seats__alliance=alliance).order_by("path")
    year = timezone.localdate().year
    return {"member_form": MemberForm(data, committees=committees),
            "host_form": HostForm(data, members=members, initial={"year": year}),
            "plan_form": PlanItemForm(data, members=members, initial={"year": year}),
            "deliberation_form": DeliberationForm(data)}


@organisation_required
def alliance_detail(request, pk):
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    year = timezone.localdate().year
    joints = selectors.joints_visible_to(user, org).filter(alliance=alliance)
    context = {"alliance": alliance, "year": year, "manages": permissions.can_manage_alliance(user, alliance),
               "plan": selectors.plan_items_of(alliance), "joints": joints,
               "figures": selectors.alliance_figures(alliance),
               "deliberations": selectors.deliberations_of(alliance=alliance),
               "proposals": selectors.alliance_joint_proposals(user, org, alliance),
               "host": next((t for t in alliance.rota.all() if t.year == year), None),
               "expert_count": alliance.experts.filter(organisation=org).count()}
    if context["manages"]:
        context.update(_forms(alliance))
    return render(request, "cooperation/alliance_detail.html", context)


@require_POST
@organisation_required
def alliance_member_add(request, pk):
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    form = _forms(alliance, request.POST)["member_form"]
    if form.is_valid():
        d = form.cleaned_data

        def add():
            outside = None
            if d["outside_name"]:
                outside = services.outside_committee_save(actor=user, organisation=alliance.organisation,
                                                          name=d["outside_name"], level=d["outside_level"],
                                                          region=d["outside_region"])
            return services.alliance_add_member(actor=user, alliance=alliance, committee=d["committee"],
                                                outside=outside, joined_on=timezone.localdate())

        run_service(request, add, success=_("The committee joined the alliance."))
    else:
        form_errors(request, form)
    return redirect("cooperation:alliance_detail", pk=alliance.pk)


def form_errors(request, form) -> None:
    """A form posted from a detail page that is drawn again: its errors as one message above the page."""
    messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))


@require_POST
@organisation_required
def alliance_host(request, pk):
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    form = _forms(alliance, request.POST)["host_form"]
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.alliance_set_host(actor=user, alliance=alliance, year=d["year"],
                                                                host=d["host"], theme=d["theme"]),
                    success=_("The host of the year was set."))
    else:
        form_errors(request, form)
    return redirect("cooperation:alliance_detail", pk=alliance.pk)


@require_POST
@organisation_required
def plan_item_add(request, pk):
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    form = _forms(alliance, request.POST)["plan_form"]
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.plan_item_add(actor=user, alliance=alliance, **d),
                    success=_("The item was added to the plan."))
    else:
        form_errors(request, form)
    return redirect("cooperation:alliance_detail", pk=alliance.pk)


@require_POST
@organisation_required
def plan_item_status(request, pk, item_id):
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    item = PlanItem.objects.filter(alliance=alliance, pk=item_id).first()
    if item is not None:
        run_service(request, lambda: services.plan_item_set_status(actor=user, item=item,
                                                                   status=request.POST.get("status", "")),
                    success=_("The item was updated."))
    return redirect("cooperation:alliance_detail", pk=alliance.pk)


@require_POST
@organisation_required
def alliance_deliberation(request, pk):
    """The keeping committee opens an online deliberation to the members of every member committee of the platform."""
    user, org = request.user, request.organisation
    alliance = selectors.alliance_get_for_user(user, org, pk)
    form = _forms(alliance, request.POST)["deliberation_form"]
    if not form.is_valid():
        form_errors(request, form)
        return redirect("cooperation:alliance_detail", pk=alliance.pk)
    topic = run_service(request, lambda: services.alliance_open_deliberation(actor=user, alliance=alliance,
                                                                             data=form.cleaned_data),
                        success=_("The deliberation was opened as a draft: publish it to invite the members."))
    return redirect("activities:topic_detail", pk=topic.pk) if topic else redirect("cooperation:alliance_detail",
                                                                                   pk=alliance.pk)
