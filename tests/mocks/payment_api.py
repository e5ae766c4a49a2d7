"""Calls to the payment mock as a portal makes them, with the checksum written afresh
(not imported from the mock, so that a wrong checksum in the mock is caught)."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

SECRET = "payment-secret"
PARTNER = "DVC-TINH-MAU"
CREATE = (
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaHoSo",
    "MaTTHC",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "UrlTraVe",
    "UrlThongBao",
)
RESULT = ("MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "MaLoi", "ThoiGianGD")
QUERY = ("MaDoiTac", "MaThamChieu")
QUERY_ANSWER = (*RESULT, "TrangThai")
REFUND = ("MaDoiTac", "MaGiaoDich", "SoTien", "LyDo")


def mac(fields: tuple[str, ...], values: dict[str, Any], secret: str = SECRET) -> str:
    text = "|".join("" if values.get(f) is None else str(values[f]) for f in fields)
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def signed_ok(fields: tuple[str, ...], values: dict[str, Any]) -> bool:
    return values.get("MaXacThuc") == mac(fields, values)


def with_mac(fields: tuple[str, ...], values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "MaXacThuc": mac(fields, values)}


def create_body(double_url: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "MaDoiTac": PARTNER,
        "MaThamChieu": f"TC-{uuid.uuid4().hex[:12]}",
        "SoTien": 50000,
        "MaHoSo": f"H99.01-{uuid.uuid4().hex[:8]}",
        "MaTTHC": "1.001234",
        "ThongTinGiaoDich": "Lệ phí đăng ký khai sinh",
        "ThoiGianGD": "20250714093000",
        "UrlTraVe": f"{double_url}/thanh-toan/ket-qua",
        "UrlThongBao": f"{double_url}/api/thanh-toan/thong-bao",
    }
    body.update(changes)
    return with_mac(CREATE, body)


def create(payment: httpx.Client, double_url: str, **changes: Any) -> dict[str, Any]:
    """A transaction created as the portal would; returns the request and the answer."""
    body = create_body(double_url, **changes)
    answer = payment.post("/api/giao-dich", json=body)
    assert answer.status_code == 200, answer.text
    return {**body, **answer.json()}


def pay(
    payment: httpx.Client, txn: dict[str, Any], action: str = "thanh-toan", channel: str = "ATM"
) -> httpx.Response:
    return payment.post(txn["UrlThanhToan"], data={"HanhDong": action, "KenhThanhToan": channel})


def returned(response: httpx.Response) -> dict[str, str]:
    """The fields the browser carries back to UrlTraVe."""
    assert response.status_code == 303, response.text
    return dict(parse_qsl(urlsplit(response.headers["location"]).query))


def transaction(payment: httpx.Client, txn: dict[str, Any]) -> dict[str, Any]:
    found = payment.get("/_control/transactions", params={"MaThamChieu": txn["MaThamChieu"]})
    (only,) = found.json()["transactions"]
    return dict(only)


def last_entry(client: httpx.Client, service: str) -> dict[str, Any]:
    return dict(client.get("/_control/journal", params={"service": service}).json()["entries"][-1])
