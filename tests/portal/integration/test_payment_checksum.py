"""MaXacThuc vectors, computed independently with `openssl dgst -sha256 -hmac`."""

from __future__ import annotations

import pytest

from portal.integration.payment_checksum import (
    CREATE_FIELDS,
    QUERY_ANSWER_FIELDS,
    REFUND_FIELDS,
    RESULT_FIELDS,
    checksum,
    checksum_matches,
    checksum_of,
    sign,
)

SECRET = "payment-secret"
CREATE: dict[str, str | int | None] = {
    "MaDoiTac": "DVC-TINH-MAU",
    "MaThamChieu": "TT0001",
    "SoTien": 150000,
    "MaHoSo": "H99.01-250902-0001",
    "MaTTHC": "1.001234",
    "ThongTinGiaoDich": "Lệ phí đăng ký khai sinh",
    "ThoiGianGD": "20250902100000",
    "UrlTraVe": "http://127.0.0.1:8000/thanh-toan/ket-qua",
    "UrlThongBao": "http://127.0.0.1:8000/api/thanh-toan/thong-bao",
}
RESULT: dict[str, str | int | None] = {
    "MaDoiTac": "DVC-TINH-MAU",
    "MaThamChieu": "TT0001",
    "MaGiaoDich": "GD123",
    "SoTien": "150000",
    "MaLoi": "00",
    "ThoiGianGD": "20250902100500",
}


def test_create_vector_with_vietnamese_text_and_an_integer() -> None:
    assert (
        checksum_of(SECRET, CREATE, CREATE_FIELDS)
        == "8940982e3b04629937d0e30d6fdbcba7281085e8f9b64436ac8a87f6d8704436"
    )


def test_result_vector() -> None:
    assert (
        checksum_of(SECRET, RESULT, RESULT_FIELDS)
        == "d15a6b3b669f3c13c92c0a41c7a28fb353c5d5cc86018dbb82eabe57fe5e51ae"
    )


def test_none_is_an_empty_string_and_the_key_is_utf8() -> None:
    assert checksum("khóa", ["a", None, 3]) == (
        "c99875bb23ead8d2ef760a72f26c963439bbb500e98ef7a29ee7f576ea26ff0d"
    )
    assert (
        checksum(SECRET, []) == "8ce5a8036cc468efa101edd92582e23472d16d26a62603d72afd1808a9c517bb"
    )


def test_field_orders_follow_the_contract() -> None:
    assert tuple(CREATE) == CREATE_FIELDS
    assert tuple(RESULT) == RESULT_FIELDS
    assert (*RESULT_FIELDS, "TrangThai") == QUERY_ANSWER_FIELDS
    assert REFUND_FIELDS == ("MaDoiTac", "MaGiaoDich", "SoTien", "LyDo")


def test_integer_and_decimal_string_sign_alike() -> None:
    assert checksum(SECRET, ["x", 150000]) == checksum(SECRET, ["x", "150000"])


@pytest.mark.parametrize("bad", [True, 1.5, b"x"])
def test_other_types_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        checksum(SECRET, ["x", bad])  # type: ignore[list-item]


def test_sign_then_match_and_any_change_breaks_it() -> None:
    signed = sign(SECRET, RESULT, RESULT_FIELDS)
    assert checksum_matches(SECRET, signed, RESULT_FIELDS)
    assert checksum_matches(
        SECRET, {**signed, "MaXacThuc": str(signed["MaXacThuc"]).upper()}, RESULT_FIELDS
    )
    assert not checksum_matches(SECRET, {**signed, "SoTien": "150001"}, RESULT_FIELDS)
    assert not checksum_matches("other-secret", signed, RESULT_FIELDS)
    assert not checksum_matches(SECRET, {**signed, "MaXacThuc": ""}, RESULT_FIELDS)
    assert not checksum_matches(SECRET, RESULT, RESULT_FIELDS)
