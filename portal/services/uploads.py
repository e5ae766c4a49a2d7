"""Checks on an uploaded attachment: name, type (extension AND content), size.

Refused: a name with a path (``/``, ``\\``) or more than one extension
(``giay-to.pdf.exe``), an extension the dossier component does not allow, content whose
magic bytes are not those of the extension's type (PDF, PNG, JPEG), an empty file or
one over the component's size limit.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from portal import defects
from portal.procedures import Attachment

MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
CONTENT_TYPES["jpeg"] = CONTENT_TYPES["jpg"]
TYPE_NAMES = {"pdf": "PDF", "png": "PNG", "jpg": "JPG", "jpeg": "JPEG"}


class UploadRefused(ValueError):
    """``str(exc)`` is the message the citizen reads."""


@dataclass(frozen=True)
class CheckedFile:
    file_name: str
    content_type: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def allowed_label(attachment: Attachment) -> str:
    names: list[str] = []
    for kind in attachment.types:
        name = TYPE_NAMES[kind]
        if name not in names and not (kind == "jpeg" and "JPG" in names):
            names.append(name)
    return ", ".join(names)


def check_name(file_name: str) -> tuple[str, str]:
    """Return the NFC name and its lower-case extension, or raise UploadRefused."""
    name = unicodedata.normalize("NFC", file_name or "").strip()
    if not name:
        raise UploadRefused("Tệp không có tên.")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise UploadRefused("Tên tệp không được chứa đường dẫn (ký tự / hoặc \\).")
    if any(ord(ch) < 32 for ch in name) or len(name) > 200:
        raise UploadRefused("Tên tệp chứa ký tự không hợp lệ hoặc dài quá 200 ký tự.")
    if name.startswith(".") or "." not in name:
        raise UploadRefused("Tên tệp phải có phần mở rộng (ví dụ giay-chung-sinh.pdf).")
    if name.count(".") > 1:
        raise UploadRefused(
            "Tên tệp có nhiều phần mở rộng (ví dụ tep.pdf.exe): hãy đổi tên tệp "
            "để chỉ còn một phần mở rộng."
        )
    return name, name.rsplit(".", 1)[1].lower()


def check_upload(*, attachment: Attachment, file_name: str, data: bytes) -> CheckedFile:
    name, extension = check_name(file_name)
    if extension not in attachment.types:
        raise UploadRefused(
            f"Loại tệp .{extension} không được chấp nhận: chỉ nhận tệp {allowed_label(attachment)}."
        )
    if not data:
        raise UploadRefused("Tệp rỗng (0 byte).")
    if len(data) > attachment.max_bytes and not defects.active("upload_size_unchecked"):
        raise UploadRefused(f"Tệp lớn hơn dung lượng cho phép ({attachment.max_mb_text} MB).")
    if not data.startswith(MAGIC[extension]) and not defects.active("upload_content_unchecked"):
        raise UploadRefused(
            f"Nội dung tệp không phải là tệp {TYPE_NAMES[extension]} như phần mở rộng cho biết."
        )
    return CheckedFile(
        file_name=name,
        content_type=CONTENT_TYPES[extension],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
