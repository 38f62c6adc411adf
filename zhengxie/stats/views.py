"""Statistics pages: the dashboard, each figure's record list (with its Excel export), the Excel export of every
figure and the statistical report (Word and PDF)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.documents import docx_response, excel_response, pdf_response
from zhengxie.core.views.common import require

from . import documents, selectors
from .formatting import change, shown, why_empty, with_unit
from .forms import PeriodForm
from .permissions import can_view_stats
from .records import PageByIds, cells, columns, row_of
from .registry import COUNT, RATE, figure, figures

PAGE_SIZE = 50


def period_of(request):
    """(form, organisation, start, end, descendants) of a statistics request: the period asked for (this year by
    default), the organisation (the active one or one below it) and whether the ones below it are included."""
    org = request.organisation
    form = PeriodForm(request.GET or None, initial={"descendants": org.children.exists(), "year": timezone.localdate().year})
    start, end = form.period()
    valid = form.is_valid() and bool(request.GET)
    target = selectors.organisation_in_reach(org, form.cleaned_data.get("org") if valid else None)
    submitted = valid and any(name in request.GET for name in ("year", "start", "end", "descendants"))
    descendants = bool(form.cleaned_data.get("descendants")) if submitted else target.children.exists()
    return form, target, start, end, descendants


def period_query(org, start, end, descendants, **more) -> str:
    """The query string that opens a figure's list for the same organisation, period and scope."""
    from urllib.parse import urlencode

    return urlencode({"start": start.isoformat(), "end": end.isoformat(), "descendants": "1" if descendants else "0",
                      "org": org.pk, **more})


def rows_of(values, previous):
    """One section per group, in the order each group first appears (apps number their figures independently)."""
    by_group: dict[str, list] = {}
    for f in figures():
        value, before = values.get(f.key), previous.get(f.key)
        by_group.setdefault(str(f.group), []).append({
            "figure": f, "value": value, "shown": shown(value, f), "previous": shown(before, f),
            "with_unit": with_unit(value, f), "change": change(value, before, f),
            "delta": (value - before) if value is not None and before is not None else 0,
            "empty": why_empty(f) if value is None else ""})
    return list(by_group.items())


def _report(request, *, with_previous=False):
    form, org, start, end, descendants = period_of(request)
    values = selectors.compute(selectors.scope_for(org, start, end, descendants=descendants))
    prev_start, prev_end = selectors.previous_period(start, end)
    previous = selectors.compute(selectors.scope_for(org, prev_start, prev_end, descendants=descendants))
    if with_previous:
        return form, org, start, end, descendants, rows_of(values, previous), (prev_start, prev_end, previous)
    return form, org, start, end, descendants, rows_of(values, previous)


def summary(organisation, start, end, descendants, groups) -> str:
    """One paragraph in the manner of a committee's yearly report: every figure that has a sentence and a value."""
    clauses = [str(row["figure"].sentence) % {"value": row["shown"]}
               for _group, rows in groups for row in rows if row["figure"].sentence and row["value"]]
    if not clauses:
        return ""
    scope = _("including the organisations below it") if descendants else _("this organisation only")
    return _("From %(start)s to %(end)s, %(org)s (%(scope)s): %(clauses)s.") % {
        "start": start, "end": end, "org": organisation.short_name, "scope": scope, "clauses": _("; ").join(clauses)}


@require(can_view_stats)
def dashboard(request):
    from .dashboard import dashboard_context

    form, org, start, end, descendants, groups, previous = _report(request, with_previous=True)
    text = summary(org, start, end, descendants, groups)
    return render(request, "stats/dashboard.html", {
        "form": form, "organisation": org, "start": start, "end": end, "descendants": descendants, "groups": groups,
        "summary": text, "query": period_query(org, start, end, descendants),
        **dashboard_context(request, org, start, end, descendants, groups, previous),
    })


def _figure_or_404(key):
    try:
        return figure(key)
    except KeyError:
        raise Http404 from None


def _figure_list(request, key):
    f = _figure_or_404(key)
    if not f.listable:
        raise Http404
    form, org, start, end, descendants = period_of(request)
    scope = selectors.scope_for(org, start, end, descendants=descendants)
    part = request.GET.get("part") == "1" and f.measure == RATE and f.part is not None
    qs = selectors.figure_records_visible_to(request.user, request.organisation, f, scope, part=part)
    return f, form, org, start, end, descendants, scope, part, qs


def _table(f, objects) -> list[dict]:
    names = columns(f)
    table = []
    for obj in objects:
        row = row_of(f, obj)
        table.append({"row": row, "cells": list(zip(names, cells(f, row, text=True), strict=True))})
    return table


@require(can_view_stats)
def figure_records(request, key):
    f, form, org, start, end, descendants, scope, part, qs = _figure_list(request, key)
    page = Paginator(PageByIds(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    # The count is taken once: a figure that counts its records is the length of its list.
    value = page.paginator.count if f.measure == COUNT and not part else f.value(scope)
    numerator = f.part_records(scope).count() if f.measure == RATE and f.part is not None else None
    return render(request, "stats/figure_records.html", {
        "figure": f, "form": form, "organisation": org, "start": start, "end": end, "descendants": descendants,
        "part": part, "page": page, "rows": _table(f, page.object_list), "columns": columns(f),
        "value": value, "shown": with_unit(value, f), "empty": why_empty(f) if value is None else "",
        "numerator": numerator, "total": page.paginator.count,
        "query": period_query(org, start, end, descendants), "records_query": period_query(
            org, start, end, descendants, **({"part": "1"} if part else {})),
    })


@require(can_view_stats)
def figure_export(request, key):
    f, _form, org, start, end, _descendants, _scope, _part, qs = _figure_list(request, key)
    data = [cells(f, row_of(f, obj)) for obj in qs.iterator(chunk_size=2000)]
    return excel_response(f"{org.short_name}{f.label}{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
                          [(name, 40 if i == 0 else 16) for i, name in enumerate(columns(f))], data, title=str(f.label))


@require(can_view_stats)
def export(request):
    _form, org, start, end, _descendants = period_of(request)
    rows = selectors.breakdown(org, start, end) if org.children.exists() else [
        (org, selectors.compute(selectors.scope_for(org, start, end, descendants=False)))]
    total = selectors.compute(selectors.scope_for(org, start, end, descendants=True))
    columns_ = [(_("Figure"), 36), (_("Unit"), 8), (_("Total"), 12)] + [(o.short_name, 14) for o, _v in rows]
    data = [[str(f.label), str(f.unit), total.get(f.key)] + [v.get(f.key) for _o, v in rows] for f in figures()]
    return excel_response(f"{org.short_name}{_('statistics')}{start:%Y%m%d}-{end:%Y%m%d}.xlsx", columns_, data,
                          title=_("Statistics"))


@require(can_view_stats)
def annual_report(request, fmt):
    _form, org, start, end, descendants, groups = _report(request)
    report = documents.annual_report(org, start, end, descendants, groups,
                                     summary(org, start, end, descendants, groups))
    if fmt == "docx":
        return docx_response(documents.report_docx(report), f"{report.title}.docx")
    return pdf_response(documents.report_pdf_flow(report), f"{report.title}.pdf", title=report.title)
