"""Paying a dossier's fee: start an attempt, the browser return, the server callback.

``POST /ho-so/{code}/thanh-toan`` creates a transaction at the platform and sends the
browser there. ``GET /thanh-toan/ket-qua`` is the browser return (``UrlTraVe``);
``POST /api/thanh-toan/thong-bao`` the server callback (``UrlThongBao``), answered
``{"MaLoi": "00" | "01" | "02"}`` as docs/contracts.md 2.3 says.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from portal import defects
from portal.deps import citizen, maker_of, now, procedures_of, settings_of, sync_ctx
from portal.integration.payment import (
    BadChecksum,
    InvalidPaymentResult,
    PaymentClient,
    PaymentError,
    PaymentResult,
    PaymentUnavailable,
)
from portal.rendering import render, sign_in_redirect
from portal.services import dossiers, payments
from portal.views import PAYMENT_STATES
from portal.web_session import require_csrf

log = logging.getLogger("portal.payment")
router = APIRouter()


def client_of(request: Request) -> PaymentClient:
    client: PaymentClient = request.app.state.payment
    return client


@router.post("/ho-so/{code}/thanh-toan", dependencies=[Depends(require_csrf)])
async def start(request: Request, code: str) -> Response:
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    moment = now(request)
    with maker_of(request).begin() as db:
        dossier = dossiers.owned_dossier(db, code=code, owner_id=identity["SoDinhDanh"])
        if dossier is None:
            raise HTTPException(status_code=404)
        try:
            payment = payments.new_attempt(db, dossier=dossier, now=moment)
        except payments.NotPayable as exc:
            return _page(request, code=code, message=str(exc), ok=False, status=409)
        reference, amount = payment.reference, payment.amount
        procedure_code = dossier.procedure_code
    public = settings_of(request).public_url.rstrip("/")
    try:
        created = await client_of(request).create_transaction(
            reference=reference,
            amount=amount,
            dossier_code=code,
            procedure_code=procedure_code,
            description=f"Thanh toan phi, le phi ho so {code}",
            return_url=f"{public}/thanh-toan/ket-qua",
            notify_url=f"{public}/api/thanh-toan/thong-bao",
            at=moment,
        )
    except PaymentError as exc:
        log.warning("payment for %s could not start: %s", code, exc)
        state = "timeout" if isinstance(exc, PaymentUnavailable) else "failed"
        with maker_of(request).begin() as db:
            attempt = payments.by_reference(db, reference)
            if attempt is not None and attempt.state == "pending":
                attempt.state = state
                attempt.error_code = getattr(exc, "code", None)
                attempt.updated_at = now(request)
        status = 504 if isinstance(exc, PaymentUnavailable) else 502
        return _page(request, code=code, message=exc.user_message, ok=False, status=status)
    with maker_of(request).begin() as db:
        attempt = payments.by_reference(db, reference)
        if attempt is not None and not attempt.transaction_no:
            attempt.transaction_no = created.transaction_id
    return RedirectResponse(created.payment_url, status_code=303)


def _page(
    request: Request, *, code: str | None, message: str, ok: bool, status: int = 200
) -> Response:
    context: dict[str, Any] = {"message": message, "ok": ok, "code": code, "d": None}
    identity = citizen(request)
    if code and identity is not None:
        with maker_of(request)() as db:
            dossier = dossiers.owned_dossier(db, code=code, owner_id=identity["SoDinhDanh"])
            if dossier is not None:
                context.update(
                    d=dossier, payments=list(dossier.payments), payment_states=PAYMENT_STATES
                )
                return render(request, "payment/result.html", context, status=status)
    return render(request, "payment/result.html", context, status=status)


async def _settle(request: Request, result: PaymentResult, source: str) -> payments.Recorded:
    with maker_of(request).begin() as db:
        return payments.record_result(
            db,
            result=result,
            source=source,
            now=now(request),
            procedures=procedures_of(request),
            ctx=sync_ctx(request),
        )


@router.get("/thanh-toan/ket-qua")
async def browser_return(request: Request) -> Response:
    client = client_of(request)
    try:
        result = client.verify_result(dict(request.query_params))
    except (BadChecksum, InvalidPaymentResult) as exc:
        log.warning("browser return refused: %s", exc)
        return _page(request, code=None, message=exc.user_message, ok=False, status=400)
    with maker_of(request)() as db:
        attempt = payments.by_reference(db, result.reference)
        settled = attempt is not None and attempt.state in payments.FINAL_STATES
        code = attempt.dossier.code if attempt is not None else None
    if attempt is None:
        return _page(request, code=None, message="Không tìm thấy giao dịch.", ok=False, status=404)
    if not settled:
        # No callback yet: ask the platform, and fall back on the signed return.
        try:
            if defects.active("payment_query_skipped"):  # seeded defect: the return is trusted
                raise PaymentError("query skipped")
            status = await client.query(result.reference)
            recorded = await _settle(request, status, "query")
            if status.state == "CHO_THANH_TOAN":
                recorded = await _settle(request, result, "return")
        except PaymentError as exc:
            log.warning("query after the browser return failed: %s", exc)
            recorded = await _settle(request, result, "return")
        if recorded.answer != "00":
            message = "Kết quả thanh toán không khớp với giao dịch (mã tham chiếu hoặc số tiền)."
            return _page(request, code=code, message=message, ok=False, status=400)
    with maker_of(request)() as db:
        attempt = payments.by_reference(db, result.reference)
        paid = attempt is not None and attempt.state == "paid"
    message = "Thanh toán thành công." if paid else result.message
    return _page(request, code=code, message=message, ok=paid)


@router.post("/api/thanh-toan/thong-bao")
async def callback(request: Request) -> Response:
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"MaLoi": "02", "MoTaLoi": "Dữ liệu không hợp lệ"})
    if not isinstance(body, dict):
        return JSONResponse({"MaLoi": "02", "MoTaLoi": "Dữ liệu không hợp lệ"})
    try:
        result = client_of(request).verify_result(body)
    except BadChecksum:
        log.warning("payment callback with a wrong checksum: %s", body.get("MaThamChieu"))
        return JSONResponse({"MaLoi": "01", "MoTaLoi": "Sai mã xác thực"})
    except InvalidPaymentResult as exc:
        log.warning("payment callback refused: %s", exc)
        return JSONResponse({"MaLoi": "02", "MoTaLoi": "Dữ liệu không hợp lệ"})
    recorded = await _settle(request, result, "callback")
    if recorded.answer != "00":
        log.warning("payment callback for an unknown reference or another amount: %s", body)
        return JSONResponse({"MaLoi": "02", "MoTaLoi": "Giao dịch không tồn tại hoặc sai số tiền"})
    return JSONResponse({"MaLoi": "00"})
