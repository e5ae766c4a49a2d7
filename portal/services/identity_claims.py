"""The identity a provider vouches for, read by a documented contract (docs/sso.md).

Providers differ: the national portal sends ``NgayThangNamSinh = "15031990"`` (ddMMyyyy)
and ``GioiTinh = 1``; another provider may send ``"19900315"``, ``"1990-03-15"``,
``"15/03/1990"`` or ``GioiTinh = "Nữ"``, or the standard OIDC claims (``birthdate``,
``gender``, ``name``...). ``read_identity`` turns whatever was sent into one canonical
form — the national portal's (``NgayThangNamSinh`` ddMMyyyy, ``GioiTinh`` 0/1/2) — so
that the rest of the portal never sees a garbled value:

- a claim the portal cannot do without (``SoDinhDanh``, ``HoVaTen``) that is missing or
  unreadable refuses the sign-in (``ClaimError``, a Vietnamese message naming it);
- an optional claim that is unreadable is left out (the e-form field stays editable) and
  noted in ``Identity.notes``, which the personal page shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# National claim name -> the standard OIDC claim read when the national one is absent.
OIDC_FALLBACKS = {
    "HoVaTen": "name",
    "NgayThangNamSinh": "birthdate",
    "GioiTinh": "gender",
    "SoDienThoai": "phone_number",
    "ThuDienTu": "email",
}
TEXT_CLAIMS = ("ThuongTru", "SoDienThoai", "ThuDienTu", "MaSoDoanhNghiep", "TenDoanhNghiep")
GENDER_WORDS = {
    "nam": 1,
    "male": 1,
    "m": 1,
    "nữ": 2,
    "nu": 2,
    "female": 2,
    "f": 2,
    "khác": 0,
    "không xác định": 0,
    "other": 0,
    "unknown": 0,
}
CLAIM_NAMES = {
    "SoDinhDanh": "số định danh cá nhân",
    "HoVaTen": "họ và tên",
    "NgayThangNamSinh": "ngày sinh",
    "GioiTinh": "giới tính",
    "LoaiTaiKhoan": "loại tài khoản",
}
EARLIEST_BIRTH_YEAR = 1900


class ClaimError(ValueError):
    """The identity cannot be used: ``str(exc)`` is the Vietnamese message for the citizen."""


@dataclass
class Identity:
    claims: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # optional claims left out, and why


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_birth_date(value: Any, *, today: date | None = None) -> date:
    """A birth date in any documented format: ddMMyyyy, yyyyMMdd, yyyy-MM-dd, dd/MM/yyyy,
    dd-MM-yyyy. Between 1900 and today, an 8-digit value reads one way only (a year's
    first two digits are 19 or 20, never a month). ValueError when it is none of them."""
    text = _text(value)
    today = today or date.today()
    candidates: list[tuple[int, int, int]] = []
    if re.fullmatch(r"\d{8}", text):
        candidates = [
            (int(text[4:]), int(text[2:4]), int(text[:2])),  # ddMMyyyy (national portal)
            (int(text[:4]), int(text[4:6]), int(text[6:])),  # yyyyMMdd
        ]
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        candidates = [(int(m[1]), int(m[2]), int(m[3]))]
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        candidates = [(int(m[3]), int(m[2]), int(m[1]))]
    for year, month, day in candidates:
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found.year >= EARLIEST_BIRTH_YEAR and found <= today:
            return found
    raise ValueError(f"not a birth date: {text!r}")


def parse_gender(value: Any) -> int:
    """1 Nam, 2 Nữ, 0 không xác định; as a code (1, "2") or a word ("Nữ", "male")."""
    if isinstance(value, bool):
        raise ValueError(f"not a gender: {value!r}")
    if isinstance(value, int) and value in (0, 1, 2):
        return value
    text = _text(value).lower()
    if text in ("0", "1", "2"):
        return int(text)
    if text in GENDER_WORDS:
        return GENDER_WORDS[text]
    raise ValueError(f"not a gender: {value!r}")


def _claim(userinfo: Mapping[str, Any], name: str) -> Any:
    value = userinfo.get(name)
    if value in (None, "") and name in OIDC_FALLBACKS:
        value = userinfo.get(OIDC_FALLBACKS[name])
    return None if value in (None, "") else value


def read_identity(userinfo: Mapping[str, Any], *, today: date | None = None) -> Identity:
    """The canonical identity from the provider's userinfo (see the module's docstring)."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    cccd = _claim(userinfo, "SoDinhDanh")
    if cccd is None or not re.fullmatch(r"\d{12}", _text(cccd)):
        raise ClaimError(
            "Hệ thống định danh không gửi số định danh cá nhân hợp lệ (12 chữ số). "
            "Bạn chưa được đăng nhập."
        )
    out["SoDinhDanh"] = _text(cccd)
    name = _claim(userinfo, "HoVaTen")
    if name is None or not isinstance(name, str) or not _text(name):
        raise ClaimError("Hệ thống định danh không gửi họ và tên. Bạn chưa được đăng nhập.")
    out["HoVaTen"] = _text(name)
    optional = {
        "NgayThangNamSinh": lambda v: parse_birth_date(v, today=today).strftime("%d%m%Y"),
        "GioiTinh": parse_gender,
    }
    for key, parse in optional.items():
        value = _claim(userinfo, key)
        if value is None:
            continue
        try:
            out[key] = parse(value)
        except ValueError:
            what = CLAIM_NAMES[key]
            notes.append(
                f"Không đọc được {what} do hệ thống định danh gửi ({_text(value)[:40]}): "
                f"bạn sẽ tự khai {what} trong tờ khai."
            )
    kind = _claim(userinfo, "LoaiTaiKhoan")
    if kind is not None:
        if _text(kind) not in ("1", "2"):
            raise ClaimError(
                "Hệ thống định danh gửi loại tài khoản không hợp lệ. Bạn chưa được đăng nhập."
            )
        out["LoaiTaiKhoan"] = int(_text(kind))
    for key in TEXT_CLAIMS:
        value = _claim(userinfo, key)
        if value is not None and not isinstance(value, dict | list):
            out[key] = _text(value)
    if out.get("LoaiTaiKhoan") == 2 and not re.fullmatch(
        r"\d{10}(-\d{3})?", out.get("MaSoDoanhNghiep", "")
    ):
        raise ClaimError(
            "Tài khoản doanh nghiệp không có mã số doanh nghiệp hợp lệ. Bạn chưa được đăng nhập."
        )
    return Identity(out, notes)


def acr_label(acr: Any) -> str:
    """The level of assurance as shown to the citizen; a missing one is said to be missing."""
    if acr in (None, ""):
        return "Không được cung cấp"
    return _text(acr)
