"""What the national portal checks in each call (docs/contracts.md §3.2, §3.3).

Every problem names its field (``"SoDienThoai: ..."``, ``"DanhSachLePhi[0].MucThuPhi: ..."``).
Dates are ``yyyyMMddHHmmss`` in Vietnam's time; a moment that has happened (NgayTiepNhan,
NgayTra, ThoiDiemXuLy, NgayKy) may not be more than 10 minutes ahead of Vietnam's current
time: that is a time-zone error (e.g. a portal sending UTC+7 twice, or its clock moved).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from datetime import datetime, timedelta
from typing import Any, TypeGuard

from mocks.common.vn_time import parse_stamp

STATUS_NAMES = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
TRANSITIONS: dict[int, set[int]] = {
    1: {2, 3, 7},
    2: {4, 5, 6, 7, 8},
    3: set(),
    4: {5, 6, 7, 8, 9},
    5: {4, 7, 8},
    6: {4, 7, 8},
    7: set(),
    8: set(),
    9: {10},
    10: set(),
}
FIRST_STATUSES = {1, 2}
FUTURE_TOLERANCE = timedelta(minutes=10)
PHONE = re.compile(r"^0\d{9}$")
IDENTITY = re.compile(r"^\d{12}$")
SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REQUIRED = "bắt buộc, không được để trống"

RECORD_TEXT = (
    "MaHoSo",
    "MaTTHC",
    "TenTTHC",
    "ChuHoSo",
    "SoDinhDanh",
    "SoDienThoai",
    "TrichYeuHoSo",
    "DonViXuLy",
)
RECORD_LISTS = ("TaiLieuNop", "DanhSachLePhi", "DanhSachGiayToKetQua")
PROGRESS_TEXT = ("MaHoSo", "NguoiXuLy", "NoiDungXuLy")
WAREHOUSE_TEXT = (
    "SoDinhDanh",
    "MaHoSo",
    "TenGiayTo",
    "CoQuanBanHanh",
    "NguoiKy",
    "MaBam",
    "TepTin",
)


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


class Checker:
    """Collects the problems of one call's data."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[str] = []

    def add(self, field: str, problem: str) -> None:
        self.problems.append(f"{field}: {problem}")

    def text(self, data: dict[str, Any], names: tuple[str, ...], prefix: str = "") -> None:
        for name in names:
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                self.add(prefix + name, REQUIRED)

    def optional_text(self, data: dict[str, Any], names: tuple[str, ...], prefix: str = "") -> None:
        for name in names:
            if data.get(name) is not None and not isinstance(data.get(name), str):
                self.add(prefix + name, "phải là chuỗi ký tự")

    def choice(
        self, data: dict[str, Any], name: str, allowed: dict[int, str], prefix: str = ""
    ) -> None:
        value = data.get(name)
        if not is_int(value) or value not in allowed:
            options = ", ".join(f"{code} ({label})" for code, label in allowed.items())
            self.add(prefix + name, f"phải là một trong {options}")

    def pattern(
        self, data: dict[str, Any], name: str, regex: re.Pattern[str], problem: str
    ) -> None:
        """A present, non-empty text that must match (absence is ``text``'s business)."""
        value = data.get(name)
        if isinstance(value, str) and value.strip() and not regex.match(value):
            self.add(name, problem)

    def status(self, data: dict[str, Any], name: str) -> int | None:
        value = data.get(name)
        if not is_int(value) or not 1 <= value <= 10:
            self.add(name, "phải là số nguyên từ 1 đến 10")
            return None
        return value

    def date(
        self, data: dict[str, Any], name: str, *, happened: bool, required: bool = True
    ) -> datetime | None:
        value = data.get(name)
        if value in (None, "") and not required:
            return None
        if value in (None, ""):
            self.add(name, REQUIRED)
            return None
        moment = parse_stamp(value)
        if moment is None:
            self.add(name, "không đúng định dạng yyyyMMddHHmmss hoặc không phải ngày có thật")
        elif happened and moment > self.now + FUTURE_TOLERANCE:
            self.add(
                name,
                "muộn hơn giờ Việt Nam hiện tại quá 10 phút: sai múi giờ? "
                "(thời điểm phải theo giờ Asia/Ho_Chi_Minh, UTC+7)",
            )
        return moment

    def digest(
        self, data: dict[str, Any], name: str, prefix: str = "", required: bool = True
    ) -> None:
        value = data.get(name)
        if value in (None, "") and not required:
            return
        if not isinstance(value, str) or not SHA256_HEX.match(value):
            self.add(prefix + name, "phải là SHA-256 dạng hex (64 ký tự)")

    def items(self, data: dict[str, Any], name: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(name)
        if not isinstance(value, list):
            self.add(name, "phải là một danh sách (có thể rỗng)")
            return []
        picked = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                picked.append((f"{name}[{index}].", item))
            else:
                self.add(f"{name}[{index}]", "phải là một đối tượng")
        return picked


def record_problems(data: dict[str, Any], now: datetime) -> list[str]:
    """DongBoHoSoMC: the whole dossier record."""
    check = Checker(now)
    check.text(data, RECORD_TEXT)
    check.choice(data, "LoaiDoiTuong", {1: "công dân", 2: "doanh nghiệp"})
    status = check.status(data, "TrangThaiHoSo")
    received = check.date(data, "NgayTiepNhan", happened=True)
    due = check.date(data, "NgayHenTra", happened=False)
    check.date(data, "NgayTra", happened=True, required=status == 10)
    if received and due and due < received:
        check.add("NgayHenTra", "không được trước NgayTiepNhan")
    check.pattern(
        data, "SoDienThoai", PHONE, "không phải số điện thoại Việt Nam (10 chữ số, bắt đầu bằng 0)"
    )
    check.pattern(data, "SoDinhDanh", IDENTITY, "phải gồm đúng 12 chữ số")
    check.optional_text(data, ("Email",))
    check.pattern(data, "Email", EMAIL, "không đúng định dạng thư điện tử")
    for prefix, item in check.items(data, "TaiLieuNop"):
        check.text(item, ("TenTepDinhKem",), prefix)
        check.optional_text(item, ("MaThanhPhanHoSo",), prefix)
        check.digest(item, "MaBam", prefix, required=False)
    for prefix, item in check.items(data, "DanhSachLePhi"):
        check.text(item, ("TenPhiLePhi",), prefix)
        if not is_int(item.get("MucThuPhi")) or item["MucThuPhi"] < 0:
            check.add(prefix + "MucThuPhi", "phải là số nguyên không âm (đồng)")
        check.choice(item, "LoaiPhiLePhi", {1: "phí", 2: "lệ phí"}, prefix)
        check.choice(item, "TrangThaiThanhToan", {0: "chưa thanh toán", 1: "đã thanh toán"}, prefix)
        check.optional_text(item, ("MaGiaoDich",), prefix)
    for prefix, item in check.items(data, "DanhSachGiayToKetQua"):
        check.text(item, ("TenGiayTo",), prefix)
        check.digest(item, "MaBam", prefix)
        check.optional_text(item, ("MaGiayTo", "DuongDanTepTin"), prefix)
    return check.problems


def progress_problems(data: dict[str, Any], now: datetime) -> list[str]:
    """CapNhatTienDoHoSoMC: one processing step."""
    check = Checker(now)
    check.text(data, PROGRESS_TEXT)
    check.optional_text(data, ("ChucDanh", "PhongBanXuLy"))
    check.status(data, "TrangThai")
    check.date(data, "ThoiDiemXuLy", happened=True)
    check.date(data, "HanXuLy", happened=False, required=False)
    return check.problems


def transition_problem(current: int | None, new: int) -> str | None:
    """None when ``current -> new`` is allowed (or a re-send of the current status)."""
    if current is None:
        if new in FIRST_STATUSES:
            return None
        return (
            f"TrangThaiHoSo: bản ghi đầu tiên của hồ sơ phải có trạng thái 1 hoặc 2, "
            f"không phải {new} ({STATUS_NAMES[new]})"
        )
    if new == current or new in TRANSITIONS[current]:
        return None
    return (
        f"TrangThaiHoSo: không được chuyển từ {current} ({STATUS_NAMES[current]}) "
        f"sang {new} ({STATUS_NAMES[new]})"
    )


def warehouse_problems(data: dict[str, Any], now: datetime) -> tuple[list[str], bytes]:
    """The electronic result for the citizen's data warehouse; also the decoded file."""
    check = Checker(now)
    check.text(data, WAREHOUSE_TEXT)
    check.date(data, "NgayKy", happened=True)
    check.pattern(data, "SoDinhDanh", IDENTITY, "phải gồm đúng 12 chữ số")
    content = b""
    if isinstance(data.get("TepTin"), str) and data["TepTin"]:
        try:
            content = base64.b64decode(data["TepTin"], validate=True)
        except (binascii.Error, ValueError):
            check.add("TepTin", "không phải dữ liệu base64 hợp lệ")
        else:
            if not content.startswith(b"%PDF-"):
                check.add("TepTin", "không phải tệp PDF")
    digest = data.get("MaBam")
    if (
        content
        and isinstance(digest, str)
        and digest.lower() != hashlib.sha256(content).hexdigest()
    ):
        check.add("MaBam", "không khớp SHA-256 của TepTin")
    return check.problems, content
