"""Attachments previewed in the browser, on a phone too: an image or a PDF is shown as it is (the browser draws
it); a Word document as its paragraphs and tables, a spreadsheet as its first sheet, drawn as HTML by the server
(phones cannot open Office files). Nothing of the file is executed; text is escaped by the template."""

import logging
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

MAX_ROWS, MAX_COLUMNS, MAX_PARAGRAPHS = 200, 20, 2000


@dataclass
class Preview:
    kind: str  # "image", "pdf", "text", "sheet", "none"
    paragraphs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    truncated: bool = False


def _docx(attachment) -> Preview:
    import docx

    with attachment.file.open("rb") as handle:
        document = docx.Document(handle)
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    tables = [[[cell.text for cell in row.cells][:MAX_COLUMNS] for row in table.rows][:MAX_ROWS]
              for table in document.tables[:10]]
    return Preview("text", paragraphs=paragraphs[:MAX_PARAGRAPHS], tables=tables,
                   truncated=len(paragraphs) > MAX_PARAGRAPHS)


def _xlsx(attachment) -> Preview:
    from openpyxl import load_workbook

    with attachment.file.open("rb") as handle:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows, truncated = [], False
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index >= MAX_ROWS:
                truncated = True
                break
            rows.append(["" if v is None else str(v) for v in row[:MAX_COLUMNS]])
        book.close()
    return Preview("sheet", tables=[rows], truncated=truncated)


def preview_of(attachment) -> Preview:
    if attachment.is_image:
        return Preview("image")
    if attachment.media_type == "application/pdf":
        return Preview("pdf")
    drawers = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx}
    drawer = drawers.get(attachment.media_type)
    if drawer is None:
        return Preview("none")
    try:
        return drawer(attachment)
    except Exception:  # a damaged file: offered for download instead
        logger.warning("preview failed for attachment %s", attachment.pk, exc_info=True)
        return Preview("none")
