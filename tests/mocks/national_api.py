"""Calls to the national portal mock as a portal makes them."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

USERNAME, PASSWORD, MADONVI = "dvc-tinh-mau", "national-secret", "000.00.00.H99"
VN = timezone(timedelta(hours=7))


def stamp(moment: datetime) -> str:
    return moment.astimezone(VN).strftime("%Y%m%d%H%M%S")


def now_stamp(**delta: float) -> str:
    return stamp(datetime.now(VN) + timedelta(**delta))


def login(national: httpx.Client) -> str:
    answer = national.post("/api/dang-nhap", json={"username": USERNAME, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["session"])


def call(
    national: httpx.Client,
    session: str,
    service: str,
    data: Any,
    madonvi: str = MADONVI,
) -> httpx.Response:
    body = {"session": session, "madonvi": madonvi, "service": service, "data": data}
    return national.post("/api/dich-vu", json=body)


def record(code: str | None = None, status: int = 1, **changes: Any) -> dict[str, Any]:
    """A valid DongBoHoSoMC record (a fee paid, one attachment)."""
    data: dict[str, Any] = {
        "MaHoSo": code or f"H99.01-{uuid.uuid4().hex[:10]}",
        "MaTTHC": "1.001234",
        "TenTTHC": "Đăng ký khai sinh",
        "ChuHoSo": "Nguyễn Văn An",
        "LoaiDoiTuong": 1,
        "SoDinhDanh": "001090012345",
        "SoDienThoai": "0912345678",
        "Email": "nguyenvanan@example.vn",
        "TrichYeuHoSo": "Đăng ký khai sinh cho con",
        "NgayTiepNhan": now_stamp(hours=-1),
        "NgayHenTra": now_stamp(days=5),
        "TrangThaiHoSo": status,
        "NgayTra": "",
        "DonViXuLy": "UBND phường Hoàn Kiếm",
        "TaiLieuNop": [
            {"TenTepDinhKem": "to-khai.pdf", "MaThanhPhanHoSo": "TP1", "MaBam": "a" * 64}
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": "Lệ phí đăng ký khai sinh",
                "MucThuPhi": 50000,
                "LoaiPhiLePhi": 2,
                "TrangThaiThanhToan": 1,
                "MaGiaoDich": "GD2025071400000001",
            }
        ],
        "DanhSachGiayToKetQua": [],
    }
    if status == 10:
        data["NgayTra"] = now_stamp(minutes=-1)
    data.update(changes)
    return data


def progress(code: str, status: int = 4, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "MaHoSo": code,
        "NguoiXuLy": "Trần Thị Bích",
        "ChucDanh": "Công chức tư pháp - hộ tịch",
        "PhongBanXuLy": "Bộ phận một cửa",
        "ThoiDiemXuLy": now_stamp(minutes=-5),
        "NoiDungXuLy": "Thẩm định hồ sơ",
        "TrangThai": status,
        "HanXuLy": now_stamp(days=2),
    }
    data.update(changes)
    return data


def dossier(national: httpx.Client, code: str) -> dict[str, Any]:
    answer = national.get(f"/_control/dossiers/{code}")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
