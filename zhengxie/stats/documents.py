"""The annual statistical report as a document: one description (title, scope, summary, a table per group) that
both the Word and the PDF file are drawn from, so the two always have the same columns and rows."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zhengxie.core.documents import add_heading, add_paragraph, add_title, new_docx, pdf_styles, pdf_text


@dataclass
class Section:
    heading: str
    rows: list[list[str]]


@dataclass
class Report:
    title: str
    scope_note: str
    summary: str
    columns: list[str]
    sections: list[Section] = field(default_factory=list)


def _change(delta) -> str:
    return f"{delta:+,.1f}" if isinstance(delta, float) else f"{delta:+,}"


def annual_report(organisation, start, end, descendants, groups, summary: str) -> Report:
    """The report of ``groups`` (as the statistics view computes them: (group, rows with figure, shown, previous,
    delta))."""
    return Report(
        title=_("%(org)s statistical report, %(start)s to %(end)s") % {"org": organisation.name, "start": start,
                                                                       "end": end},
        scope_note=_("Including the organisations below it.") if descendants else _("This organisation only."),
        summary=summary,
        columns=[_("Figure"), _("This period"), _("Previous period"), _("Change")],
        sections=[Section(heading=group, rows=[[str(r["figure"].label), f"{r['shown']} {r['figure'].unit}",
                                                r["previous"], _change(r["delta"])] for r in rows])
                  for group, rows in groups],
    )


def report_docx(report: Report):
    document = new_docx()
    add_title(document, report.title, size=18)
    add_paragraph(document, report.scope_note, indent=False, align="center")
    if report.summary:
        add_paragraph(document, report.summary)
    for section in report.sections:
        add_heading(document, section.heading)
        table = document.add_table(rows=1, cols=len(report.columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, report.columns, strict=True):
            cell.text = text
        for row in section.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    return document


def report_pdf_flow(report: Report) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = pdf_styles()
    flow = [Paragraph(pdf_text(report.title), styles["title"]), Paragraph(pdf_text(report.scope_note), styles["subtitle"]),
            Spacer(1, 12)]
    if report.summary:
        flow += [Paragraph(pdf_text(report.summary), styles["body"]), Spacer(1, 8)]
    for section in report.sections:
        flow.append(Paragraph(pdf_text(section.heading), styles["heading"]))
        data = [[Paragraph(pdf_text(text), styles["small"]) for text in row] for row in [report.columns, *section.rows]]
        table = Table(data, colWidths=[220, 90, 90, 70])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE7F3"))]))
        flow += [table, Spacer(1, 8)]
    return flow
