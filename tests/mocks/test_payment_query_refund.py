"""The payment mock's query (§2.4) and refund (§2.5) endpoints, and its transactions list."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import (
    PARTNER,
    QUERY,
    QUERY_ANSWER,
    REFUND,
    create,
    last_entry,
    pay,
    returned,
    signed_ok,
    transaction,
    with_mac,
)


def query(payment: httpx.Client, reference: str) -> httpx.Response:
    return payment.post(
        "/api/truy-van", json=with_mac(QUERY, {"MaDoiTac": PARTNER, "MaThamChieu": reference})
    )


def refund(payment: httpx.Client, txn: dict[str, Any], **changes: Any) -> httpx.Response:
    body = {"MaDoiTac": PARTNER, "MaGiaoDich": txn["MaGiaoDich"], "SoTien": txn["SoTien"]}
    body = with_mac(REFUND, {**body, "LyDo": "Hồ sơ không được tiếp nhận", **changes})
    return payment.post("/api/hoan-tien", json=body)


@pytest.mark.parametrize(
    ("action", "state"),
    [(None, "CHO_THANH_TOAN"), ("thanh-toan", "DA_THANH_TOAN"), ("huy", "DA_HUY")],
)
def test_query_answers_the_state_signed(
    payment: httpx.Client, portal_double: PortalDouble, action: str | None, state: str
) -> None:
    txn = create(payment, portal_double.url)
    if action:
        returned(pay(payment, txn, action=action))
    answer = query(payment, txn["MaThamChieu"])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert list(body) == [*QUERY_ANSWER, "MaXacThuc"]
    # MaLoi says the query succeeded; the state is TrangThai.
    assert (body["TrangThai"], body["MaLoi"], body["SoTien"]) == (state, "00", 50000)
    assert body["ThoiGianGD"] and signed_ok(QUERY_ANSWER, body)


def test_query_refuses_a_wrong_checksum_and_an_unknown_reference(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    tampered = with_mac(QUERY, {"MaDoiTac": PARTNER, "MaThamChieu": "khac"})
    tampered["MaThamChieu"] = txn["MaThamChieu"]
    assert payment.post("/api/truy-van", json=tampered).json()["MaLoi"] == "01"
    unknown = query(payment, "TC-KHONG-CO")
    assert (unknown.status_code, unknown.json()["MaLoi"]) == (404, "02")
    assert last_entry(payment, "query")["verdict"] == "rejected"


def test_a_paid_transaction_is_refunded_once(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    returned(pay(payment, txn))
    answer = refund(payment, txn)
    assert answer.status_code == 200, answer.text
    assert answer.json()["MaLoi"] == "00" and answer.json()["MaHoanTien"].startswith("HT")
    assert query(payment, txn["MaThamChieu"]).json()["TrangThai"] == "DA_HOAN_TIEN"
    assert transaction(payment, txn)["refunds"][0]["LyDo"] == "Hồ sơ không được tiếp nhận"
    again = refund(payment, txn)
    assert (again.status_code, again.json()["MaLoi"]) == (400, "02")


@pytest.mark.parametrize(
    ("pay_first", "changes", "code", "field"),
    [
        (False, {}, "02", "MaGiaoDich"),  # not paid
        (True, {"SoTien": 1000}, "02", "SoTien"),  # not the amount paid
        (True, {"MaGiaoDich": "GD-KHONG-CO"}, "02", "MaGiaoDich"),
        (True, {"LyDo": ""}, "02", "LyDo"),
    ],
)
def test_a_refund_that_does_not_fit_is_refused(
    payment: httpx.Client,
    portal_double: PortalDouble,
    pay_first: bool,
    changes: dict[str, Any],
    code: str,
    field: str,
) -> None:
    txn = create(payment, portal_double.url)
    if pay_first:
        returned(pay(payment, txn))
    answer = refund(payment, txn, **changes)
    assert answer.json()["MaLoi"] == code
    assert answer.json()["MoTaLoi"].startswith(f"{field}: ")
    assert last_entry(payment, "refund")["verdict"] == "rejected"


def test_a_refund_with_a_wrong_checksum_is_refused(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    returned(pay(payment, txn))
    body = with_mac(
        REFUND, {"MaDoiTac": PARTNER, "MaGiaoDich": txn["MaGiaoDich"], "SoTien": 50000, "LyDo": "x"}
    )
    body["LyDo"] = "y"
    assert payment.post("/api/hoan-tien", json=body).json()["MaLoi"] == "01"
    assert transaction(payment, txn)["TrangThai"] == "DA_THANH_TOAN"


def test_the_transactions_list_filters_by_dossier(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    one = create(payment, portal_double.url)
    create(payment, portal_double.url)
    listed = payment.get("/_control/transactions").json()["transactions"]
    assert len(listed) == 2
    only = payment.get("/_control/transactions", params={"MaHoSo": one["MaHoSo"]}).json()
    assert [t["MaGiaoDich"] for t in only["transactions"]] == [one["MaGiaoDich"]]
