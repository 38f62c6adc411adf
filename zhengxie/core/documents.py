"""Office files every app exchanges: Excel in and out, Word documents and PDFs that render Chinese.

Excel:  excel_response(filename, [(header, width), ...], rows)   read_excel(upload, columns) -> rows
Word:   doc = new_docx(); add_title(doc, "…"); add_paragraph(doc, "…"); docx_response(doc, "提案.docx")
PDF:    pdf_document(buffer) with pdf_styles() (the vendored WenQuanYi font, registered once)
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .exceptions import DomainError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Excel -------------------------------------------------------------------------------------------------


def excel_bytes(columns, rows, *, title: str = "Sheet1") -> bytes:
    """``columns``: [(header, width)]; ``rows``: iterables of cell values (str, numbers, dates)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(header) for header, _width in columns])
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        sheet.append([_excel_value(v) for v in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


#: What a spreadsheet reads as the start of a formula (or of a DDE call) when a cell begins with it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Formula injection (CSV/Excel injection): a text beginning with a trigger is kept as text, whatever follows,
    by the apostrophe Excel itself uses for "this is text". ``read_excel`` takes the apostrophe off again."""
    return "'" + text if text[:1] in FORMULA_TRIGGERS else text


def _unescape_formula(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_TRIGGERS else text


def _excel_value(value):
    """The one place every exported cell passes through."""
    if isinstance(value, str):
        return escape_formula(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    if value is None:
        return ""
    if isinstance(value, (int, float, dt.date, dt.datetime, bool)):
        return value
    return escape_formula(str(value))


def excel_response(filename: str, columns, rows, *, title: str = "Sheet1") -> HttpResponse:
    return file_response(excel_bytes(columns, rows, title=title), filename, XLSX_TYPE)


@dataclass
class ExcelRow:
    number: int  # the row number as the user sees it in Excel
    values: dict
    errors: list = field(default_factory=list)


def read_excel(upload, headers: list[str], *, required: set[str] = frozenset(), max_rows: int = 20000) -> list[ExcelRow]:
    """Read the first sheet of an .xlsx whose first row holds ``headers`` (in any order; extra columns are
    ignored). Raises DomainError when the file is unreadable or a header is missing."""
    from openpyxl import load_workbook

    from .files import SPREADSHEET_KINDS, check_upload

    check_upload(upload, allowed=SPREADSHEET_KINDS)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DomainError(_("The Excel file could not be read: %(error)s") % {"error": exc}, code="excel") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header_row = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        raise DomainError(_("The Excel file is empty."), code="excel") from None
    missing = [h for h in headers if h not in header_row and h in required]
    if missing:
        raise DomainError(
            _("The first row must hold the column names; missing: %(columns)s. Download the template and use it.")
            % {"columns": "、".join(missing)},
            code="excel_headers",
        )
    index = {h: header_row.index(h) for h in headers if h in header_row}
    result = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        if len(result) >= max_rows:
            raise DomainError(_("The file has more than %(n)d rows; split it.") % {"n": max_rows}, code="excel_rows")
        values = {}
        for header, col in index.items():
            value = row[col] if col < len(row) else None
            values[header] = _unescape_formula(value.strip()) if isinstance(value, str) else value
        result.append(ExcelRow(number=number, values=values))
    workbook.close()
    return result


# --- Word ---------------------------------------------------------------------------------------------------

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def _east_asian(run, font_name: str):
    from docx.oxml.ns import qn

    run.font.name = font_name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), font_name)


def new_docx():
    """A document in the layout of official papers (公文): A4, 仿宋 16 pt body, 28 pt line spacing."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = BODY_FONT
    style.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", BODY_FONT)
    style.paragraph_format.line_spacing = Pt(28)
    return document


def add_title(document, text: str, *, size: int = 22):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _east_asian(run, TITLE_FONT)
    return paragraph


def add_heading(document, text: str):
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(16)
    _east_asian(run, HEADING_FONT)
    return paragraph


def add_paragraph(document, text: str, *, indent: bool = True, align: str | None = None, bold: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    _east_asian(run, BODY_FONT)
    return paragraph


def add_field_table(document, rows: list[tuple[str, str]]):
    """A two-column table of labels and values (the header block of a proposal or a report)."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        for cell, text, bold in ((cells[0], label, True), (cells[1], value, False)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(text))
            run.bold = bold
            _east_asian(run, BODY_FONT)
    return table


def add_outline_heading(document, text: str, level: int = 1):
    """A heading in Word's own "Heading 1/2/3" style (the navigation pane and the table of contents find it), in
    the official fonts: 黑体 for level 1, 楷体 for level 2, bold 仿宋 below."""
    from docx.shared import Pt, RGBColor

    paragraph = document.add_heading(level=level)
    run = paragraph.add_run(text)
    run.font.size = Pt({1: 18, 2: 16}.get(level, 16))
    run.font.color.rgb = RGBColor(0, 0, 0)
    run.bold = level > 2
    _east_asian(run, {1: HEADING_FONT, 2: "楷体_GB2312"}.get(level, BODY_FONT))
    return paragraph


def _field(paragraph, instruction: str, placeholder: str = ""):
    """A Word field (TOC, PAGE…) in ``paragraph``: Word fills it in when the document's fields are updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    run._r.append(char("separate"))
    shown = paragraph.add_run(placeholder)
    _east_asian(shown, BODY_FONT)
    paragraph.add_run()._r.append(char("end"))
    return paragraph


def add_table_of_contents(document, *, levels: int = 2, placeholder: str = ""):
    """An automatic table of contents (a TOC field over the heading styles, with page numbers and links); Word
    asks to update the fields when the file opens, so the page numbers are right from the first look."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _field(document.add_paragraph(), f'TOC \\o "1-{levels}" \\h \\z \\u', placeholder)
    settings_element = document.settings.element
    if settings_element.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings_element.append(update)


def add_page_numbers(document, *, template: str = "— {page} —"):
    """The page number centred in every footer ("— 3 —", as offices print)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _sep, after = template.partition("{page}")
        paragraph.add_run(before)
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(after)


def add_page_break(document):
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(document, filename: str) -> HttpResponse:
    return file_response(docx_bytes(document), filename, DOCX_TYPE)


# --- PDF ----------------------------------------------------------------------------------------------------

PDF_FONT = "ZXSans"
_pdf_font_registered = False


def register_pdf_font() -> str:
    """Register the vendored Chinese font with ReportLab (once per process) and return its name."""
    global _pdf_font_registered
    if not _pdf_font_registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from .cjk_wrap import install

        pdfmetrics.registerFont(TTFont(PDF_FONT, str(settings.PDF_FONT_PATH), subfontIndex=0))
        install()  # Chinese line-breaking rules for every paragraph
        _pdf_font_registered = True
    return PDF_FONT


def pdf_styles() -> dict:
    """Paragraph styles for ReportLab's platypus, in the vendored Chinese font, with CJK line breaking."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    font = register_pdf_font()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=21, firstLineIndent=24, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=30, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=20, alignment=TA_CENTER, firstLineIndent=0),
        "heading": ParagraphStyle("heading", parent=body, fontSize=14, leading=24, firstLineIndent=0, spaceBefore=8),
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=15, firstLineIndent=0),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0),
    }


def pdf_text(text: str) -> str:
    """Escape text for a ReportLab Paragraph (which reads a small markup) and keep line breaks."""
    from xml.sax.saxutils import escape

    return escape(text or "").replace("\n", "<br/>")


def pdf_bytes(flowables, *, title: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    register_pdf_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=2.8 * cm, rightMargin=2.6 * cm, topMargin=3 * cm, bottomMargin=2.5 * cm,
        title=title, author="Zhengxie",
    )

    def page_number(canvas, document):
        canvas.saveState()
        canvas.setFont(PDF_FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 1.5 * cm, f"— {document.page} —")
        canvas.restoreState()

    doc.build(list(flowables), onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def pdf_response(flowables, filename: str, *, title: str = "", inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf_bytes(flowables, title=title), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response
