"""Validators for Vietnamese personal data: CCCD, mobile number, e-mail, dates.

Each returns ``None`` when the value is good, or the message the citizen reads.
"""

from __future__ import annotations

import re
from datetime import date

from portal import defects

# Province codes of the CCCD (the 63 provinces before the 2025 merger; the 34 provinces
# since then kept one of their old codes), Circular 59/2021/TT-BCA appendix.
CCCD_PROVINCES = frozenset(
    {1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35}
    | {36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68}
    | {70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96}
)
# Mobile prefixes in use since the 2018 renumbering (Viettel, VinaPhone, MobiFone,
# Vietnamobile, Gmobile, iTel, Reddi).
MOBILE_PREFIXES = frozenset(
    {"032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098"}
    | {"081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078"}
    | {"079", "089", "090", "093", "052", "056", "058", "092", "059", "099", "087", "055"}
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def cccd_problem(value: str, *, today: date) -> str | None:
    if defects.active("cccd_format_unchecked"):  # seeded defect: any value is taken
        return None
    if not (len(value) == 12 and value.isdigit()):
        return "Số định danh cá nhân phải gồm đúng 12 chữ số."
    if int(value[:3]) not in CCCD_PROVINCES:
        return "Ba chữ số đầu của số định danh cá nhân (mã tỉnh) không hợp lệ."
    century_sex = int(value[3])
    if century_sex > 3:
        return (
            "Chữ số thứ tư của số định danh cá nhân (thế kỷ sinh và giới tính) "
            "không hợp lệ: phải là 0, 1 (sinh 1900–1999) hoặc 2, 3 (sinh từ năm 2000)."
        )
    year = 1900 + (century_sex // 2) * 100 + int(value[4:6])
    if year > today.year:
        return "Năm sinh trong số định danh cá nhân không được sau năm hiện tại."
    return None


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif (
        digits.startswith("84")
        and len(digits) == 11
        and not defects.active("phone_84_kept_as_typed")
    ):
        digits = "0" + digits[2:]
    return digits


def phone_problem(value: str) -> str | None:
    if defects.active("phone_format_unchecked"):  # seeded defect: any value is taken
        return None
    if not (len(value) == 10 and value.isdigit() and value[:3] in MOBILE_PREFIXES):
        return (
            "Số điện thoại phải là số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 0 "
            "(ví dụ 0912345678)."
        )
    return None


def email_problem(value: str) -> str | None:
    if len(value) > 254 or not EMAIL.match(value):
        return "Thư điện tử không đúng định dạng (ví dụ ten@example.vn)."
    return None


def parse_date(value: str) -> date | None:
    """``yyyy-mm-dd`` (what a date input sends) or ``dd/mm/yyyy`` (typed)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        return None
    return None


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
