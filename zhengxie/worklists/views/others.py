"""Pages of investment projects (the pipeline) and standing-committee recommendations (建议案)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, require, run_service

from .. import figures, permissions, selectors, services
from ..choices import ProjectStage
from ..forms import ProjectForm, ProjectMoveForm, RecommendationForm, RecommendationMoveForm
from ..workflow import NEXT_ACTION, PROJECT_WORKFLOW, RECOMMENDATION_WORKFLOW
from . import history_rows


@require(permissions.can_view_projects)
def pipeline(request):
    org = request.organisation
    projects = list(selectors.projects_visible_to(request.user, org).order_by("-stage_on", "pk"))
    columns = [{"stage": value, "label": label, "tone": ProjectStage.tone_of(value),
                "projects": [p for p in projects if p.stage == value]} for value, label in ProjectStage.choices]
    form = ProjectForm(request.POST or None, organisation=org)
    if request.method == "POST":
        if not permissions.can_manage_projects(request.user, org):
            raise PermissionDenied
        if form.is_valid():
            if run_service(request, lambda: services.project_create(actor=request.user, organisation=org,
                                                                    **form.cleaned_data),
                           success=_("The project was recorded."), form=form):
                return redirect("worklists:pipeline")
    return render(request, "worklists/pipeline.html", {
        "columns": columns, "form": form, "totals": figures.investment_totals([org.pk]),
        "next_action": NEXT_ACTION, "workflow": PROJECT_WORKFLOW})


@organisation_required
def project_detail(request, pk):
    project = selectors.project_get_for_user(request.user, request.organisation, pk)
    actions = [t for t in PROJECT_WORKFLOW.actions_from(project.stage) if t.action != "create"]
    return render(request, "worklists/project_detail.html", {
        "project": project, "actions": actions,
        "history": history_rows(project.transitions.select_related("actor", "actor__person"), PROJECT_WORKFLOW),
        "move_form": ProjectMoveForm(initial={"version": project.version, "amount_signed": project.amount_planned}),
        "can_move": permissions.can_move_project(request.user, project)})


@organisation_required
@require_POST
def project_move(request, pk):
    project = selectors.project_get_for_user(request.user, request.organisation, pk)
    form = ProjectMoveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.project_move(
            actor=request.user, project=project, action=d["action"], on=d["on"], amount_signed=d["amount_signed"],
            version=d["version"]), success=_("The project moved on."))
    return redirect("worklists:project", pk=project.pk)


@require(permissions.can_view_recommendations)
def recommendations(request):
    org = request.organisation
    form = RecommendationForm(request.POST or None, user=request.user, organisation=org)
    if request.method == "POST":
        if not permissions.can_manage_recommendations(request.user, org):
            raise PermissionDenied
        if form.is_valid():
            rec = run_service(request, lambda: services.recommendation_create(
                actor=request.user, organisation=org, **form.cleaned_data),
                success=_("The recommendation was drafted."), form=form)
            if rec:
                return redirect("worklists:recommendation", pk=rec.pk)
    return render(request, "worklists/recommendations.html", {
        "recommendations": selectors.recommendations_visible_to(request.user, org), "form": form})


@organisation_required
def recommendation_detail(request, pk):
    org = request.organisation
    rec = selectors.recommendation_get_for_user(request.user, org, pk)
    return render(request, "worklists/recommendation_detail.html", {
        "rec": rec, "actions": [t for t in RECOMMENDATION_WORKFLOW.actions_from(rec.status) if t.action != "create"],
        "history": history_rows(rec.transitions.select_related("actor", "actor__person"), RECOMMENDATION_WORKFLOW),
        "form": RecommendationMoveForm(initial={"version": rec.version}, organisation=org),
        "items": list(selectors.items_of_recommendation(request.user, org, rec)),
        "can_move": permissions.can_move_recommendation(request.user, rec)})


@organisation_required
@require_POST
def recommendation_move(request, pk, action):
    org = request.organisation
    rec = selectors.recommendation_get_for_user(request.user, org, pk)
    form = RecommendationMoveForm(request.POST, organisation=org)
    if form.is_valid():
        d = form.cleaned_data
        run_service(request, lambda: services.recommendation_move(
            actor=request.user, recommendation=rec, action=action, version=d["version"], on=d["on"],
            sent_to=d["sent_to"], reply=d["reply"], unit=d["unit"], due_on=d["due_on"], measures=form.measures()),
            success=_("The recommendation was updated."))
    return redirect("worklists:recommendation", pk=rec.pk)
