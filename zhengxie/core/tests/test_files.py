import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from zhengxie.core import files
from zhengxie.core.exceptions import DomainError


def _docx():
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n...", files.PDF), (PNG, files.PNG), (b"\xff\xd8\xff\xe0" + b"\x00" * 60, files.JPEG),
])
def test_sniff_by_content(data, kind):
    assert files.sniff(data[:64], io.BytesIO(data)) == kind


def test_office_files_are_told_apart():
    assert files.sniff(_docx()[:64], io.BytesIO(_docx())) == files.DOCX
    assert files.sniff(_xlsx()[:64], io.BytesIO(_xlsx())) == files.XLSX


def test_a_zip_that_is_not_office_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")
    with pytest.raises(DomainError):
        files.check_upload(files.bytes_upload(buffer.getvalue(), "report.docx"))


def test_a_script_named_pdf_is_refused():
    with pytest.raises(DomainError) as excinfo:
        files.check_upload(files.bytes_upload(b"<script>alert(1)</script>", "report.pdf"))
    assert excinfo.value.code == "file_type"


def test_size_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(DomainError) as excinfo:
        files.check_upload(files.bytes_upload(b"%PDF-" + b"0" * 200, "big.pdf"))
    assert excinfo.value.code == "file_too_large"


@pytest.mark.django_db
def test_attachment_gets_the_real_extension(world):
    attachment = files.attachment_add(actor=world.city_member, organisation=world.city, owner=world.city,
                                      upload=files.bytes_upload(PNG, "photo.pdf"), allowed=files.IMAGE_KINDS)
    assert attachment.original_name == "photo.png"
    assert attachment.media_type == "image/png"
    assert list(files.attachments_of(world.city)) == [attachment]


def test_the_size_message_shows_a_size_above_the_limit():
    import re

    from django.utils import translation

    upload = files.bytes_upload(b"%PDF-1.4 " + b"x" * (20 * 1048576), "big.pdf")  # a few bytes over 20 MB
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        files.check_upload(upload, max_bytes=20 * 1048576)
    size, limit = (float(n) for n in re.findall(r"([\d.]+) MB", str(refused.value)))
    assert size > limit, str(refused.value)
