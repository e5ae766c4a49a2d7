"""The e-form: prefill from the identity (read-only where authoritative) and validation
with a Vietnamese message per field."""

from __future__ import annotations

from datetime import date

import pytest

from portal.procedures import load_procedures
from portal.services import forms
from portal.services.validation import cccd_problem, phone_problem
from portal.settings import ROOT
from tests.portal.conftest import identity

PROCEDURES = load_procedures(ROOT / "procedures")
LLTP = PROCEDURES["2.000488"]
LINKED = PROCEDURES["1.012877"]
TODAY = date(2025, 10, 13)


def good_lltp() -> dict[str, str]:
    return {
        "NoiSinh": "Hà Nội",
        "NoiThuongTru": "Số 1 Lê Lợi, Hà Nội",
        "SoDienThoai": "0912345678",
        "Email": "an@example.vn",
        "LoaiPhieu": "Phiếu lý lịch tư pháp số 1",
        "MucDichSuDung": "Xin việc",
    }


def test_prefill_converts_the_identitys_formats() -> None:
    values = forms.initial_values(LLTP, identity())
    assert values["HoVaTen"] == "Nguyễn Văn An"
    assert values["SoDinhDanh"] == "001090012345"
    assert values["NgaySinh"] == "1990-03-15"  # from ddMMyyyy
    assert values["GioiTinh"] == "Nam"  # from 1
    assert values["SoDienThoai"] == "0912345678"  # editable, but prefilled


def test_authoritative_fields_ignore_what_the_page_posted() -> None:
    posted = {**good_lltp(), "HoVaTen": "Kẻ Giả Mạo", "SoDinhDanh": "079195067890"}
    values = forms.collect(LLTP, posted, identity())
    assert values["HoVaTen"] == "Nguyễn Văn An" and values["SoDinhDanh"] == "001090012345"
    assert forms.is_locked(LLTP.fields[0], identity())
    assert not forms.is_locked(LLTP.field("SoDienThoai"), identity())  # type: ignore[arg-type]


def test_without_the_claim_the_field_is_editable_and_required() -> None:
    values = forms.collect(LLTP, good_lltp(), identity(NgayThangNamSinh=None))
    checked = forms.validate(LLTP, values, today=TODAY)
    assert checked.errors == {"NgaySinh": "Vui lòng nhập ngày sinh."}


def test_a_good_form_has_no_errors_and_phone_is_normalised() -> None:
    values = forms.collect(LLTP, {**good_lltp(), "SoDienThoai": "+84 912 345 678"}, identity())
    assert values["SoDienThoai"] == "0912345678"
    assert forms.validate(LLTP, values, today=TODAY).ok


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("SoDienThoai", "0123456789", "số di động Việt Nam"),
        ("SoDienThoai", "", "Vui lòng nhập số điện thoại liên hệ."),
        ("Email", "an@", "Thư điện tử không đúng định dạng"),
        ("LoaiPhieu", "Phiếu số 3", "hãy chọn một giá trị"),
        ("LoaiPhieu", "", "Vui lòng chọn loại phiếu yêu cầu cấp."),
    ],
)
def test_each_bad_field_has_its_own_message(field: str, value: str, message: str) -> None:
    values = forms.collect(LLTP, {**good_lltp(), field: value}, identity())
    errors = forms.validate(LLTP, values, today=TODAY).errors
    assert list(errors) == [field] and message in errors[field]


def test_dates_not_in_the_future_and_a_child_under_six() -> None:
    base = {f.name: "" for f in LINKED.fields}
    for future, message in (
        ("2025-10-14", "không được sau ngày hôm nay"),
        ("2019-10-12", "trong vòng 6 năm"),
    ):
        values = forms.collect(LINKED, {**base, "NgaySinhTre": future}, identity())
        assert message in forms.validate(LINKED, values, today=TODAY).errors["NgaySinhTre"]
    values = forms.collect(LINKED, {**base, "NgaySinhTre": "31/02/2025"}, identity())
    assert (
        "không phải là một ngày hợp lệ"
        in forms.validate(LINKED, values, today=TODAY).errors["NgaySinhTre"]
    )


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("001090012345", None),
        ("079305000001", None),  # 2000s, female
        ("00109001234", "đúng 12 chữ số"),
        ("00109001234a", "đúng 12 chữ số"),
        ("999090012345", "mã tỉnh"),
        ("001490012345", "thế kỷ sinh và giới tính"),
        ("001299012345", "sau năm hiện tại"),  # born 2099
    ],
)
def test_cccd_rules(number: str, problem: str | None) -> None:
    found = cccd_problem(number, today=TODAY)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_mobile_prefixes() -> None:
    assert phone_problem("0987654321") is None
    assert phone_problem("0201234567") is not None  # a landline prefix, not a mobile
