"""Staff views: overview and distribution, ranking, the list for talks, members missing the "三个一" minimum
(with reminders), attendance warnings, and the sector and committee views (界别+专委会); Excel exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core import permissions as core_permissions
from zhengxie.core.documents import excel_response
from zhengxie.core.masking import mask_phone
from zhengxie.core.models import Sector, SpecialCommittee
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import is_htmx, organisation_required, paginate, require, run_service

from .. import permissions, selectors, services
from ..choices import DutyCategory, ReminderKind
from ..forms import ScoreFilterForm
from ..models import Reminder
from ..record import join_labels
from .base import selected_year, staff_context


def _filtered(request, year, rule_set, base_qs=None, **form_kwargs):
    org = request.organisation
    form = ScoreFilterForm(request.GET or None, organisation=org, rule_set=rule_set, **form_kwargs)
    qs = base_qs if base_qs is not None else selectors.scores_visible_to(request.user, org, year)
    return form, selectors.score_search(qs, **form.filters())


def _section_columns(rule_set) -> list[tuple[str, str]]:
    if rule_set is None:
        return []
    own = set(rule_set.sections.values_list("category", flat=True)) | set(rule_set.rules.values_list("section", flat=True))
    return [(value, label) for value, label in DutyCategory.choices if value in own]


def _missing(score, requirements) -> list[str]:
    return [r.label for r in requirements if score.requirement_counts.get(str(r.pk), 0) < r.min_count]


@require(permissions.can_view_scores)
def overview(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "overview", year)
    rule_set = context["rule_set"]
    qs = selectors.scores_visible_to(request.user, org, year)
    context.update({
        "summary": selectors.summary(qs),
        "chart": selectors.distribution(qs, rule_set) if rule_set else None,
        "sectors": selectors.group_summary(qs, "member__sector"),
        "committees": selectors.group_summary(qs, "member__committee"),
        "pending": selectors.pending_self_reports(org).count(),
        "talk_count": qs.filter(band__needs_talk=True).count(),
        "year_progress": _year_progress(year),
    })
    return render(request, "duties/overview.html", context)


def _year_progress(year: int) -> int:
    today = timezone.localdate()
    if year < today.year:
        return 100
    if year > today.year:
        return 0
    return int(today.timetuple().tm_yday * 100 / 365)


@require(permissions.can_view_scores)
def ranking(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "ranking", year)
    form, qs = _filtered(request, year, context["rule_set"])
    context.update({"form": form, "page": paginate(request, selectors.ranked(qs), 50), "total": qs.count(),
                    "columns": _section_columns(context["rule_set"])})
    template = "duties/partials/ranking_table.html" if is_htmx(request) else "duties/ranking.html"
    return render(request, template, context)


@require(permissions.can_view_scores)
def ranking_export(request):
    org = request.organisation
    year = selected_year(request, org)
    rule_set = selectors.rule_set_for(org, year)
    _form, qs = _filtered(request, year, rule_set)
    columns = _section_columns(rule_set)
    requirements = list(rule_set.requirements.all()) if rule_set else []
    headers = [(_("Rank"), 6), (_("Name"), 10), (_("Sector"), 18), (_("Special committee"), 20), (_("Score"), 8),
               (_("Band"), 8), *[(label, 9) for _value, label in columns], (_("Minimum met"), 8), (_("Missing"), 40),
               (_("Events"), 8)]
    rows = ((s.rank, s.member.person.name, s.member.sector.name, s.member.committee.name if s.member.committee else "",
             float(s.total), s.band.label if s.band else "",
             *[s.sections.get(value, 0) / 100 for value, _label in columns],
             _("Yes") if s.requirements_met else _("No"), join_labels(_missing(s, requirements)), s.event_count)
            for s in selectors.ranked(qs).iterator(chunk_size=2000))
    audit_log(actor=request.user, organisation=org, action="duties.ranking.exported",
              changes={"year": year, "filters": request.GET.dict()})
    return excel_response(f"{org.short_name}{year}{_('Duty ranking')}.xlsx", headers, rows, title=_("Duty ranking"))


def _talk_band(request, rule_set):
    """The band below which members are listed for a talk: the one asked for, else the lowest band that does
    not call for a talk."""
    bands = list(rule_set.bands.all()) if rule_set else []
    wanted = request.GET.get("below")
    chosen = next((b for b in bands if str(b.pk) == wanted), None)
    if chosen is None:
        calm = [b for b in bands if not b.needs_talk]
        chosen = min(calm, key=lambda b: b.min_points) if calm else None
    return chosen, bands


@require(permissions.can_view_scores)
def talks(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "talks", year)
    below, bands = _talk_band(request, context["rule_set"])
    qs = selectors.scores_visible_to(request.user, org, year)
    qs = selectors.score_search(qs, below=below).order_by("total", "member__person__name") if below else qs.none()
    requirements = list(context["rule_set"].requirements.all()) if context["rule_set"] else []
    page = paginate(request, qs, 50)
    for score in page:
        score.missing = _missing(score, requirements)
    context.update({"below": below, "bands": bands, "page": page, "total": qs.count(),
                    "sensitive": core_permissions.can_see_sensitive(request.user, org)})
    return render(request, "duties/talks.html", context)


@require(permissions.can_view_scores)
def talks_export(request):
    org = request.organisation
    year = selected_year(request, org)
    rule_set = selectors.rule_set_for(org, year)
    below, _bands = _talk_band(request, rule_set)
    qs = selectors.scores_visible_to(request.user, org, year)
    qs = selectors.score_search(qs, below=below).order_by("total", "member__person__name") if below else qs.none()
    requirements = list(rule_set.requirements.all()) if rule_set else []
    sensitive = core_permissions.can_see_sensitive(request.user, org)
    headers = [(_("Name"), 10), (_("Sector"), 18), (_("Special committee"), 20), (_("Work unit and position"), 30),
               (_("Mobile phone"), 14), (_("Score"), 8), (_("Band"), 8), (_("Missing"), 40)]
    rows = ((s.member.person.name, s.member.sector.name, s.member.committee.name if s.member.committee else "",
             f"{s.member.person.work_unit} {s.member.person.job_title}".strip(),
             s.member.person.phone if sensitive else mask_phone(s.member.person.phone), float(s.total),
             s.band.label if s.band else "", join_labels(_missing(s, requirements))) for s in qs)
    audit_log(actor=request.user, organisation=org, action="duties.talks.exported", changes={"year": year})
    return excel_response(f"{org.short_name}{year}{_('Members for a talk')}.xlsx", headers, rows,
                          title=_("Members for a talk"))


def _minimum_queryset(request, year):
    org = request.organisation
    last = Reminder.objects.filter(member=OuterRef("member"), year=year, kind=ReminderKind.REQUIREMENTS) \
        .order_by().values("member").annotate(last=Max("sent_at")).values("last")
    qs = selectors.scores_visible_to(request.user, org, year).filter(requirements_met=False)
    return qs.annotate(reminded_at=Subquery(last)).order_by("-missing_count", "member__sector__sort_order",
                                                             "member__person__name")


@require(permissions.can_view_scores)
def minimum(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "minimum", year)
    rule_set = context["rule_set"]
    form, qs = _filtered(request, year, rule_set, base_qs=_minimum_queryset(request, year))
    requirements = list(rule_set.requirements.all()) if rule_set else []
    page = paginate(request, qs, 50)
    for score in page:
        score.missing = _missing(score, requirements)
    context.update({"form": form, "page": page, "total": qs.count(), "requirements": requirements,
                    "year_progress": _year_progress(year),
                    "can_remind": permissions.can_keep_records(request.user, org) and rule_set and rule_set.is_open})
    template = "duties/partials/minimum_table.html" if is_htmx(request) else "duties/minimum.html"
    return render(request, template, context)


@require(permissions.can_view_scores)
def minimum_export(request):
    org = request.organisation
    year = selected_year(request, org)
    rule_set = selectors.rule_set_for(org, year)
    _form, qs = _filtered(request, year, rule_set, base_qs=_minimum_queryset(request, year))
    requirements = list(rule_set.requirements.all()) if rule_set else []
    headers = [(_("Name"), 10), (_("Sector"), 18), (_("Special committee"), 20), (_("Missing"), 50),
               (_("Score"), 8), (_("Last reminded"), 18)]
    rows = ((s.member.person.name, s.member.sector.name, s.member.committee.name if s.member.committee else "",
             join_labels(_missing(s, requirements)), float(s.total), s.reminded_at or "") for s in qs)
    return excel_response(f"{org.short_name}{year}{_('Minimum duties not met')}.xlsx", headers, rows,
                          title=_("Minimum duties not met"))


@require(permissions.can_keep_records)
@require_POST
def minimum_remind(request):
    org = request.organisation
    year = selected_year(request, org)
    ids = None if request.POST.get("all") else [int(i) for i in request.POST.getlist("member") if i.isdigit()]
    if ids == []:
        messages.warning(request, _("Choose the members to remind."))
    else:
        result = run_service(request, lambda: services.requirement_reminders_send(
            actor=request.user, organisation=org, year=year, member_ids=ids))
        if result:
            sent, skipped = result
            messages.success(request, _("%(sent)d reminders sent; %(skipped)d members were reminded recently or have "
                                        "no account.") % {"sent": sent, "skipped": skipped})
    return redirect(f"{reverse('duties:minimum')}?year={year}")


@require(permissions.can_view_scores)
def attendance(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "attendance", year)
    warnings = selectors.attendance_warnings(org)
    last = dict(Reminder.objects.filter(member_id__in=[w["member"].pk for w in warnings], kind=ReminderKind.ATTENDANCE)
                .order_by().values("member_id").annotate(last=Max("sent_at")).values_list("member_id", "last"))
    for warning in warnings:
        warning["reminded_at"] = last.get(warning["member"].pk)
    context.update({"warnings": warnings, "term": org.current_term(),
                    "can_remind": permissions.can_keep_records(request.user, org)})
    return render(request, "duties/attendance.html", context)


@require(permissions.can_view_scores)
def attendance_export(request):
    org = request.organisation
    headers = [(_("Name"), 10), (_("Sector"), 18), (_("Special committee"), 20),
               (_("Unexcused plenary absences"), 14), (_("Unexcused meeting absences"), 14), (_("Warning level"), 16)]
    rows = ((w["member"].person.name, w["member"].sector.name, w["member"].committee.name if w["member"].committee else "",
             w["plenary"], w["total"], _("Asked to resign") if w["level"] == "limit" else _("Warning"))
            for w in selectors.attendance_warnings(org))
    return excel_response(f"{org.short_name}{_('Attendance warnings')}.xlsx", headers, rows, title=_("Attendance warnings"))


@require(permissions.can_keep_records)
@require_POST
def attendance_warn(request):
    ids = None if request.POST.get("all") else [int(i) for i in request.POST.getlist("member") if i.isdigit()]
    if ids == []:
        messages.warning(request, _("Choose the members to warn."))
    else:
        result = run_service(request, lambda: services.attendance_warnings_send(
            actor=request.user, organisation=request.organisation, member_ids=ids))
        if result:
            sent, skipped = result
            messages.success(request, _("%(sent)d warnings sent; %(skipped)d members were warned recently or have "
                                        "no account.") % {"sent": sent, "skipped": skipped})
    return redirect("duties:attendance")


@require(permissions.can_view_groups)
def groups(request):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "groups", year)
    qs = selectors.scores_visible_to(request.user, org, year)
    sectors = set(selectors.sectors_visible_to(request.user, org).values_list("pk", flat=True))
    committees = set(selectors.committees_visible_to(request.user, org).values_list("pk", flat=True))
    context.update({
        "sectors": [row for row in selectors.group_summary(qs, "member__sector") if row["member__sector_id"] in sectors],
        "committees": [row for row in selectors.group_summary(qs, "member__committee")
                       if row["member__committee_id"] in committees],
        "is_staff": permissions.can_view_scores(request.user, org),
    })
    return render(request, "duties/groups.html", context)


def _group_page(request, *, group, scores, kind: str):
    org = request.organisation
    year = selected_year(request, org)
    context = staff_context(request, "groups", year)
    form, qs = _filtered(request, year, context["rule_set"], base_qs=scores)
    context.update({"group": group, "kind": kind, "form": form, "summary": selectors.summary(qs),
                    "page": paginate(request, selectors.ranked(qs), 50), "total": qs.count(),
                    "columns": _section_columns(context["rule_set"]),
                    "is_staff": permissions.can_view_scores(request.user, org)})
    return render(request, "duties/group.html", context)


@organisation_required
def sector_detail(request, pk):
    org = request.organisation
    sector = get_object_or_404(Sector, pk=pk, organisation=org)
    if not permissions.can_view_sector(request.user, org, sector.pk):
        raise PermissionDenied
    year = selected_year(request, org)
    scores = selectors.scores_visible_to(request.user, org, year).filter(member__sector=sector)
    return _group_page(request, group=sector, scores=scores, kind="sector")


@organisation_required
def committee_detail(request, pk):
    org = request.organisation
    committee = get_object_or_404(SpecialCommittee, pk=pk, organisation=org)
    if not permissions.can_view_committee(request.user, org, committee.pk):
        raise PermissionDenied
    year = selected_year(request, org)
    scores = selectors.scores_visible_to(request.user, org, year).filter(member__committee=committee)
    return _group_page(request, group=committee, scores=scores, kind="committee")

