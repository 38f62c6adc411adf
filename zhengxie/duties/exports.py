"""The 委员履职报告 (a member's yearly duty report) as Word and PDF: the member, the score and its
explanation, the "三个一" status, the duties of the year, the confirmed self-reported duties, and the
member's own self-report (述职)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zhengxie.core.documents import (
    add_field_table,
    add_heading,
    add_paragraph,
    add_title,
    docx_response,
    new_docx,
    pdf_response,
    pdf_styles,
    pdf_text,
)

from .choices import SelfReportStatus
from .record import build_record, join_labels, record_extras


def _points(value) -> str:
    return f"{value.normalize():f}" if value is not None else ""


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


def _report(member, year):
    record = build_record(member, year)
    extras = record_extras(member, year)
    person = member.person
    if record.rule_set is None:
        score_text = _("No rules for this year yet")
    else:
        score_text = _("%(total)s points") % {"total": _points(record.total)}
        if record.band:
            score_text += f" · {record.band.label}"
        if not record.frozen:
            score_text += _(" (the year is still open)")
    minimum = (_("Met") if not record.missing else _("Missing: %(items)s") % {"items": join_labels(record.missing)}) \
        if record.requirements else "—"
    fields = [
        (_("Name"), person.name),
        (_("CPPCC committee"), member.organisation.name),
        (_("Term"), member.term.name),
        (_("Sector"), member.sector.name),
        (_("Special committee"), member.committee.name if member.committee else "—"),
        (_("Work unit and position"), f"{person.work_unit} {person.job_title}".strip() or "—"),
        (_("Rules"), record.rule_set.name if record.rule_set else "—"),
        (_("Score"), score_text),
        (_("The “three ones” minimum"), minimum),
    ]
    sections = []
    for section in record.sections:
        heading = _("%(section)s: %(total)s points") % {"section": section.label, "total": _points(section.total)}
        if section.cap is not None:
            heading += _(" (at most %(cap)s)") % {"cap": _points(section.cap)}
        rows = [(_day(line.event.occurred_at) if line.event else "", line.event.title if line.event else "",
                 line.rule.label if line.rule else "", _points(line.awarded)) for line in section.lines]
        sections.append((heading, rows))
    summary = _("Base %(base)s + gains %(gains)s %(losses)s = %(total)s points") % {
        "base": _points(record.base), "gains": _points(record.gains_counted),
        "losses": f"− {_points(-record.losses)}" if record.losses else "− 0", "total": _points(record.total)}
    confirmed = [r for r in extras["self_reports"] if r.status == SelfReportStatus.CONFIRMED]
    statement = extras["statement"]
    return {
        "title": _("Member's Duty Report for %(year)s") % {"year": year},
        "subtitle": member.organisation.name,
        "fields": fields, "sections": sections, "summary": summary if record.rule_set else "",
        "events": [(_day(e.occurred_at), e.get_kind_display(), e.title) for e, _pts, _rule in reversed(record.timeline)],
        "self_reports": [(r.occurred_on.strftime("%Y-%m-%d"), r.get_report_type_display(), r.title) for r in confirmed],
        "statement": statement.text if statement and statement.text else "",
        "footer": _("Printed on %(date)s from the Smart CPPCC platform") % {"date": timezone.localdate().strftime("%Y-%m-%d")},
        "filename": _("%(name)s duty report %(year)s") % {"name": person.name, "year": year},
    }


def _docx_table(document, headers, rows):
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        run.font.size = Pt(11)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(11)
    return table


def record_docx_response(member, year):
    data = _report(member, year)
    document = new_docx()
    add_title(document, data["title"])
    add_paragraph(document, data["subtitle"], indent=False, align="center")
    add_field_table(document, data["fields"])
    headers = [_("Date"), _("Duty"), _("Rule"), _("Points")]
    if data["sections"]:
        add_heading(document, _("1. How the score was computed"))
        for heading, rows in data["sections"]:
            add_paragraph(document, heading, indent=False, bold=True)
            if rows:
                _docx_table(document, headers, rows)
        add_paragraph(document, data["summary"], indent=False)
    add_heading(document, _("2. Duties of the year"))
    if data["events"]:
        _docx_table(document, [_("Date"), _("Duty"), _("Details")], data["events"])
    else:
        add_paragraph(document, _("No duty recorded."))
    if data["self_reports"]:
        add_heading(document, _("3. Self-reported duties confirmed by the office"))
        _docx_table(document, [_("Date"), _("Kind of duty"), _("Title")], data["self_reports"])
    add_heading(document, _("4. Yearly self-report"))
    for paragraph in (data["statement"] or _("Not written.")).splitlines():
        if paragraph.strip():
            add_paragraph(document, paragraph.strip())
    add_paragraph(document, data["footer"], indent=False, align="right")
    return docx_response(document, f"{data['filename']}.docx")


def _pdf_table(headers, rows, styles, widths):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = styles["small"]
    table = Table([[Paragraph(pdf_text(str(h)), cell) for h in headers]]
                  + [[Paragraph(pdf_text(str(v)), cell) for v in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7f3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def record_pdf_response(member, year):
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    data = _report(member, year)
    styles = pdf_styles()
    story = [Paragraph(pdf_text(data["title"]), styles["title"]), Paragraph(pdf_text(data["subtitle"]), styles["subtitle"]),
             Spacer(1, 0.4 * cm), _pdf_table([pgettext("report field", "Item"), pgettext("report field", "Value")], data["fields"], styles, [4 * cm, 11.6 * cm])]
    headers = [_("Date"), _("Duty"), _("Rule"), _("Points")]
    widths = [2.4 * cm, 6.6 * cm, 5 * cm, 1.6 * cm]
    if data["sections"]:
        story.append(Paragraph(pdf_text(_("1. How the score was computed")), styles["heading"]))
        for heading, rows in data["sections"]:
            story.append(Paragraph(pdf_text(heading), styles["plain"]))
            if rows:
                story += [_pdf_table(headers, rows, styles, widths), Spacer(1, 0.25 * cm)]
        story.append(Paragraph(pdf_text(data["summary"]), styles["plain"]))
    story.append(Paragraph(pdf_text(_("2. Duties of the year")), styles["heading"]))
    if data["events"]:
        story.append(_pdf_table([_("Date"), _("Duty"), _("Details")], data["events"], styles,
                                [2.4 * cm, 5 * cm, 8.2 * cm]))
    else:
        story.append(Paragraph(pdf_text(_("No duty recorded.")), styles["body"]))
    if data["self_reports"]:
        story.append(Paragraph(pdf_text(_("3. Self-reported duties confirmed by the office")), styles["heading"]))
        story.append(_pdf_table([_("Date"), _("Kind of duty"), _("Title")], data["self_reports"], styles,
                                [2.4 * cm, 4 * cm, 9.2 * cm]))
    story.append(Paragraph(pdf_text(_("4. Yearly self-report")), styles["heading"]))
    story.append(Paragraph(pdf_text(data["statement"] or _("Not written.")), styles["body"]))
    story.append(Spacer(1, 0.6 * cm))
    story.append(Paragraph(pdf_text(data["footer"]), styles["right"]))
    return pdf_response(story, f"{data['filename']}.pdf", title=data["title"])
