"""The 《社情民意》 bulletin as Word and PDF, in the layout offices use: the red masthead, the issue number per year
and in total, the compiler and the date, a red rule, the contents of a multi-report issue, each report with its
title, text and source, and the closing block (recipients, who signed it off).

The fixed words of the layout (社情民意, 报, 签发 …) are part of a Chinese official document, not of the interface:
the bulletin reads the same whatever language its compiler uses."""

from django.utils import timezone

from zhengxie.core import documents

from .choices import AuthorKind, BulletinStatus
from .org_settings import compiler_of, default_recipients
from .signoff import issue_number, template_of

RED = "C00000"
MASTHEAD = "社情民意"


def _hex(colour: str) -> str:
    return (colour or f"#{RED}").lstrip("#").upper()


def attribution(report) -> str:
    """“（秦州区政协委员 张三 反映；秦州区政协报送）”: who wrote it, and the level that sent it here."""
    origin = report.origin_organisation.short_name
    who = {
        AuthorKind.MEMBER: f"{origin}委员 {report.author_name}",
        AuthorKind.INFORMANT: f"{origin}特邀信息员 {report.author_name}",
    }.get(report.author_kind, report.author_name)
    sent_by = f"；{report.source.organisation.short_name}报送" if report.depth else ""
    return f"（{who} 反映{sent_by}）"


def _issue_lines(bulletin, template) -> tuple[str, str, str]:
    number = issue_number(template, bulletin)
    if bulletin.status in (BulletinStatus.DRAFT, BulletinStatus.PENDING):
        number += "　送审稿"
    day = timezone.localtime(bulletin.signed_off_at).date() if bulletin.signed_off_at else timezone.localdate()
    issuer = template.issuer or compiler_of(bulletin.organisation)
    return number, f"{issuer}　编", f"{day.year}年{day.month}月{day.day}日"


def _closing(bulletin) -> list[str]:
    lines = [f"报：{'、'.join(bulletin.recipients or default_recipients(bulletin.organisation))}"]
    reviewers = [f"{row.data.get('step', '审核')}：{row.actor.label}" for row in
                 bulletin.transitions.filter(action="review").select_related("actor", "actor__person")
                 .order_by("-created_at", "-pk")[:len(bulletin.review_steps or [])] if row.actor_id][::-1]
    if bulletin.signed_off_by_id:
        lines.append("　".join([*reviewers, f"签发：{bulletin.signed_off_by.label}"]))
    elif reviewers:
        lines.append("　".join(reviewers))
    return lines


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- Word ----------------------------------------------------------------------------------------------------------


def _rule(paragraph, *, side: str = "bottom", size: int = 18, colour: str = RED):
    """A red rule under (or over) a paragraph, as in the masthead of official papers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "4"), ("w:color", colour)):
        line.set(qn(key), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def bulletin_docx(bulletin, reports) -> bytes:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    template = template_of(bulletin.organisation)
    doc = documents.new_docx()
    if template.secrecy_mark:
        documents.add_paragraph(doc, template.secrecy_mark, indent=False)
    masthead = documents.add_title(doc, template.masthead, size=42)
    for run in masthead.runs:
        run.font.color.rgb = RGBColor.from_string(_hex(template.masthead_colour))
        run.font.bold = True
    number, compiler, day = _issue_lines(bulletin, template)
    documents.add_paragraph(doc, number, indent=False, align="center")
    header = documents.add_paragraph(doc, f"{compiler}\t{day}", indent=False)
    header.paragraph_format.tab_stops.add_tab_stop(Cm(15.6), WD_TAB_ALIGNMENT.RIGHT)
    _rule(header, colour=_hex(template.rule_colour))
    if len(reports) > 1:
        documents.add_paragraph(doc, "本期要目", indent=False, bold=True)
        for index, report in enumerate(reports, start=1):
            documents.add_paragraph(doc, f"{index}. {report.title}", indent=False)
    for report in reports:
        title = documents.add_title(doc, report.title, size=18)
        title.paragraph_format.space_before = Pt(18)
        for text in _paragraphs(report.text):
            documents.add_paragraph(doc, text)
        documents.add_paragraph(doc, attribution(report), indent=False, align="right")
    closing = None
    for index, line in enumerate(_closing(bulletin)):
        closing = documents.add_paragraph(doc, line, indent=False)
        if index == 0:
            closing.paragraph_format.space_before = Pt(24)
            _rule(closing, side="top", size=8)
    return documents.docx_bytes(doc)


# --- PDF -----------------------------------------------------------------------------------------------------------


def bulletin_pdf(bulletin, reports) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import HRFlowable, Paragraph, Spacer, Table, TableStyle

    template = template_of(bulletin.organisation)
    styles = documents.pdf_styles()
    text = documents.pdf_text
    red = colors.HexColor(f"#{_hex(template.rule_colour)}")
    masthead = ParagraphStyle("masthead", parent=styles["title"], fontSize=40, leading=52,
                              textColor=colors.HexColor(f"#{_hex(template.masthead_colour)}"), alignment=TA_CENTER,
                              spaceAfter=6)
    report_title = ParagraphStyle("report_title", parent=styles["title"], fontSize=16, leading=26, spaceBefore=14)
    number, compiler, day = _issue_lines(bulletin, template)
    header = Table([[Paragraph(text(compiler), styles["plain"]), Paragraph(text(day), styles["right"])]],
                   colWidths=["60%", "40%"])
    header.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    flow = [Paragraph(text(template.secrecy_mark), styles["plain"])] if template.secrecy_mark else []
    flow += [Paragraph(text(template.masthead), masthead), Paragraph(text(number), styles["subtitle"]), Spacer(1, 8), header,
            HRFlowable(width="100%", thickness=2, color=red, spaceBefore=2, spaceAfter=10)]
    if len(reports) > 1:
        flow.append(Paragraph("本期要目", styles["heading"]))
        flow += [Paragraph(text(f"{i}. {r.title}"), styles["plain"]) for i, r in enumerate(reports, start=1)]
    for report in reports:
        flow.append(Paragraph(text(report.title), report_title))
        flow += [Paragraph(text(p), styles["body"]) for p in _paragraphs(report.text)]
        flow.append(Paragraph(text(attribution(report)), styles["right"]))
    flow.append(HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=18, spaceAfter=6))
    flow += [Paragraph(text(line), styles["plain"]) for line in _closing(bulletin)]
    return documents.pdf_bytes(flow, title=f"{template.masthead} {bulletin.label}")


def filename(bulletin, extension: str) -> str:
    return f"{bulletin.organisation.short_name}《{template_of(bulletin.organisation).masthead}》{bulletin.label}.{extension}"
