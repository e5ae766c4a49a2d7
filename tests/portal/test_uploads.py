"""Attachment checks: type by extension AND content, size, names with a path or two
extensions; how the route reads an upload against its slot's limit."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import cast

import pytest
from starlette.datastructures import FormData, UploadFile

from portal.procedures import Attachment, Procedure
from portal.routes.uploading import read_uploads
from portal.services.uploads import CheckedFile, UploadRefused, check_upload

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


# The route reads at most ``max_bytes + 1`` bytes of an upload (routes/uploading.py): the one
# byte more is what tells "too big". A limit in MB that is not a whole number of bytes pairs
# (0.1 MB = 104 857 bytes: odd) must refuse the file one byte over it, not cut it to the limit.
ODD_LIMIT = Attachment(code="GCS", name="Giấy chứng sinh", types=["pdf"], max_mb=0.1)


async def _read(
    attachment: Attachment, data: bytes
) -> tuple[dict[str, CheckedFile], dict[str, str]]:
    procedure = cast(Procedure, SimpleNamespace(attachments=[attachment]))
    upload = UploadFile(io.BytesIO(data), filename="giay-chung-sinh.pdf")
    return await read_uploads(procedure, FormData([(f"tep_{attachment.code}", upload)]))


@pytest.mark.anyio
async def test_a_file_one_byte_over_an_odd_limit_is_refused_not_cut_to_the_limit() -> None:
    assert ODD_LIMIT.max_bytes % 2 == 1
    over = PDF + b"\0" * (ODD_LIMIT.max_bytes + 1 - len(PDF))
    checked, errors = await _read(ODD_LIMIT, over)
    assert checked == {}
    assert "dung lượng cho phép (0,1 MB)" in errors["tep_GCS"]


@pytest.mark.anyio
async def test_a_file_exactly_at_an_odd_limit_is_kept_whole() -> None:
    exact = PDF + b"\0" * (ODD_LIMIT.max_bytes - len(PDF))
    checked, errors = await _read(ODD_LIMIT, exact)
    assert errors == {}
    assert checked["GCS"].data == exact
