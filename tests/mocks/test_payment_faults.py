"""Every fault of the payment mock (§2.6), for the next transaction or matched on one."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from fixtures.polling import poll
from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import (
    PARTNER,
    QUERY,
    QUERY_ANSWER,
    RESULT,
    create,
    create_body,
    last_entry,
    pay,
    returned,
    signed_ok,
    transaction,
    with_mac,
)


def arm(payment: httpx.Client, name: str, **spec: Any) -> None:
    answer = payment.post("/_control/faults", json={"name": name, **spec})
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    ("fault", "code", "state"), [("decline", "07", "THAT_BAI"), ("cancel", "24", "DA_HUY")]
)
def test_a_refusing_fault_changes_the_result_of_paying(
    payment: httpx.Client, portal_double: PortalDouble, fault: str, code: str, state: str
) -> None:
    arm(payment, fault)
    txn = create(payment, portal_double.url)
    back = returned(pay(payment, txn))
    assert back["MaLoi"] == code
    assert signed_ok(RESULT, back)
    assert [c["MaLoi"] for c in portal_double.callbacks()] == [code]
    assert transaction(payment, txn)["TrangThai"] == state
    assert last_entry(payment, "pay")["verdict"] == "fault"
    # The fault was for one payment only: the next one goes through.
    assert returned(pay(payment, create(payment, portal_double.url)))["MaLoi"] == "00"


@pytest.mark.parametrize("key", ["MaHoSo", "MaThamChieu"])
def test_a_matched_fault_hits_only_its_transaction(
    payment: httpx.Client, portal_double: PortalDouble, key: str
) -> None:
    target = create(payment, portal_double.url)
    other = create(payment, portal_double.url)
    arm(payment, "decline", match={key: target[key]})
    assert returned(pay(payment, other))["MaLoi"] == "00"
    assert returned(pay(payment, target))["MaLoi"] == "07"


def test_refuse_answers_create_with_the_code_and_reason_and_creates_nothing(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    body = create_body(portal_double.url)
    arm(payment, "refuse", match={"MaHoSo": body["MaHoSo"]}, params={"message": "Tạm ngừng"})
    answer = payment.post("/api/giao-dich", json=body)
    assert answer.status_code == 400
    assert answer.json() == {"MaLoi": "02", "MoTaLoi": "Tạm ngừng"}
    entry = last_entry(payment, "create")
    assert (entry["verdict"], entry["extra"]["MaLoi"]) == ("fault", "02")
    found = payment.get("/_control/transactions", params={"MaHoSo": body["MaHoSo"]}).json()
    assert found["transactions"] == []
    assert payment.post("/api/giao-dich", json=body).status_code == 200, "it fired once"


@pytest.mark.parametrize(("params", "status"), [({}, 409), ({"status": 400}, 400)])
def test_contradictory_status_answers_a_whole_success_with_another_http_status(
    payment: httpx.Client, portal_double: PortalDouble, params: dict[str, Any], status: int
) -> None:
    body = create_body(portal_double.url)
    arm(payment, "contradictory_status", match={"MaHoSo": body["MaHoSo"]}, params=params)
    answer = payment.post("/api/giao-dich", json=body)
    assert answer.status_code == status
    taken = answer.json()
    assert taken["MaLoi"] == "00" and taken["MaGiaoDich"] and taken["UrlThanhToan"]
    assert last_entry(payment, "create")["verdict"] == "fault"
    kept = transaction(payment, body)
    assert (kept["MaGiaoDich"], kept["TrangThai"]) == (taken["MaGiaoDich"], "CHO_THANH_TOAN")
    assert create(payment, portal_double.url, MaHoSo=body["MaHoSo"]), "it fired once"


def test_timeout_answers_late_and_the_transaction_times_out(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    arm(payment, "timeout", params={"delay_s": 0.25})
    started = time.monotonic()
    txn = create(payment, portal_double.url)
    assert time.monotonic() - started >= 0.25
    kept = transaction(payment, txn)
    assert (kept["TrangThai"], kept["MaLoi"]) == ("THAT_BAI", "99")
    assert last_entry(payment, "create")["verdict"] == "fault"
    assert payment.get(txn["UrlThanhToan"]).status_code == 409
    assert portal_double.callbacks() == []


def test_a_delayed_callback_comes_after_the_browser_returned(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    arm(payment, "callback_delayed", params={"delay_s": 0.25})
    txn = create(payment, portal_double.url)
    started = time.monotonic()
    returned(pay(payment, txn))
    assert portal_double.callbacks() == [], "the callback came before the browser returned"
    arrived = poll(lambda: portal_double.of("callback"), what="the delayed callback", timeout_s=5)
    assert arrived[0].at - started >= 0.25
    assert arrived[0].body["MaLoi"] == "00" and signed_ok(RESULT, arrived[0].body)
    assert last_entry(payment, "callback")["verdict"] == "fault"


def test_a_duplicated_callback_is_sent_twice_alike(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    arm(payment, "callback_duplicated")
    txn = create(payment, portal_double.url)
    returned(pay(payment, txn))
    first, second = portal_double.callbacks()
    assert first == second and signed_ok(RESULT, first)
    assert [c["copy"] for c in transaction(payment, txn)["callbacks"]] == [1, 2]


def test_a_callback_with_a_bad_checksum_while_the_browser_return_is_right(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    arm(payment, "callback_bad_checksum")
    back = returned(pay(payment, create(payment, portal_double.url)))
    (callback,) = portal_double.callbacks()
    assert len(callback["MaXacThuc"]) == 64
    assert not signed_ok(RESULT, callback)
    assert signed_ok(RESULT, back)


@pytest.mark.parametrize(("params", "amount"), [({}, 51000), ({"amount": 5000}, 5000)])
def test_a_callback_with_another_amount_is_correctly_signed(
    payment: httpx.Client, portal_double: PortalDouble, params: dict[str, Any], amount: int
) -> None:
    arm(payment, "callback_other_amount", params=params)
    back = returned(pay(payment, create(payment, portal_double.url)))
    (callback,) = portal_double.callbacks()
    assert callback["SoTien"] == amount
    assert signed_ok(RESULT, callback), "the amount is wrong, not the signature"
    assert back["SoTien"] == "50000"


def test_no_callback_is_ever_sent(payment: httpx.Client, portal_double: PortalDouble) -> None:
    arm(payment, "no_callback")
    txn = create(payment, portal_double.url)
    assert returned(pay(payment, txn))["MaLoi"] == "00"
    assert portal_double.callbacks() == []
    assert transaction(payment, txn)["callbacks"] == []
    assert last_entry(payment, "pay")["extra"]["callback_faults"] == ["no_callback"]
    assert payment.get("/_control/journal", params={"service": "callback"}).json()["entries"] == []


def test_reset_cancels_a_pending_delayed_callback(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    arm(payment, "callback_delayed", params={"delay_s": 0.1})
    returned(pay(payment, create(payment, portal_double.url)))
    payment.post("/_control/reset").raise_for_status()
    arm(payment, "callback_delayed", params={"delay_s": 0.3})
    later = create(payment, portal_double.url)
    returned(pay(payment, later))
    poll(lambda: portal_double.callbacks(), what="the second delayed callback", timeout_s=5)
    assert [c["MaThamChieu"] for c in portal_double.callbacks()] == [later["MaThamChieu"]]


def test_query_pending_answers_a_paid_transaction_as_still_pending(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    assert returned(pay(payment, txn))["MaLoi"] == "00"
    arm(payment, "query_pending", match={"MaThamChieu": txn["MaThamChieu"]})
    body = {"MaDoiTac": PARTNER, "MaThamChieu": txn["MaThamChieu"]}
    lagging = payment.post("/api/truy-van", json=with_mac(QUERY, body)).json()
    assert (lagging["MaLoi"], lagging["TrangThai"]) == ("00", "CHO_THANH_TOAN")
    assert lagging["ThoiGianGD"] == txn["ThoiGianGD"], "the create request's time, as pending"
    assert signed_ok(QUERY_ANSWER, lagging), "a well-signed answer: only its state lags"
    assert last_entry(payment, "query")["verdict"] == "fault"
    assert transaction(payment, txn)["TrangThai"] == "DA_THANH_TOAN", "the payment itself stands"
    # Once: the next query tells the truth.
    again = payment.post("/api/truy-van", json=with_mac(QUERY, body)).json()
    assert again["TrangThai"] == "DA_THANH_TOAN"
