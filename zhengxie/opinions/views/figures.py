"""The figures of an organisation's reports for a period, on a page and in Excel."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengxie.core.choices import OrganisationLevel
from zhengxie.core.documents import excel_response
from zhengxie.core.services import audit_log
from zhengxie.core.views.common import paginate, require

from .. import figures, permissions
from ..choices import AuthorKind, InstructionLevel
from ..forms import PeriodForm

TABLES = (figures.BY_AUTHOR, figures.BY_SUBMITTER, figures.BY_CATEGORY)


def _period(request) -> tuple[PeriodForm, figures.Period]:
    year = timezone.localdate().year
    form = PeriodForm(request.GET or {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)})
    if form.is_valid():
        return form, figures.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    return form, figures.Period.year(year)


def _label_rows(rows, by: str) -> list[dict]:
    """Add the display name of each row's group."""
    for row in rows:
        if by == figures.BY_AUTHOR:
            row["label"] = row["author_name"]
            row["detail"] = f"{AuthorKind(row['author_kind']).label} · {row['origin_organisation__short_name']}"
        elif by == figures.BY_SUBMITTER:
            kind = row["submitter_kind"]
            if kind == "below":
                row["label"], row["detail"] = row["submitter"], _("Committee below")
            elif kind == AuthorKind.BODY:
                row["label"], row["detail"] = row["submitter"], str(AuthorKind.BODY.label)
            else:
                row["label"] = {AuthorKind.MEMBER: _("Members (individually)"),
                                AuthorKind.INFORMANT: _("Invited informants"),
                                AuthorKind.ORGANISATION: _("The committee itself")}[kind]
                row["detail"] = ""
        else:
            row["label"], row["detail"] = row["category"], ""
    return rows


@require(permissions.can_view_figures)
def figures_page(request):
    org = request.organisation
    form, period = _period(request)
    by = request.GET.get("by") if request.GET.get("by") in TABLES else figures.BY_AUTHOR
    summary = figures.report_figures(org, period)
    levels = [(level, OrganisationLevel(level).label, summary["adopted_by_level"][level])
              for level in figures.higher_levels(org)]
    instructions = [(level, InstructionLevel(level).label, summary["instructions_by_level"][level])
                    for level in figures.instruction_levels(org)]
    cards = [(summary["submitted"], _("Submitted")), (summary["from_below"], _("From committees below")),
             (summary["adopted"], _("Adopted here")), (summary["not_used"], _("Not used")),
             (summary["forwarded"], _("Forwarded up")), (summary["instructions"], _("Instructions"))]
    by_tabs = [(figures.BY_AUTHOR, _("By author")), (figures.BY_SUBMITTER, _("By submitter")),
               (figures.BY_CATEGORY, _("By category"))]
    return render(request, "opinions/figures.html", {
        "form": form, "period": period, "summary": summary, "summary_cards": cards, "by_tabs": by_tabs,
        "levels": levels, "instructions": instructions,
        "by": by, "page": paginate(request, _label_rows(figures.report_figures_by(org, period, by), by), 30),
        "chart": {"labels": [str(label) for _l, label, _n in instructions], "values": [n for _l, _label, n in instructions],
                  "adopted_labels": [str(label) for _l, label, _n in levels], "adopted": [n for _l, _label, n in levels]},
    })


def _columns(org) -> list[tuple[str, str, int]]:
    """(key, header, width) of the figures, in the order of the page."""
    columns = [("submitted", _("Submitted"), 8), ("from_below", _("From committees below"), 10),
               ("adopted", _("Adopted here"), 8), ("not_used", _("Not used"), 8), ("forwarded", _("Forwarded up"), 8)]
    for level in figures.higher_levels(org):
        columns.append((f"adopted_{level}", _("Adopted: %(level)s") % {"level": OrganisationLevel(level).label}, 10))
    columns.append(("adopted_media", _("Used by the media"), 8))
    for level in figures.instruction_levels(org):
        columns.append((f"instructed_{level}", _("Instructions: %(level)s") % {"level": InstructionLevel(level).label}, 12))
    return columns


@require(permissions.can_view_figures)
def figures_export(request):
    org = request.organisation
    _form, period = _period(request)
    table = request.GET.get("table")
    columns = _columns(org)
    if table in TABLES:
        rows = _label_rows(figures.report_figures_by(org, period, table), table)
        header = [(pgettext("author or body", "Name"), 24), (_("Kind"), 20), *[(title, width) for _k, title, width in columns]]
        data = ([row["label"], row["detail"], *[row[key] for key, _t, _w in columns]] for row in rows)
    else:
        table = "summary"
        summary = figures.report_figures(org, period)
        header = [(_("Figure"), 30), (_("Count"), 10)]
        data = ([title, summary[key]] for key, title, _w in columns)
    audit_log(actor=request.user, organisation=org, action="opinions.figures.exported",
              changes={"table": table, "start": period.start, "end": period.end})
    name = f"{org.short_name}{_('Public-opinion report figures')}{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return excel_response(name, header, data, title=_("Figures"))
