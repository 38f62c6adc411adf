"""Rule sets: the years' rules (staff read them; administrators create, edit, close and reopen a year)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zhengxie.core.views.common import organisation_required, posted_version, require, run_service

from .. import permissions, selectors, services
from ..choices import RULE_SET_CHANGES
from ..conditions import ATTRIBUTES
from ..forms import (
    BandFormSet,
    ReasonForm,
    RequirementForm,
    RuleForm,
    RuleSetCreateForm,
    RuleSetSettingsForm,
    SectionFormSet,
    VersionForm,
    band_initial,
    section_initial,
)
from ..models import Requirement, Rule
from ..workflow import RULE_SET_WORKFLOW


@require(permissions.can_view_scores)
def rule_sets(request):
    org = request.organisation
    sets = selectors.rule_sets_of(org).select_related("closed_by")
    return render(request, "duties/rule_sets.html", {
        "rule_sets": sets, "tab": "rules", "is_staff_view": True, "can_manage": permissions.can_manage_rules(request.user, org)})


@require(permissions.can_manage_rules)
def rule_set_new(request):
    org = request.organisation
    existing = {rs.year: rs for rs in selectors.rule_sets_of(org)}
    form = RuleSetCreateForm(request.POST or None, existing_years=set(existing))
    if request.method == "POST" and form.is_valid():
        kind, _sep, value = form.cleaned_data["source"].partition(":")
        copy_from = existing.get(int(value)) if kind == "copy" else None
        rule_set = run_service(request, lambda: services.rule_set_create(
            actor=request.user, organisation=org, year=form.cleaned_data["year"],
            preset=value if kind == "preset" else "", copy_from=copy_from),
            success=_("The rules were created; the scores of the year are being computed."), form=form)
        if rule_set:
            return redirect("duties:rule_set", pk=rule_set.pk)
    return render(request, "duties/rule_set_new.html", {"form": form, "tab": "rules"})


def _editable(request, pk):
    rule_set = selectors.rule_set_get_for_user(request.user, request.organisation, pk)
    if not permissions.can_manage_rules(request.user, request.organisation):
        raise PermissionDenied
    return rule_set


@require(permissions.can_view_scores)
def rule_set_detail(request, pk):
    rule_set = selectors.rule_set_get_for_user(request.user, request.organisation, pk)
    can_manage = permissions.can_manage_rules(request.user, request.organisation)
    version = {"version": rule_set.version}
    return render(request, "duties/rule_set_detail.html", {
        "rule_set": rule_set, "tab": "rules", "can_manage": can_manage,
        "can_edit": can_manage and RULE_SET_WORKFLOW.can("edit", rule_set.status),
        "can_close": can_manage and RULE_SET_WORKFLOW.can("close", rule_set.status),
        "can_reopen": can_manage and RULE_SET_WORKFLOW.can("reopen", rule_set.status),
        "can_recompute": permissions.can_keep_records(request.user, request.organisation) and rule_set.is_open,
        "sections": rule_set.sections.all(),
        "rules": rule_set.rules.order_by("order", "id"),
        "bands": rule_set.bands.all(),
        "requirements": rule_set.requirements.prefetch_related("rules"),
        "history": [(h, RULE_SET_CHANGES.get(h.action, h.action))
                    for h in rule_set.history.select_related("actor").order_by("-created_at", "-id")[:20]],
        "version_form": VersionForm(initial=version), "reopen_form": ReasonForm(initial=version),
        "score_count": rule_set.scores.count(),
    })


@organisation_required
def rule_set_settings(request, pk):
    rule_set = _editable(request, pk)
    data = request.POST or None
    form = RuleSetSettingsForm(data, initial={"version": rule_set.version, "name": rule_set.name, "basis": rule_set.basis,
                                              "base_points": rule_set.base_points, "bonus_cap": rule_set.bonus_cap,
                                              "max_total": rule_set.max_total})
    sections = SectionFormSet(data, initial=section_initial(rule_set), prefix="section")
    bands = BandFormSet(data, initial=band_initial(rule_set), prefix="band")
    if request.method == "POST" and form.is_valid() and sections.is_valid() and bands.is_valid():
        values = {k: form.cleaned_data[k] for k in ("name", "basis", "base_points", "bonus_cap", "max_total")}
        section_rows = [row for row in (f.section() for f in sections) if row]
        band_rows = [{k: f.cleaned_data[k] for k in ("label", "min_points", "tone", "needs_talk")}
                     for f in bands if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        result = run_service(request, lambda: services.rule_set_update(
            actor=request.user, rule_set=rule_set, version=form.cleaned_data["version"], values=values,
            sections=section_rows, bands=band_rows), success=_("The rules were saved; the scores are being recomputed."),
            form=form)
        if result:
            return redirect("duties:rule_set", pk=rule_set.pk)
    return render(request, "duties/rule_set_settings.html", {"rule_set": rule_set, "form": form, "sections": sections,
                                                              "bands": bands, "tab": "rules"})


@organisation_required
def rule_edit(request, pk, rule_pk=None):
    rule_set = _editable(request, pk)
    rule = get_object_or_404(Rule, pk=rule_pk, rule_set=rule_set) if rule_pk else None
    form = RuleForm(request.POST or None, rule=rule, initial={"version": rule_set.version})
    if request.method == "POST" and form.is_valid():
        result = run_service(request, lambda: services.rule_save(
            actor=request.user, rule_set=rule_set, version=form.cleaned_data["version"], data=form.rule_data(), rule=rule),
            success=_("The rule was saved; the scores are being recomputed."), form=form)
        if result:
            return redirect(f"{reverse('duties:rule_set', args=[rule_set.pk])}#rules")
    attribute_kinds = {key: sorted(a.kinds) for key, a in ATTRIBUTES.items()}
    return render(request, "duties/rule_form.html", {"rule_set": rule_set, "rule": rule, "form": form, "tab": "rules",
                                                      "attribute_kinds": attribute_kinds})


@organisation_required
@require_POST
def rule_delete(request, pk, rule_pk):
    rule_set = _editable(request, pk)
    rule = get_object_or_404(Rule, pk=rule_pk, rule_set=rule_set)
    version = posted_version(request)
    run_service(request, lambda: services.rule_delete(actor=request.user, rule=rule, version=version),
                success=_("The rule was deleted; the scores are being recomputed."))
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
@require_POST
def rule_move(request, pk, rule_pk):
    rule_set = _editable(request, pk)
    rule = get_object_or_404(Rule, pk=rule_pk, rule_set=rule_set)
    version = posted_version(request)
    run_service(request, lambda: services.rule_move(actor=request.user, rule=rule, version=version,
                                                    up=request.POST.get("direction") == "up"))
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
def requirement_edit(request, pk, requirement_pk=None):
    rule_set = _editable(request, pk)
    requirement = get_object_or_404(Requirement, pk=requirement_pk, rule_set=rule_set) if requirement_pk else None
    initial = {"version": rule_set.version}
    if requirement:
        initial |= {"label": requirement.label, "min_count": requirement.min_count, "rules": list(requirement.rules.all())}
    form = RequirementForm(request.POST or None, rule_set=rule_set, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(request, lambda: services.requirement_save(
            actor=request.user, rule_set=rule_set, version=d["version"], requirement=requirement,
            data={"label": d["label"], "min_count": d["min_count"], "rule_ids": [r.pk for r in d["rules"]]}),
            success=_("The requirement was saved; the scores are being recomputed."), form=form)
        if result:
            return redirect("duties:rule_set", pk=rule_set.pk)
    return render(request, "duties/requirement_form.html", {"rule_set": rule_set, "requirement": requirement,
                                                             "form": form, "tab": "rules"})


@organisation_required
@require_POST
def requirement_delete(request, pk, requirement_pk):
    rule_set = _editable(request, pk)
    requirement = get_object_or_404(Requirement, pk=requirement_pk, rule_set=rule_set)
    version = posted_version(request)
    run_service(request, lambda: services.requirement_delete(actor=request.user, requirement=requirement, version=version),
                success=_("The requirement was deleted."))
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
@require_POST
def rule_set_close(request, pk):
    rule_set = _editable(request, pk)
    version = posted_version(request)
    closed = run_service(request, lambda: services.rule_set_close(actor=request.user, rule_set=rule_set, version=version))
    if closed:
        messages.success(request, ngettext(
            "The year was closed: its scores are frozen; %(n)d member was told.",
            "The year was closed: its scores are frozen; %(n)d members were told.", closed.notified) % {"n": closed.notified})
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
@require_POST
def rule_set_reopen(request, pk):
    rule_set = _editable(request, pk)
    run_service(request, lambda: services.rule_set_reopen(
        actor=request.user, rule_set=rule_set, version=posted_version(request), reason=request.POST.get("reason", "")),
        success=_("The year was reopened; its scores follow the records again."))
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
@require_POST
def rule_set_delete(request, pk):
    rule_set = _editable(request, pk)
    version = posted_version(request)
    if run_service(request, lambda: services.rule_set_delete(actor=request.user, rule_set=rule_set, version=version),
                   success=_("The rules of the year were deleted.")):
        return redirect("duties:rule_sets")
    return redirect("duties:rule_set", pk=rule_set.pk)


@organisation_required
@require_POST
def rule_set_recompute(request, pk):
    rule_set = selectors.rule_set_get_for_user(request.user, request.organisation, pk)
    run_service(request, lambda: services.rule_set_recompute(actor=request.user, rule_set=rule_set),
                success=_("The scores of the year are being recomputed."))
    return redirect("duties:rule_set", pk=rule_set.pk)
