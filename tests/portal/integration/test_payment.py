"""The payment adapter against the contract (respx stands in for the payment platform)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx

from portal.integration.payment import (
    BadChecksum,
    InvalidPaymentResult,
    PaymentClient,
    PaymentRefused,
    PaymentUnavailable,
    new_reference,
)
from portal.integration.payment_checksum import (
    CREATE_FIELDS,
    QUERY_ANSWER_FIELDS,
    QUERY_FIELDS,
    REFUND_FIELDS,
    RESULT_FIELDS,
    checksum_of,
    sign,
)

BASE = "https://paygov.test"
PARTNER = "DVC-TINH-MAU"
SECRET = "payment-secret"
PAID = {
    "MaDoiTac": PARTNER,
    "MaThamChieu": "TT0001",
    "MaGiaoDich": "GD123",
    "SoTien": "150000",
    "MaLoi": "00",
    "ThoiGianGD": "20250902100500",
}

pytestmark = pytest.mark.anyio


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        yield mock


@pytest.fixture
async def client() -> AsyncIterator[PaymentClient]:
    async with httpx.AsyncClient() as http:
        yield PaymentClient(BASE, PARTNER, SECRET, http, timeout_s=2.5)


async def create(client: PaymentClient) -> Any:
    return await client.create_transaction(
        reference="TT0001",
        amount=150000,
        dossier_code="H99.01-250902-0001",
        procedure_code="1.001234",
        description="Lệ phí đăng ký khai sinh",
        return_url="http://127.0.0.1:8000/thanh-toan/ket-qua",
        notify_url="http://127.0.0.1:8000/api/thanh-toan/thong-bao",
        at=datetime(2025, 9, 2, 3, 0, 0, tzinfo=UTC),
    )


async def test_create_sends_signed_fields_and_returns_the_payment_url(
    api: respx.MockRouter, client: PaymentClient
) -> None:
    route = api.post("/api/giao-dich").respond(
        json={"MaLoi": "00", "MaGiaoDich": "GD123", "UrlThanhToan": f"{BASE}/thanh-toan/GD123"}
    )
    created = await create(client)
    assert (created.transaction_id, created.payment_url, created.reference) == (
        "GD123",
        f"{BASE}/thanh-toan/GD123",
        "TT0001",
    )
    sent = json.loads(route.calls.last.request.content)
    assert sent["SoTien"] == 150000 and sent["ThoiGianGD"] == "20250902100000"
    assert sent["MaXacThuc"] == checksum_of(SECRET, sent, CREATE_FIELDS)
    assert list(sent) == [*CREATE_FIELDS, "MaXacThuc"]


@pytest.mark.parametrize(
    ("side_effect", "reason"),
    [
        (httpx.ReadTimeout("slow"), "timeout after 2.5s"),
        (httpx.ConnectError("refused"), "cannot reach"),
        (httpx.Response(502, text="Bad Gateway"), "HTTP 502"),
        (httpx.Response(503, json={"MaLoi": "96", "MoTaLoi": "Hệ thống bận"}), "HTTP 503"),
        (httpx.Response(200, content=b"{not json"), "malformed JSON"),
        (httpx.Response(200, json={"MaGiaoDich": "GD1"}), "without MaLoi"),
        (httpx.Response(200, json={"MaLoi": "00"}), "without MaGiaoDich"),
    ],
    ids=[
        "timeout",
        "connect-error",
        "502",
        "503-with-code",
        "malformed-json",
        "no-maloi",
        "no-url",
    ],
)
async def test_no_usable_answer_is_unavailable_and_retryable(
    api: respx.MockRouter, client: PaymentClient, side_effect: Any, reason: str
) -> None:
    api.post("/api/giao-dich").mock(side_effect=[side_effect])
    with pytest.raises(PaymentUnavailable, match=reason) as caught:
        await create(client)
    assert caught.value.retryable is True
    assert "Hồ sơ của bạn vẫn được lưu" in caught.value.user_message


async def test_the_timeout_is_the_clients_own(api: respx.MockRouter, client: PaymentClient) -> None:
    route = api.post("/api/giao-dich").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(PaymentUnavailable):
        await create(client)
    assert route.calls.last.request.extensions["timeout"]["read"] == 2.5


@pytest.mark.parametrize(
    ("status", "code", "text"),
    [
        (400, "01", "Sai mã xác thực"),
        (400, "03", "Mã tham chiếu đã được sử dụng"),
        (200, "02", "Dữ liệu không hợp lệ"),
    ],
)
async def test_a_refusal_keeps_its_code_and_message(
    api: respx.MockRouter, client: PaymentClient, status: int, code: str, text: str
) -> None:
    api.post("/api/giao-dich").respond(status, json={"MaLoi": code, "MoTaLoi": text})
    with pytest.raises(PaymentRefused) as caught:
        await create(client)
    assert (caught.value.code, caught.value.description, caught.value.retryable) == (
        code,
        text,
        False,
    )
    assert text in caught.value.user_message


async def test_create_refuses_a_non_integer_amount(client: PaymentClient) -> None:
    for amount in (0, -1000, 1500.5, True):
        with pytest.raises(ValueError, match="SoTien"):
            await client.create_transaction(
                reference="R",
                amount=amount,  # type: ignore[arg-type]
                dossier_code="H",
                procedure_code="P",
                description="D",
                return_url="u",
                notify_url="n",
            )


async def test_a_signed_result_is_accepted(client: PaymentClient) -> None:
    result = client.verify_result(sign(SECRET, PAID, RESULT_FIELDS))
    assert (result.reference, result.transaction_id, result.amount, result.paid) == (
        "TT0001",
        "GD123",
        150000,
        True,
    )
    assert result.message == "Thanh toán thành công."


async def test_a_json_callback_with_an_integer_amount_is_accepted(client: PaymentClient) -> None:
    result = client.verify_result(sign(SECRET, {**PAID, "SoTien": 150000}, RESULT_FIELDS))
    assert result.amount == 150000


async def test_a_declined_result_is_verified_but_not_paid(client: PaymentClient) -> None:
    result = client.verify_result(sign(SECRET, {**PAID, "MaLoi": "07"}, RESULT_FIELDS))
    assert not result.paid and result.message == "Ngân hàng từ chối giao dịch."


@pytest.mark.parametrize(
    "tamper",
    [
        {"SoTien": "1500000"},
        {"MaLoi": "00", "MaThamChieu": "TT0002"},
        {"MaXacThuc": "0" * 64},
        {"MaXacThuc": None},
    ],
    ids=["other-amount", "other-reference", "wrong-checksum", "no-checksum"],
)
async def test_a_tampered_result_is_bad_checksum(
    client: PaymentClient, tamper: dict[str, Any]
) -> None:
    signed = sign(SECRET, PAID, RESULT_FIELDS)
    fields = {k: v for k, v in {**signed, **tamper}.items() if v is not None}
    with pytest.raises(BadChecksum):
        client.verify_result(fields)


@pytest.mark.parametrize("amount", ["150000.5", "1.5e5", "-150000", " 150000", ""])
async def test_a_signed_non_integer_amount_is_refused(client: PaymentClient, amount: str) -> None:
    with pytest.raises(InvalidPaymentResult):
        client.verify_result(sign(SECRET, {**PAID, "SoTien": amount}, RESULT_FIELDS))


async def test_a_float_amount_in_json_is_refused(client: PaymentClient) -> None:
    fields: dict[str, Any] = {**PAID, "SoTien": 150000.0}
    fields["MaXacThuc"] = checksum_of(SECRET, {**PAID, "SoTien": "150000.0"}, RESULT_FIELDS)
    with pytest.raises(InvalidPaymentResult, match="SoTien"):
        client.verify_result(fields)


async def test_a_result_for_another_partner_is_refused(client: PaymentClient) -> None:
    with pytest.raises(InvalidPaymentResult, match="another partner"):
        client.verify_result(sign(SECRET, {**PAID, "MaDoiTac": "KHAC"}, RESULT_FIELDS))


async def test_query_returns_a_verified_state(api: respx.MockRouter, client: PaymentClient) -> None:
    answer = sign(SECRET, {**PAID, "TrangThai": "DA_THANH_TOAN"}, QUERY_ANSWER_FIELDS)
    route = api.post("/api/truy-van").respond(json=answer)
    status = await client.query("TT0001")
    assert (status.state, status.amount, status.paid) == ("DA_THANH_TOAN", 150000, True)
    sent = json.loads(route.calls.last.request.content)
    assert sent == sign(SECRET, {"MaDoiTac": PARTNER, "MaThamChieu": "TT0001"}, QUERY_FIELDS)


async def test_a_query_answer_with_a_bad_checksum_is_refused(
    api: respx.MockRouter, client: PaymentClient
) -> None:
    answer = sign(SECRET, {**PAID, "TrangThai": "CHO_THANH_TOAN"}, QUERY_ANSWER_FIELDS)
    api.post("/api/truy-van").respond(json={**answer, "TrangThai": "DA_THANH_TOAN"})
    with pytest.raises(BadChecksum):
        await client.query("TT0001")


async def test_refund(api: respx.MockRouter, client: PaymentClient) -> None:
    route = api.post("/api/hoan-tien").respond(json={"MaLoi": "00", "MaHoanTien": "HT9"})
    assert (
        await client.refund(transaction_id="GD123", amount=150000, reason="Hồ sơ bị từ chối")
        == "HT9"
    )
    sent = json.loads(route.calls.last.request.content)
    assert sent["MaXacThuc"] == checksum_of(SECRET, sent, REFUND_FIELDS)
    assert sent["LyDo"] == "Hồ sơ bị từ chối"


def test_new_references_are_unique_and_ascii() -> None:
    references = {new_reference("H99.01-250902-0001") for _ in range(200)}
    assert len(references) == 200
    assert all(r.isascii() and r.isalnum() for r in references)
