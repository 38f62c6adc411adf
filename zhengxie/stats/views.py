"""Statistics pages: the dashboard, the Excel export and the annual report (Word and PDF)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.documents import docx_response, excel_response, pdf_response
from zhengxie.core.views.common import require

from . import documents, selectors
from .forms import PeriodForm
from .permissions import can_view_stats
from .registry import figures


def _format(value, figure) -> str:
    if figure.percent:
        return f"{value:.1f}%"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _report(request):
    org = request.organisation
    form = PeriodForm(request.GET or None, initial={"descendants": org.children.exists(), "year": timezone.localdate().year})
    start, end = form.period()
    descendants = form.cleaned_data.get("descendants") if form.is_valid() and request.GET else org.children.exists()
    scope = selectors.scope_for(org, start, end, descendants=descendants)
    values = selectors.compute(scope)
    prev_start, prev_end = selectors.previous_period(start, end)
    previous = selectors.compute(selectors.scope_for(org, prev_start, prev_end, descendants=descendants))
    # One section per group, in the order each group first appears (apps number their figures independently).
    by_group: dict[str, list] = {}
    for f in figures():
        by_group.setdefault(str(f.group), []).append(f)
    groups = []
    for group, items in by_group.items():
        rows = []
        for f in items:
            value, before = values.get(f.key, 0), previous.get(f.key, 0)
            rows.append({"figure": f, "value": value, "shown": _format(value, f), "previous": _format(before, f),
                         "delta": value - before})
        groups.append((group, rows))
    return form, start, end, descendants, groups


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
    form, start, end, descendants, groups = _report(request)
    text = summary(request.organisation, start, end, descendants, groups)
    rows = selectors.breakdown(request.organisation, start, end) if request.organisation.children.exists() else []
    chart = {"labels": [o.short_name for o, _values in rows],
             "series": {f.key: [v.get(f.key, 0) for _o, v in rows] for f in figures()},
             "names": {f.key: str(f.label) for f in figures()}}
    return render(request, "stats/dashboard.html", {
        "form": form, "start": start, "end": end, "descendants": descendants, "groups": groups, "summary": text,
        "breakdown_orgs": [o for o, _values in rows],
        "breakdown": [(f, [_format(v.get(f.key, 0), f) for _o, v in rows]) for f in figures()] if rows else [],
        "figures": figures(),
        "chart": chart,
    })


@require(can_view_stats)
def export(request):
    org = request.organisation
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows = selectors.breakdown(org, start, end) if org.children.exists() else [
        (org, selectors.compute(selectors.scope_for(org, start, end, descendants=False)))]
    total = selectors.compute(selectors.scope_for(org, start, end, descendants=True))
    columns = [(_("Figure"), 36), (_("Unit"), 8), (_("Total"), 12)] + [(o.short_name, 14) for o, _v in rows]
    data = [[str(f.label), str(f.unit), total.get(f.key, 0)] + [v.get(f.key, 0) for _o, v in rows] for f in figures()]
    return excel_response(f"{org.short_name}{_('statistics')}{start:%Y%m%d}-{end:%Y%m%d}.xlsx", columns, data,
                          title=_("Statistics"))


@require(can_view_stats)
def annual_report(request, fmt):
    org = request.organisation
    _form, start, end, descendants, groups = _report(request)
    report = documents.annual_report(org, start, end, descendants, groups,
                                     summary(org, start, end, descendants, groups))
    if fmt == "docx":
        return docx_response(documents.report_docx(report), f"{report.title}.docx")
    return pdf_response(documents.report_pdf_flow(report), f"{report.title}.pdf", title=report.title)
