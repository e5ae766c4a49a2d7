"""The payment mock's create endpoint (§2.1): the checksum and every data rule."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fixtures.servers import ServerProcess
from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import CREATE, create, create_body, last_entry, mac, transaction


def test_a_signed_request_creates_a_pending_transaction(
    payment: httpx.Client, payment_server: ServerProcess, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    assert txn["MaLoi"] == "00"
    assert txn["UrlThanhToan"] == f"{payment_server.url}/thanh-toan/{txn['MaGiaoDich']}"
    kept = transaction(payment, txn)
    assert (kept["TrangThai"], kept["SoTien"], kept["MaHoSo"]) == (
        "CHO_THANH_TOAN",
        50000,
        txn["MaHoSo"],
    )
    assert last_entry(payment, "create")["verdict"] == "accepted"


@pytest.mark.parametrize("field", ["SoTien", "MaHoSo", "UrlThongBao", "MaXacThuc"])
def test_a_field_changed_after_signing_is_refused_as_wrong_checksum(
    payment: httpx.Client, portal_double: PortalDouble, field: str
) -> None:
    body = create_body(portal_double.url)
    body[field] = 90000 if field == "SoTien" else body[field].replace("a", "b").replace("1", "2")
    answer = payment.post("/api/giao-dich", json=body)
    assert answer.status_code == 400
    assert answer.json()["MaLoi"] == "01"
    entry = last_entry(payment, "create")
    assert (entry["verdict"], entry["reason"]) == (
        "rejected",
        "MaLoi 01: MaXacThuc: sai mã xác thực",
    )
    assert payment.get("/_control/transactions").json()["transactions"] == []


def test_a_checksum_with_another_secret_is_refused(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    body = create_body(portal_double.url)
    body["MaXacThuc"] = mac(CREATE, body, secret="another-secret")
    assert payment.post("/api/giao-dich", json=body).json()["MaLoi"] == "01"


INVALID: list[tuple[str, dict[str, Any]]] = [
    ("MaDoiTac", {"MaDoiTac": "DOI-TAC-LA"}),
    ("MaHoSo", {"MaHoSo": ""}),
    ("ThongTinGiaoDich", {"ThongTinGiaoDich": None}),
    ("SoTien", {"SoTien": "50000"}),
    ("SoTien", {"SoTien": 0}),
    ("SoTien", {"SoTien": -5000}),
    ("SoTien", {"SoTien": 500.5}),
    ("ThoiGianGD", {"ThoiGianGD": "2025-07-14 09:30:00"}),
    ("ThoiGianGD", {"ThoiGianGD": "20250230093000"}),
    ("UrlTraVe", {"UrlTraVe": "/thanh-toan/ket-qua"}),
    ("UrlThongBao", {"UrlThongBao": "ftp://127.0.0.1/thong-bao"}),
    ("UrlThongBao", {"UrlThongBao": "http://cong-dich-vu.example.vn/thong-bao"}),
]


@pytest.mark.parametrize(("field", "changes"), INVALID, ids=[f"{f}={c}" for f, c in INVALID])
def test_invalid_data_is_refused_naming_the_field(
    payment: httpx.Client, portal_double: PortalDouble, field: str, changes: dict[str, Any]
) -> None:
    answer = payment.post("/api/giao-dich", json=create_body(portal_double.url, **changes))
    assert answer.status_code == 400
    assert answer.json()["MaLoi"] == "02"
    assert answer.json()["MoTaLoi"].startswith(f"{field}: ")
    entry = last_entry(payment, "create")
    assert entry["verdict"] == "rejected"
    assert entry["reason"].startswith(f"MaLoi 02: {field}: ")


def test_a_missing_field_is_refused_naming_it(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    body = create_body(portal_double.url)
    del body["MaTTHC"]
    answer = payment.post("/api/giao-dich", json=body)
    assert answer.json() == {"MaLoi": "02", "MoTaLoi": "MaTTHC: thiếu hoặc rỗng"}


def test_a_used_reference_is_refused(payment: httpx.Client, portal_double: PortalDouble) -> None:
    first = create(payment, portal_double.url)
    again = payment.post(
        "/api/giao-dich", json=create_body(portal_double.url, MaThamChieu=first["MaThamChieu"])
    )
    assert again.status_code == 400
    assert again.json()["MaLoi"] == "03"
    assert len(payment.get("/_control/transactions").json()["transactions"]) == 1


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_refused(payment: httpx.Client, raw: bytes) -> None:
    answer = payment.post(
        "/api/giao-dich", content=raw, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert "error" in answer.json()
    assert last_entry(payment, "create")["verdict"] == "rejected"
