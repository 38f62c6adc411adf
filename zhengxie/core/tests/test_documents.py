import io
import shutil
import subprocess

import pytest
from docx import Document
from reportlab.platypus import Paragraph

from zhengxie.core import documents


def test_pdf_embeds_the_chinese_font():
    styles = documents.pdf_styles()
    data = documents.pdf_bytes([Paragraph("关于加快河西走廊公路大通道建设的提案", styles["title"])], title="测试")
    assert data.startswith(b"%PDF")
    assert b"ZXSans" in data or b"WenQuanYi" in data


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_is_real_chinese(tmp_path):
    styles = documents.pdf_styles()
    path = tmp_path / "t.pdf"
    path.write_bytes(documents.pdf_bytes([Paragraph("乡村振兴", styles["body"])]))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "乡村振兴" in text


def test_docx_sets_east_asian_fonts():
    doc = documents.new_docx()
    documents.add_title(doc, "提案")
    documents.add_paragraph(doc, "案由")
    reread = Document(io.BytesIO(documents.docx_bytes(doc)))
    assert [p.text for p in reread.paragraphs] == ["提案", "案由"]
    assert 'w:eastAsia="方正小标宋简体"' in reread.paragraphs[0].runs[0]._element.xml


def test_excel_roundtrip_with_read_excel():
    data = documents.excel_bytes([("姓名", 10), ("年龄", 5)], [["张三", 40], ["", None], ["李四", 50]])
    upload = io.BytesIO(data)
    upload.name = "x.xlsx"
    upload.size = len(data)
    rows = documents.read_excel(upload, ["姓名", "年龄"], required={"姓名"})
    assert [(r.number, r.values["姓名"]) for r in rows] == [(2, "张三"), (4, "李四")]


@pytest.mark.parametrize("text", ['=0&HYPERLINK("http://x","点此")', "=1+1", "+1+cmd|' /C calc'!A0", "-2+3",
                                  "@SUM(A1)", "\t=1", "\r=1"])
def test_excel_never_writes_a_formula(text):
    """Every cell starting with = + - @ (or a tab or CR) stays text, whatever its second character."""
    from openpyxl import load_workbook

    data = documents.excel_bytes([("名称", 30)], [[text]])
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + text
    assert b"<f>" not in _sheet_xml(data)


def test_escaped_cells_read_back_as_typed():
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = documents.excel_bytes([("名称", 30)], [['=0&HYPERLINK("http://x","点此")'], ["'普通"], ["-"]])
    upload = SimpleUploadedFile("x.xlsx", data)
    rows = documents.read_excel(upload, ["名称"])
    assert [r.values["名称"] for r in rows] == ['=0&HYPERLINK("http://x","点此")', "'普通", "-"]


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")
