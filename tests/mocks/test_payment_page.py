"""The hosted payment page (§2.2) and the result sent back twice (§2.3), over HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import (
    RESULT,
    create,
    last_entry,
    pay,
    returned,
    signed_ok,
    transaction,
)


@pytest.mark.parametrize(("amount", "shown"), [(50000, "50.000 đồng"), (1250000, "1.250.000 đồng")])
def test_the_page_shows_amount_dossier_and_description_in_vietnamese(
    payment: httpx.Client, portal_double: PortalDouble, amount: int, shown: str
) -> None:
    txn = create(payment, portal_double.url, SoTien=amount)
    page = payment.get(txn["UrlThanhToan"])
    assert page.status_code == 200
    assert 'lang="vi"' in page.text
    assert f'data-testid="so-tien">{shown}<' in page.text
    assert f'data-testid="ma-ho-so">{txn["MaHoSo"]}<' in page.text
    assert 'data-testid="noi-dung">Lệ phí đăng ký khai sinh<' in page.text
    assert last_entry(payment, "page")["verdict"] == "accepted"


def test_paying_sends_the_signed_callback_before_the_browser_returns(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    response = pay(payment, txn, channel="VI_DIEN_TU")
    back = returned(response)
    assert response.headers["location"].startswith(txn["UrlTraVe"] + "?")
    # The redirect has only just been answered: the callback must already be there.
    (callback,) = portal_double.callbacks()
    for fields in (back, callback):
        assert fields["MaLoi"] == "00"
        assert fields["MaGiaoDich"] == txn["MaGiaoDich"]
        assert fields["MaThamChieu"] == txn["MaThamChieu"]
        assert str(fields["SoTien"]) == "50000"
        assert signed_ok(RESULT, fields), f"bad MaXacThuc in {fields}"
    assert callback["SoTien"] == 50000, "the callback is JSON: SoTien an integer"
    kept = transaction(payment, txn)
    assert (kept["TrangThai"], kept["MaLoi"], kept["KenhThanhToan"]) == (
        "DA_THANH_TOAN",
        "00",
        "VI_DIEN_TU",
    )
    assert kept["callbacks"][0]["portal_answer"] == {"status": 200, "body": {"MaLoi": "00"}}
    sent = last_entry(payment, "callback")
    assert (sent["direction"], sent["verdict"], sent["path"]) == (
        "outbound",
        "accepted",
        txn["UrlThongBao"],
    )
    assert sent["extra"]["portal_answer"]["body"] == {"MaLoi": "00"}


def test_cancelling_returns_24_and_still_calls_back(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    back = returned(pay(payment, txn, action="huy", channel=""))
    assert back["MaLoi"] == "24"
    assert [c["MaLoi"] for c in portal_double.callbacks()] == ["24"]
    assert transaction(payment, txn)["TrangThai"] == "DA_HUY"


def test_a_portal_refusing_the_callback_is_journaled_with_its_answer(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    portal_double.answer = (200, {"MaLoi": "02"})
    txn = create(payment, portal_double.url)
    returned(pay(payment, txn))
    sent = last_entry(payment, "callback")
    assert sent["verdict"] == "rejected"
    assert sent["extra"]["portal_answer"] == {"status": 200, "body": {"MaLoi": "02"}}
    assert transaction(payment, txn)["callbacks"][0]["portal_answer"]["body"] == {"MaLoi": "02"}


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"HanhDong": "thanh-toan"}, "Vui lòng chọn kênh thanh toán."),
        ({"HanhDong": "thanh-toan", "KenhThanhToan": "TIEN_MAT"}, "Vui lòng chọn kênh thanh toán."),
        ({"HanhDong": "xoa"}, "Yêu cầu không hợp lệ"),
    ],
)
def test_an_incomplete_choice_is_refused_and_the_transaction_stays_pending(
    payment: httpx.Client, portal_double: PortalDouble, form: dict[str, str], message: str
) -> None:
    txn = create(payment, portal_double.url)
    answer = payment.post(txn["UrlThanhToan"], data=form)
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and message in answer.text
    assert last_entry(payment, "pay")["verdict"] == "rejected"
    assert transaction(payment, txn)["TrangThai"] == "CHO_THANH_TOAN"
    assert portal_double.callbacks() == []


def test_a_finished_transaction_cannot_be_shown_or_paid_again(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    returned(pay(payment, txn))
    assert payment.get(txn["UrlThanhToan"]).status_code == 409
    assert pay(payment, txn).status_code == 409
    assert last_entry(payment, "pay")["reason"] == "transaction already finished (DA_THANH_TOAN)"
    assert len(portal_double.callbacks()) == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_transaction_is_refused(payment: httpx.Client, method: str) -> None:
    answer = payment.request(method, "/thanh-toan/GD-KHONG-CO")
    assert answer.status_code == 404
    assert "Không tìm thấy giao dịch" in answer.text
    entry = payment.get("/_control/journal").json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("rejected", "unknown MaGiaoDich 'GD-KHONG-CO'")
