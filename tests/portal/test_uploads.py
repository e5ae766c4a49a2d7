"""Attachment checks: type by extension AND content, size, names with a path or two
extensions."""

from __future__ import annotations

import pytest

from portal.procedures import Attachment
from portal.services.uploads import UploadRefused, check_upload

PDF = b"%PDF-1.4\n%test\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
ANY = Attachment(code="GCS", name="Giấy chứng sinh", types=["pdf", "jpg", "jpeg", "png"], max_mb=1)
PDF_ONLY = Attachment(code="UQ", name="Văn bản ủy quyền", types=["pdf"], max_mb=1)


@pytest.mark.parametrize(
    ("name", "data"),
    [("giay-chung-sinh.pdf", PDF), ("anh.PNG", PNG), ("anh chụp.jpg", JPEG), ("x.jpeg", JPEG)],
)
def test_good_files_are_accepted_with_their_hash(name: str, data: bytes) -> None:
    checked = check_upload(attachment=ANY, file_name=name, data=data)
    assert checked.size == len(data) and len(checked.sha256) == 64
    assert checked.content_type in ("application/pdf", "image/png", "image/jpeg")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("giay.pdf", PNG, "không phải là tệp PDF"),
        ("anh.png", PDF, "không phải là tệp PNG"),
        ("anh.jpg", b"GIF89a" + b"\0" * 10, "không phải là tệp JPG"),
        ("giay.exe", b"MZ", "không được chấp nhận"),
        ("giay.pdf.exe", PDF, "nhiều phần mở rộng"),
        ("giay.exe.pdf", PDF, "nhiều phần mở rộng"),
        ("../../etc/giay.pdf", PDF, "đường dẫn"),
        ("C:\\Users\\an\\giay.pdf", PDF, "đường dẫn"),
        ("giay", PDF, "phần mở rộng"),
        (".pdf", PDF, "phần mở rộng"),
        ("giay.pdf", b"", "rỗng"),
        ("giay.pdf", PDF + b"\0" * (1024 * 1024), r"dung lượng cho phép \(1 MB\)"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name: str, data: bytes, message: str) -> None:
    with pytest.raises(UploadRefused, match=message):
        check_upload(attachment=ANY, file_name=name, data=data)


def test_a_type_the_component_does_not_take_is_refused_even_if_genuine() -> None:
    with pytest.raises(UploadRefused, match="chỉ nhận tệp PDF"):
        check_upload(attachment=PDF_ONLY, file_name="anh.png", data=PNG)


def test_a_file_exactly_at_the_limit_is_accepted() -> None:
    data = PDF + b"\0" * (1024 * 1024 - len(PDF))
    assert check_upload(attachment=ANY, file_name="a.pdf", data=data).size == 1024 * 1024
