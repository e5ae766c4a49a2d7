"""Paying the fee: the callback is verified (checksum, amount, reference) and idempotent;
a browser return without callback asks the platform; a failure keeps the dossier."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.integration.outbox import OutboxMessage
from portal.integration.payment_checksum import QUERY_ANSWER_FIELDS, RESULT_FIELDS, sign
from portal.models import Dossier, HistoryEntry, Payment
from portal.services import payments
from portal.settings import DEFAULT_PAYMENT_SECRET
from tests.portal.conftest import PAYMENT_URL, Portal, identity

pytestmark = pytest.mark.anyio
CITIZEN = identity()
PARTNER = "DVC-TINH-MAU"
CALLBACK = "/api/thanh-toan/thong-bao"


async def dossier_with_attempt(
    portal: Portal, maker: sessionmaker[Session], status: int = 1
) -> tuple[str, str]:
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "2.000488", "identity": CITIZEN, "status": status}
    )
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    with maker.begin() as db:
        dossier = db.scalars(select(Dossier).where(Dossier.code == code)).one()
        reference = payments.new_attempt(db, dossier=dossier, now=dossier.updated_at).reference
    return code, reference


def result(
    reference: str, *, amount: int = 200_000, code: str = "00", secret: str = DEFAULT_PAYMENT_SECRET
) -> dict[str, Any]:
    fields: dict[str, str | int | None] = {
        "MaDoiTac": PARTNER,
        "MaThamChieu": reference,
        "MaGiaoDich": "GD0001",
        "SoTien": amount,
        "MaLoi": code,
        "ThoiGianGD": "20251013090000",
    }
    return sign(secret, fields, RESULT_FIELDS)


def paid_history(maker: sessionmaker[Session], code: str) -> list[str]:
    with maker() as db:
        dossier = db.scalars(select(Dossier).where(Dossier.code == code)).one()
        return [
            h.action
            for h in db.scalars(select(HistoryEntry).where(HistoryEntry.dossier_id == dossier.id))
            if "Thanh toán" in h.action
        ]


def dossier_of(maker: sessionmaker[Session], code: str) -> Dossier:
    with maker() as db:
        return db.scalars(select(Dossier).where(Dossier.code == code)).one()


async def test_a_good_callback_pays_the_dossier_once_even_if_repeated(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    for _ in range(3):
        answer = await portal.anonymous.http.post(CALLBACK, json=result(reference))
        assert answer.status_code == 200 and answer.json() == {"MaLoi": "00"}
    dossier = dossier_of(maker, code)
    assert dossier.fee_paid and dossier.fee_transaction == "GD0001"
    assert len(paid_history(maker, code)) == 1
    with maker() as db:
        assert [p.state for p in db.scalars(select(Payment))] == ["paid"]
        records = db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.service == "DongBoHoSoMC")
            .order_by(OutboxMessage.id)
        ).all()
    # the national portal hears of the payment once, as an update of the same status
    assert [r.payload["TrangThaiHoSo"] for r in records] == [1, 1]
    fee = records[-1].payload["DanhSachLePhi"][0]
    assert (fee["TrangThaiThanhToan"], fee["MaGiaoDich"], fee["MucThuPhi"]) == (
        1,
        "GD0001",
        200_000,
    )


@pytest.mark.parametrize(
    ("tamper", "answer"),
    [
        ({"secret": "khoa-sai"}, "01"),
        ({"amount": 201_000}, "02"),
        ({"reference": "TT-KHONG-CO"}, "02"),
    ],
    ids=["wrong-checksum", "other-amount", "unknown-reference"],
)
async def test_a_bad_callback_is_refused_and_records_nothing(
    portal: Portal, maker: sessionmaker[Session], tamper: dict[str, Any], answer: str
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    body = result(
        tamper.get("reference", reference),
        amount=tamper.get("amount", 200_000),
        secret=tamper.get("secret", DEFAULT_PAYMENT_SECRET),
    )
    response = await portal.anonymous.http.post(CALLBACK, json=body)
    assert response.json()["MaLoi"] == answer
    assert not dossier_of(maker, code).fee_paid and paid_history(maker, code) == []


async def test_an_altered_field_breaks_the_checksum(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    body = {**result(reference), "MaLoi": "00", "MaGiaoDich": "GD-KHAC"}
    assert (await portal.anonymous.http.post(CALLBACK, json=body)).json()["MaLoi"] == "01"
    assert not dossier_of(maker, code).fee_paid


async def test_a_decline_keeps_the_dossier_payable_again(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    answer = await portal.anonymous.http.post(CALLBACK, json=result(reference, code="07"))
    assert answer.json() == {"MaLoi": "00"}
    dossier = dossier_of(maker, code)
    assert dossier.status == 1 and not dossier.fee_paid
    page = (await (await portal.sign_in(identity=CITIZEN)).get(f"/ho-so/{code}")).text
    assert "Thanh toán lệ phí" in page and "Ngân hàng từ chối" in page


async def test_paying_a_financial_obligation_resumes_processing(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker, status=6)
    await portal.anonymous.http.post(CALLBACK, json=result(reference))
    assert dossier_of(maker, code).status == 4


async def test_a_browser_return_without_callback_asks_the_platform(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    answer = sign(
        DEFAULT_PAYMENT_SECRET,
        {**result(reference), "TrangThai": "DA_THANH_TOAN"},
        QUERY_ANSWER_FIELDS,
    )
    citizen = await portal.sign_in(identity=CITIZEN)
    with respx.mock(assert_all_called=True) as platform:
        query = platform.post(f"{PAYMENT_URL}/api/truy-van").respond(json=answer)
        page = await citizen.get("/thanh-toan/ket-qua", params=result(reference))
    assert query.called
    assert page.status_code == 200 and "Thanh toán thành công." in page.text
    assert 'aria-labelledby="p-txn">GD0001<' in page.text
    assert dossier_of(maker, code).fee_paid
    with maker() as db:
        assert db.scalars(select(Payment)).one().confirmed_by == "query"


async def test_a_forged_browser_return_is_refused(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    code, reference = await dossier_with_attempt(portal, maker)
    page = await portal.anonymous.get("/thanh-toan/ket-qua", params=result(reference, secret="x"))
    assert page.status_code == 400 and "sai mã xác thực" in page.text
    assert not dossier_of(maker, code).fee_paid


async def test_starting_a_payment_redirects_to_the_platform(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "2.000488", "identity": CITIZEN, "status": 1}
    )
    code = response.json()["code"]
    citizen = await portal.sign_in(identity=CITIZEN)
    with respx.mock(assert_all_called=True) as platform:
        create = platform.post(f"{PAYMENT_URL}/api/giao-dich").respond(
            json={
                "MaLoi": "00",
                "MaGiaoDich": "GD9",
                "UrlThanhToan": "http://127.0.0.1:9/thanh-toan/GD9",
            }
        )
        started = await citizen.post(f"/ho-so/{code}/thanh-toan", {})
    assert started.status_code == 303 and started.headers["location"].endswith("/thanh-toan/GD9")
    sent = create.calls.last.request
    body = httpx.Response(200, content=sent.content).json()
    assert body["SoTien"] == 200_000 and body["MaHoSo"] == code and body["MaTTHC"] == "2.000488"
    assert body["UrlThongBao"] == "http://portal.test/api/thanh-toan/thong-bao"


async def test_a_timeout_keeps_the_dossier_and_offers_to_pay_again(
    portal: Portal, maker: sessionmaker[Session]
) -> None:
    response = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "2.000488", "identity": CITIZEN, "status": 1}
    )
    code = response.json()["code"]
    citizen = await portal.sign_in(identity=CITIZEN)
    with respx.mock(assert_all_called=True) as platform:
        platform.post(f"{PAYMENT_URL}/api/giao-dich").mock(side_effect=httpx.ReadTimeout("slow"))
        page = await citizen.post(f"/ho-so/{code}/thanh-toan", {})
    assert page.status_code == 504
    assert (
        "Chưa kết nối được với nền tảng thanh toán" in page.text
        and "Thanh toán lệ phí" in page.text
    )
    dossier = dossier_of(maker, code)
    assert dossier.status == 1 and not dossier.fee_paid
