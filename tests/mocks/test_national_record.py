"""DongBoHoSoMC: every validation rule of the dossier record (§3.2), each refusal naming its
field and kept with the dossier."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.mocks.national_api import call, dossier, login, now_stamp, record

REQUIRED = [
    "MaTTHC",
    "TenTTHC",
    "ChuHoSo",
    "LoaiDoiTuong",
    "SoDinhDanh",
    "SoDienThoai",
    "TrichYeuHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "TrangThaiHoSo",
    "DonViXuLy",
    "TaiLieuNop",
    "DanhSachLePhi",
    "DanhSachGiayToKetQua",
]

FEE = record()["DanhSachLePhi"][0]
INVALID: list[tuple[str, dict[str, Any]]] = [
    ("ChuHoSo", {"ChuHoSo": "   "}),
    ("TrangThaiHoSo", {"TrangThaiHoSo": 0}),
    ("TrangThaiHoSo", {"TrangThaiHoSo": 11}),
    ("TrangThaiHoSo", {"TrangThaiHoSo": "2"}),
    ("NgayTiepNhan", {"NgayTiepNhan": "2025-07-14 08:00:00"}),
    ("NgayTiepNhan", {"NgayTiepNhan": "20250230080000"}),
    ("NgayHenTra", {"NgayHenTra": "20251301080000"}),
    ("NgayHenTra", {"NgayHenTra": now_stamp(days=-2)}),  # before NgayTiepNhan
    ("NgayTra", {"NgayTra": "14/07/2025"}),
    ("SoDienThoai", {"SoDienThoai": "912345678"}),
    ("SoDienThoai", {"SoDienThoai": "09123456789"}),
    ("SoDienThoai", {"SoDienThoai": "+84912345678"}),
    ("SoDienThoai", {"SoDienThoai": "0912 345 678"}),
    ("LoaiDoiTuong", {"LoaiDoiTuong": 3}),
    ("LoaiDoiTuong", {"LoaiDoiTuong": "1"}),
    ("SoDinhDanh", {"SoDinhDanh": "00109001234"}),
    ("SoDinhDanh", {"SoDinhDanh": "00109001234X"}),
    ("Email", {"Email": "khong-phai-thu"}),
    ("TaiLieuNop", {"TaiLieuNop": "to-khai.pdf"}),
    ("TaiLieuNop[0]", {"TaiLieuNop": ["to-khai.pdf"]}),
    ("TaiLieuNop[0].TenTepDinhKem", {"TaiLieuNop": [{"MaThanhPhanHoSo": "TP1"}]}),
    ("TaiLieuNop[0].MaBam", {"TaiLieuNop": [{"TenTepDinhKem": "a.pdf", "MaBam": "abc"}]}),
    ("DanhSachLePhi[0].MucThuPhi", {"DanhSachLePhi": [{**FEE, "MucThuPhi": -1}]}),
    ("DanhSachLePhi[0].MucThuPhi", {"DanhSachLePhi": [{**FEE, "MucThuPhi": 50000.5}]}),
    ("DanhSachLePhi[0].MucThuPhi", {"DanhSachLePhi": [{**FEE, "MucThuPhi": "50000"}]}),
    ("DanhSachLePhi[0].LoaiPhiLePhi", {"DanhSachLePhi": [{**FEE, "LoaiPhiLePhi": 3}]}),
    ("DanhSachLePhi[0].TrangThaiThanhToan", {"DanhSachLePhi": [{**FEE, "TrangThaiThanhToan": 2}]}),
    ("DanhSachLePhi[0].TenPhiLePhi", {"DanhSachLePhi": [{**FEE, "TenPhiLePhi": ""}]}),
    ("DanhSachGiayToKetQua[0].MaBam", {"DanhSachGiayToKetQua": [{"TenGiayTo": "Giấy khai sinh"}]}),
    ("DanhSachGiayToKetQua[0].TenGiayTo", {"DanhSachGiayToKetQua": [{"MaBam": "b" * 64}]}),
    # A moment more than 10 minutes ahead of Vietnam's time: a time-zone error.
    ("NgayTiepNhan", {"NgayTiepNhan": now_stamp(hours=7)}),
    ("NgayTra", {"TrangThaiHoSo": 2, "NgayTra": now_stamp(minutes=30)}),
]


def refused(national: httpx.Client, data: dict[str, Any]) -> dict[str, Any]:
    answer = call(national, login(national), "DongBoHoSoMC", data)
    assert answer.status_code == 200
    body = answer.json()
    assert body["error_code"] == 1, body
    return dict(body)


def assert_kept(national: httpx.Client, code: str, field: str) -> None:
    entry = national.get("/_control/journal", params={"service": "DongBoHoSoMC"}).json()["entries"][
        -1
    ]
    assert entry["verdict"] == "rejected"
    assert f"{field}: " in entry["reason"]
    kept = dossier(national, code)
    assert kept["record"] is None and kept["statuses"] == []
    assert kept["rejected"][-1]["service"] == "DongBoHoSoMC"
    assert f"{field}: " in kept["rejected"][-1]["reason"]


def test_a_valid_first_record_is_held(national: httpx.Client) -> None:
    data = record()
    assert call(national, login(national), "DongBoHoSoMC", data).json()["error_code"] == 0
    held = dossier(national, data["MaHoSo"])
    assert held["record"] == data and held["statuses"] == [1] and held["rejected"] == []


@pytest.mark.parametrize("field", REQUIRED)
def test_a_missing_field_is_refused_naming_it(national: httpx.Client, field: str) -> None:
    data = record()
    del data[field]
    body = refused(national, data)
    assert any(e.startswith(f"{field}: ") for e in body["errors"]), body["errors"]
    assert_kept(national, data["MaHoSo"], field)


@pytest.mark.parametrize(
    ("field", "changes"), INVALID, ids=[f"{f}-{i}" for i, (f, _) in enumerate(INVALID)]
)
def test_an_invalid_value_is_refused_naming_the_field(
    national: httpx.Client, field: str, changes: dict[str, Any]
) -> None:
    data = record(**changes)
    body = refused(national, data)
    assert [e.split(": ")[0] for e in body["errors"]] == [field], body["errors"]
    assert_kept(national, data["MaHoSo"], field)


def test_status_10_needs_ngay_tra(national: httpx.Client) -> None:
    body = refused(national, record(status=10, NgayTra=""))
    assert body["errors"] == ["NgayTra: bắt buộc, không được để trống"]


def test_a_moment_a_few_minutes_ahead_is_tolerated(national: httpx.Client) -> None:
    data = record(NgayTiepNhan=now_stamp(minutes=5))
    assert call(national, login(national), "DongBoHoSoMC", data).json()["error_code"] == 0


def test_a_record_without_mahoso_is_kept_apart(national: httpx.Client) -> None:
    data = record()
    del data["MaHoSo"]
    assert refused(national, data)["errors"] == ["MaHoSo: bắt buộc, không được để trống"]
    apart = national.get("/_control/dossiers").json()["rejected_without_MaHoSo"]
    assert apart[-1]["service"] == "DongBoHoSoMC"


def test_an_unknown_dossier_is_404_on_the_control_route(national: httpx.Client) -> None:
    assert national.get("/_control/dossiers/H-KHONG-CO").status_code == 404
