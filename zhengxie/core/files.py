"""Uploaded files: the type is decided by the content, never by the name, and the size is capped.

    attachment_add(actor=user, owner=proposal, organisation=org, upload=request.FILES["file"])
    return attachment_response(attachment)  # after the caller checked the user may see the owner
"""

import math
import mimetypes
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from .context import actor_or_none
from .exceptions import DomainError, NotFound
from .models import Attachment


@dataclass(frozen=True)
class FileKind:
    key: str
    media_type: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", "application/pdf", (".pdf",))
PNG = FileKind("png", "image/png", (".png",))
JPEG = FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg"))
GIF = FileKind("gif", "image/gif", (".gif",))
WEBP = FileKind("webp", "image/webp", (".webp",))
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
DOC = FileKind("doc", "application/msword", (".doc",))
XLS = FileKind("xls", "application/vnd.ms-excel", (".xls",))

DOCUMENT_KINDS = (PDF, DOC, DOCX, XLS, XLSX, JPEG, PNG)
IMAGE_KINDS = (JPEG, PNG, GIF, WEBP)
SPREADSHEET_KINDS = (XLSX,)


def sniff(head: bytes, fileobj=None) -> FileKind | None:  # noqa: C901 (one branch per file signature)
    """Recognise a file by its first bytes (and, for Office Open XML, its zip directory)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE2 compound file: Word 97-2003 or Excel 97-2003. Their streams are named in UTF-16.
        data = head
        if fileobj is not None:
            fileobj.seek(0)
            data = fileobj.read(1024 * 1024)
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return XLS
        if "WordDocument".encode("utf-16-le") in data:
            return DOC
        return None
    if head.startswith(b"PK\x03\x04") and fileobj is not None:
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return DOCX
            if any(n.startswith("xl/") for n in names):
                return XLSX
    return None


def check_upload(upload, *, allowed=DOCUMENT_KINDS, max_bytes: int | None = None) -> FileKind:
    """Validate an uploaded file; raise DomainError with a translated message when it is refused."""
    max_bytes = max_bytes or settings.ATTACHMENT_MAX_BYTES
    name = getattr(upload, "name", "") or ""
    if upload.size > max_bytes:
        raise DomainError(
            _("“%(name)s” is too large: %(size).1f MB, the limit is %(limit).0f MB.")
            # the size rounded up, so a file just over the limit never reads "20.0 MB, the limit is 20 MB"
            % {"name": name, "size": math.ceil(upload.size / 1048576 * 10) / 10, "limit": max_bytes / 1048576},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(64)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind is None or kind not in allowed:
        accepted = ", ".join(ext for k in allowed for ext in k.extensions[:1])
        raise DomainError(
            _("“%(name)s” is not an accepted file. Accepted types: %(types)s.") % {"name": name, "types": accepted},
            code="file_type",
        )
    return kind


def attachment_add(*, actor, organisation, owner, upload, role: str = "", allowed=DOCUMENT_KINDS) -> Attachment:
    """Store an uploaded file against ``owner``; the name's extension is made to match the real type."""
    from .services import audit_log

    kind = check_upload(upload, allowed=allowed)
    original = (getattr(upload, "name", "") or "file")[-200:]
    stem = original.rsplit(".", 1)[0] if "." in original else original
    if not original.lower().endswith(kind.extensions):
        original = f"{stem}{kind.extensions[0]}"
    upload.name = original
    with transaction.atomic():
        attachment = Attachment.objects.create(
            organisation=organisation,
            content_type=ContentType.objects.get_for_model(owner),
            object_id=str(owner.pk),
            role=role,
            file=upload,
            original_name=original,
            media_type=kind.media_type,
            size=upload.size,
            uploaded_by=actor_or_none(actor),
        )
        audit_log(actor=actor, organisation=organisation, action="core.attachment.added", obj=owner,
                  changes={"file": original, "size": upload.size, "role": role})
    return attachment


def attachments_of(owner, role: str | None = None):
    qs = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(owner), object_id=str(owner.pk))
    return qs.filter(role=role) if role is not None else qs


def owned_attachment_response(owner, attachment_id, *, role: str | None = None) -> FileResponse:
    """Serve one file of ``owner``, which the caller fetched through its visibility rule (``<entity>_get_for_user``);
    a file of anything else is not found (``NotFound``: 404 on a page and in the API)."""
    attachment = attachments_of(owner, role).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound()
    return attachment_response(attachment)


def attachment_response(attachment: Attachment, *, inline: bool | None = None) -> FileResponse:
    """Serve an attachment. The caller has already checked that the user may see its owner."""
    inline = attachment.is_image or attachment.media_type == "application/pdf" if inline is None else inline
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def bytes_upload(data: bytes, name: str):
    """An in-memory upload, for services called from tasks, the demo generator and tests."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=guess_type(name))


__all__ = [
    "DOCUMENT_KINDS",
    "IMAGE_KINDS",
    "SPREADSHEET_KINDS",
    "attachment_add",
    "attachment_response",
    "attachments_of",
    "bytes_upload",
    "check_upload",
    "sniff",
]
