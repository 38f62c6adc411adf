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


def annual_report(organisation, start, end, descendants, groups, summary: str) -> Report:
    """The report of ``groups`` (as the statistics view computes them: (group, rows with figure, with_unit,
    previous, change)): the same four columns, 增减 included, in the Word and the PDF file."""
    return Report(
        title=_("%(org)s statistical report, %(start)s to %(end)s") % {"org": organisation.name, "start": start,
                                                                       "end": end},
        scope_note=_("Including the organisations below it.") if descendants else _("This organisation only."),
        summary=summary,
        columns=[_("Figure"), _("This period"), _("Previous period"), _("Change")],
        sections=[Section(heading=group, rows=[[str(r["figure"].label), r["with_unit"], r["previous"],
                                                r["change"]] for r in rows])
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


def summary_docx(summary):
    """The annual work summary (or a member's 述职 summary) as Word: the title, the opening, then per section its
    heading, the sentence of its figures and the highlights kept."""
    document = new_docx()
    add_title(document, summary.title, size=20)
    add_paragraph(document, summary.intro)
    numbers = "一二三四五六七八九十"
    for index, section in enumerate(summary.sections):
        add_heading(document, f"{numbers[index % 10]}、{section.title}")
        if section.opening:
            add_paragraph(document, section.opening)
        for item in section.highlights:
            add_paragraph(document, item.text)
    return document
