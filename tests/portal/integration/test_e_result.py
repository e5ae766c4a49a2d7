"""The electronic result's PDF: Vietnamese text in an embedded font, and a readable QR."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from portal.integration.e_result import (
    FontMissing,
    ResultContent,
    new_verification_code,
    render_result_pdf,
    sha256_hex,
    verification_url,
    vietnamese_date,
)
from portal.integration.timefmt import VN_TZ

CODE = "K7Q2-M9XD-4TRB-ZP3A"
CONTENT = ResultContent(
    agency="Ủy ban nhân dân xã Mẫu",
    parent_agency="Ủy ban nhân dân tỉnh Mẫu",
    title="Giấy khai sinh",
    document_number="Số: 12/2025/GKS",
    dossier_code="H99.01-250902-0001",
    citizen_name="Nguyễn Thị Ánh Tuyết",
    citizen_id="001303004567",
    issued_at=datetime(2025, 9, 2, 10, 0, tzinfo=VN_TZ),
    place="Mẫu",
    signer_title="Chủ tịch",
    signer_name="Lê Văn Hùng",
    verification_url=verification_url("http://127.0.0.1:8000", CODE),
    verification_code=CODE,
    lines=[("Nơi sinh", "Trạm y tế xã Mẫu, tỉnh Mẫu"), "Cấp theo hồ sơ nộp trực tuyến."],
)


def page_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
        return text
    finally:
        document.close()


def read_qr_codes(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=3)
        image = bitmap.to_pil()
        bitmap.close()
        page.close()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_result_pdf(CONTENT)


def test_the_pdf_reads_as_a_vietnamese_administrative_document(pdf: bytes) -> None:
    text = page_text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN TỈNH MẪU",
        "ỦY BAN NHÂN DÂN XÃ MẪU",
        "Số: 12/2025/GKS",
        "GIẤY KHAI SINH",
        "Mã hồ sơ: H99.01-250902-0001",
        "Họ và tên: Nguyễn Thị Ánh Tuyết",
        "Số định danh cá nhân: 001303004567",
        "Nơi sinh: Trạm y tế xã Mẫu, tỉnh Mẫu",
        "Cấp theo hồ sơ nộp trực tuyến.",
        "Mẫu, ngày 02 tháng 9 năm 2025",
        "CHỦ TỊCH",
        "Lê Văn Hùng",
        f"Mã kiểm tra: {CODE}",
    ):
        assert expected in text, f"{expected!r} missing from the PDF text"


def test_the_font_is_embedded_dejavu_sans(pdf: bytes) -> None:
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf))
    assert fonts, "no font declared"
    assert all(name.split(b"+")[-1].startswith(b"DejaVuSans") for name in fonts), fonts
    assert b"/FontFile2" in pdf, "the TrueType font is not embedded"


def test_the_qr_code_reads_back_as_the_verification_url(pdf: bytes) -> None:
    assert read_qr_codes(pdf) == ["http://127.0.0.1:8000/kiem-tra-ket-qua/K7Q2-M9XD-4TRB-ZP3A"]


def test_each_document_gets_its_own_qr() -> None:
    other = replace(CONTENT, verification_url="http://127.0.0.1:8000/kiem-tra-ket-qua/OTHER")
    assert read_qr_codes(render_result_pdf(other)) == [other.verification_url]


def test_a_missing_font_fails_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(FontMissing, match="fonts-dejavu-core"):
        render_result_pdf(CONTENT, font_dir=tmp_path)


def test_a_naive_issue_date_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        render_result_pdf(replace(CONTENT, issued_at=datetime(2025, 9, 2, 10, 0)))


def test_the_date_line_is_in_vietnam_time() -> None:
    assert vietnamese_date("Hà Nội", datetime(2025, 9, 1, 20, 0, tzinfo=UTC)) == (
        "Hà Nội, ngày 02 tháng 9 năm 2025"
    )


def test_verification_codes_are_opaque_and_unique() -> None:
    codes = {new_verification_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code) for code in codes)


def test_sha256_hex() -> None:
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
