"""The hosted payment page (§2.2) and what follows the payer's choice (§2.3).

The payer chooses a channel and pays, or cancels. The platform then sends the
server-to-server callback and, only after it, redirects the browser to UrlTraVe with the
signed result, except under ``callback_delayed`` (the browser returns first) and
``no_callback`` (no callback at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from mocks.common.app import MockState, note, reject
from mocks.payment.callbacks import CallbackPlan, CallbackSender
from mocks.payment.checksum import RESULT_FIELDS, signed
from mocks.payment.settings import PaymentSettings
from mocks.payment.store import CANCELLED, CHANNELS, DECLINED, PAID, PaymentStore, Transaction

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
PAY, CANCEL = "thanh-toan", "huy"


def vnd(amount: int) -> str:
    """50000 -> "50.000 đồng"."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def callback_plan(state: MockState, txn: Transaction) -> CallbackPlan:
    context = {"MaHoSo": txn.MaHoSo, "MaThamChieu": txn.MaThamChieu}
    if state.faults.take("no_callback", **context):
        return CallbackPlan(send=False, faults=["no_callback"])
    plan = CallbackPlan()
    delayed = state.faults.take("callback_delayed", **context)
    if delayed:
        plan.delay_s = float(delayed.params.get("delay_s", 3))
        plan.faults.append("callback_delayed")
    if state.faults.take("callback_duplicated", **context):
        plan.copies = 2
        plan.faults.append("callback_duplicated")
    if state.faults.take("callback_bad_checksum", **context):
        plan.bad_checksum = True
        plan.faults.append("callback_bad_checksum")
    other = state.faults.take("callback_other_amount", **context)
    if other:
        plan.amount = int(other.params.get("amount", txn.SoTien + 1000))
        plan.faults.append("callback_other_amount")
    return plan


def page_router(
    state: MockState, store: PaymentStore, settings: PaymentSettings, sender: CallbackSender
) -> APIRouter:
    router = APIRouter()

    def render(request: Request, name: str, context: dict[str, Any], status: int) -> Response:
        return TEMPLATES.TemplateResponse(request, name, context, status_code=status)

    def find(request: Request, transaction_id: str) -> Transaction | Response:
        txn = store.by_id.get(transaction_id)
        if txn is None:
            reject(request, f"unknown MaGiaoDich {transaction_id!r}")
            return render(request, "khong_tim_thay.html", {}, 404)
        note(request, MaGiaoDich=txn.MaGiaoDich, MaHoSo=txn.MaHoSo, MaThamChieu=txn.MaThamChieu)
        if txn.finished:
            reject(request, f"transaction already finished ({txn.TrangThai})")
            return render(request, "da_xu_ly.html", {"txn": txn}, 409)
        return txn

    def page(request: Request, txn: Transaction, error: str | None, status: int) -> Response:
        context = {"txn": txn, "amount": vnd(txn.SoTien), "channels": CHANNELS, "error": error}
        return render(request, "thanh_toan.html", context, status)

    @router.get("/thanh-toan/{transaction_id}", response_model=None)
    async def show(request: Request, transaction_id: str) -> Response:
        note(request, service="page")
        found = find(request, transaction_id)
        return found if isinstance(found, Response) else page(request, found, None, 200)

    @router.post("/thanh-toan/{transaction_id}", response_model=None)
    async def act(request: Request, transaction_id: str) -> Response:
        note(request, service="pay")
        found = find(request, transaction_id)
        if isinstance(found, Response):
            return found
        txn = found
        form = await request.form()
        action, channel = str(form.get("HanhDong", "")), str(form.get("KenhThanhToan", ""))
        if action not in (PAY, CANCEL):
            reject(request, f"HanhDong must be {PAY} or {CANCEL}, not {action!r}")
            return page(request, txn, "Yêu cầu không hợp lệ. Vui lòng chọn lại.", 400)
        if action == PAY and channel not in CHANNELS:
            reject(request, f"KenhThanhToan missing or unknown: {channel!r}")
            return page(request, txn, "Vui lòng chọn kênh thanh toán.", 400)
        context = {"MaHoSo": txn.MaHoSo, "MaThamChieu": txn.MaThamChieu}
        code = CANCELLED if action == CANCEL else PAID
        if action == PAY:
            fault = state.faults.take_any(("decline", "cancel"), **context)
            if fault:
                reject(request, f"fault: {fault.name}", verdict="fault")
                code = DECLINED if fault.name == "decline" else CANCELLED
        txn.finish(code, channel if action == PAY else "")
        plan = callback_plan(state, txn)
        note(request, MaLoi=code, callback_faults=plan.faults)
        if plan.send and plan.delay_s:
            sender.deliver_later(txn, plan)
        elif plan.send:
            await sender.deliver(txn, plan)  # before the browser is sent back
        fields = signed(settings.secret, RESULT_FIELDS, txn.result())
        separator = "&" if "?" in txn.UrlTraVe else "?"
        return RedirectResponse(f"{txn.UrlTraVe}{separator}{urlencode(fields)}", status_code=303)

    return router
