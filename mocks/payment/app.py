"""Payment platform mock, modelled on the national payment platform (docs/contracts.md §2).

Create a transaction (HMAC-SHA256 MaXacThuc), the hosted payment page in Vietnamese, the
result sent back twice (browser return to UrlTraVe, server callback to UrlThongBao), query
and refund. Faults (``/_control/faults``, ``match`` on MaHoSo or MaThamChieu) break one
thing each; ``GET /_control/transactions`` shows every transaction with its callbacks.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI

from mocks.common.app import MockState, create_mock_app
from mocks.payment.api import api_router
from mocks.payment.callbacks import CallbackSender
from mocks.payment.page import page_router
from mocks.payment.settings import PaymentSettings
from mocks.payment.store import PaymentStore

FAULTS = {
    "decline": "the payment is declined by the bank (MaLoi 07)",
    "cancel": "the payment ends as if the payer cancelled (MaLoi 24)",
    "refuse": "create refuses the transaction: HTTP 400, MaLoi params.code (default 02), "
    "MoTaLoi params.message",
    "contradictory_status": "create takes the transaction and answers its success (MaLoi 00, "
    "MaGiaoDich, UrlThanhToan) with HTTP params.status (default 409) instead of 200",
    "timeout": "create answers after params.delay_s (default 10 s); the transaction times out (MaLoi 99)",
    "callback_delayed": "the callback is sent params.delay_s (default 3 s) after the browser returned",
    "callback_duplicated": "the callback is sent twice",
    "callback_bad_checksum": "the callback carries a wrong MaXacThuc",
    "callback_other_amount": "the callback carries params.amount (default SoTien + 1000), correctly signed",
    "no_callback": "the browser returns but no callback is ever sent",
    "query_pending": "the query answers TrangThai CHO_THANH_TOAN (with the ThoiGianGD of "
    "the create request), as if the payer had not acted yet, whatever the transaction's state",
}
MATCH_KEYS = ("MaHoSo", "MaThamChieu")


def create_app(public_url: str, settings: PaymentSettings | None = None) -> FastAPI:
    settings = settings or PaymentSettings()
    public_url = public_url.rstrip("/")
    state = MockState("payment", FAULTS, MATCH_KEYS)
    store = PaymentStore()
    sender = CallbackSender(state, settings)
    state.on_reset(store.reset)
    state.on_reset(sender.cancel_pending)

    control = APIRouter(prefix="/_control")

    @control.get("/transactions")
    async def transactions(
        MaHoSo: str | None = None,
        MaThamChieu: str | None = None,
    ) -> dict[str, Any]:
        picked = [
            txn.as_dict()
            for txn in store.by_id.values()
            if (MaHoSo is None or txn.MaHoSo == MaHoSo)
            and (MaThamChieu is None or txn.MaThamChieu == MaThamChieu)
        ]
        return {"transactions": picked}

    router = APIRouter()
    router.include_router(api_router(state, store, settings, public_url))
    router.include_router(page_router(state, store, settings, sender))
    router.include_router(control)
    return create_mock_app(
        state,
        title="Payment platform mock (nền tảng thanh toán)",
        extra=router,
        control_token=settings.control_token,
    )
