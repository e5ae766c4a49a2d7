"""Server-to-server API of the payment platform: create (§2.1), query (§2.4), refund (§2.5).

A refusal answers ``{"MaLoi": CODE, "MoTaLoi": ...}`` naming the field, and is journaled
as rejected with the same words: ``01`` wrong checksum, ``02`` invalid data, ``03``
MaThamChieu already used.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from mocks.common.app import MockState, json_object, note, reject
from mocks.common.vn_time import now_vn, parse_stamp, stamp
from mocks.payment.checksum import (
    CREATE_FIELDS,
    QUERY_ANSWER_FIELDS,
    QUERY_FIELDS,
    REFUND_FIELDS,
    signed,
    verify,
)
from mocks.payment.settings import PaymentSettings
from mocks.payment.store import (
    PENDING,
    REFUNDED,
    SUCCEEDED,
    TIMED_OUT,
    PaymentStore,
    Transaction,
    new_number,
)

WRONG_CHECKSUM, INVALID, REFERENCE_USED = "01", "02", "03"
INTEGER_FIELDS = {"SoTien"}


class Refusal(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def refuse(request: Request, refusal: Refusal) -> JSONResponse:
    reject(request, f"MaLoi {refusal.code}: {refusal.message}")
    note(request, MaLoi=refusal.code)
    return JSONResponse(
        {"MaLoi": refusal.code, "MoTaLoi": refusal.message}, status_code=refusal.status
    )


def check_shape(body: dict[str, Any], fields: Sequence[str]) -> None:
    """Every field present, integers as JSON integers, the rest non-empty strings."""
    problems = []
    for name in (*fields, "MaXacThuc"):
        value = body.get(name)
        if name in INTEGER_FIELDS:
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{name}: phải là số nguyên (đồng)")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: thiếu hoặc rỗng")
    if problems:
        raise Refusal(INVALID, "; ".join(problems))


def check_partner_and_checksum(
    body: dict[str, Any], fields: Sequence[str], settings: PaymentSettings
) -> None:
    if body["MaDoiTac"] != settings.partner_code:
        raise Refusal(INVALID, f"MaDoiTac: đối tác {body['MaDoiTac']!r} chưa được đăng ký")
    if not verify(settings.secret, fields, body):
        raise Refusal(WRONG_CHECKSUM, "MaXacThuc: sai mã xác thực")


def check_create_values(body: dict[str, Any], settings: PaymentSettings) -> None:
    problems = []
    if body["SoTien"] <= 0:
        problems.append("SoTien: phải là số nguyên dương")
    if parse_stamp(body["ThoiGianGD"]) is None:
        problems.append(
            "ThoiGianGD: không đúng định dạng yyyyMMddHHmmss hoặc không phải ngày có thật"
        )
    for name in ("UrlTraVe", "UrlThongBao"):
        parts = urlsplit(body[name])
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append(f"{name}: không phải địa chỉ http(s) tuyệt đối")
        elif not settings.url_host_allowed(parts.hostname):
            problems.append(
                f"{name}: máy chủ {parts.hostname} không được phép (PAYMENT_ALLOWED_URL_HOSTS)"
            )
    if problems:
        raise Refusal(INVALID, "; ".join(problems))


def api_router(
    state: MockState, store: PaymentStore, settings: PaymentSettings, public_url: str
) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post("/giao-dich")
    async def create(request: Request) -> JSONResponse:
        note(request, service="create")
        body = await json_object(request)
        note(request, MaHoSo=body.get("MaHoSo"), MaThamChieu=body.get("MaThamChieu"))
        try:
            check_shape(body, CREATE_FIELDS)
            check_partner_and_checksum(body, CREATE_FIELDS, settings)
            check_create_values(body, settings)
            if body["MaThamChieu"] in store.by_reference:
                raise Refusal(REFERENCE_USED, f"MaThamChieu: {body['MaThamChieu']} đã được dùng")
        except Refusal as refusal:
            return refuse(request, refusal)
        refusing = state.faults.take(
            "refuse", MaHoSo=body["MaHoSo"], MaThamChieu=body["MaThamChieu"]
        )
        if refusing:  # a well-formed request the platform will not take (the fault)
            code = str(refusing.params.get("code", INVALID))
            message = str(refusing.params.get("message", "Giao dịch không được chấp nhận"))
            reject(request, f"fault: refuse, MaLoi {code}: {message}", verdict="fault")
            note(request, MaLoi=code)
            return JSONResponse({"MaLoi": code, "MoTaLoi": message}, status_code=400)
        txn = Transaction(MaGiaoDich=store.new_id(), **{name: body[name] for name in CREATE_FIELDS})
        store.add(txn)
        note(request, MaGiaoDich=txn.MaGiaoDich, MaLoi="00")
        timeout = state.faults.take("timeout", MaHoSo=txn.MaHoSo, MaThamChieu=txn.MaThamChieu)
        if timeout:
            # The platform answers too late for the portal, and its own side gives up:
            # the transaction ends timed out (MaLoi 99), no callback is sent.
            reject(request, "fault: timeout", verdict="fault")
            txn.finish(TIMED_OUT)
            await asyncio.sleep(float(timeout.params.get("delay_s", 10)))
        status = 200
        contradicting = state.faults.take(
            "contradictory_status", MaHoSo=txn.MaHoSo, MaThamChieu=txn.MaThamChieu
        )
        if contradicting:  # the body says "taken", the HTTP status says otherwise
            status = int(contradicting.params.get("status", 409))
            reject(
                request,
                f"fault: contradictory_status, MaLoi 00 with HTTP {status}",
                verdict="fault",
            )
        return JSONResponse(
            {
                "MaLoi": "00",
                "MaGiaoDich": txn.MaGiaoDich,
                "UrlThanhToan": f"{public_url}/thanh-toan/{txn.MaGiaoDich}",
            },
            status_code=status,
        )

    @router.post("/truy-van")
    async def query(request: Request) -> JSONResponse:
        note(request, service="query")
        body = await json_object(request)
        note(request, MaThamChieu=body.get("MaThamChieu"))
        try:
            check_shape(body, QUERY_FIELDS)
            check_partner_and_checksum(body, QUERY_FIELDS, settings)
            txn = store.by_reference.get(body["MaThamChieu"])
            if txn is None:
                raise Refusal(
                    INVALID, f"MaThamChieu: không có giao dịch {body['MaThamChieu']}", 404
                )
        except Refusal as refusal:
            return refuse(request, refusal)
        note(request, MaHoSo=txn.MaHoSo, TrangThai=txn.TrangThai)
        # MaLoi 00: the query succeeded; the transaction's state is TrangThai.
        answer = {**txn.result(), "MaLoi": "00", "TrangThai": txn.TrangThai}
        if state.faults.take("query_pending", MaHoSo=txn.MaHoSo, MaThamChieu=txn.MaThamChieu):
            # the platform's records lag behind its payment page: as before the payer acted
            reason = f"fault: query_pending, TrangThai {PENDING} instead of {txn.TrangThai}"
            reject(request, reason, verdict="fault")
            answer.update(ThoiGianGD=txn.ThoiGianGD, TrangThai=PENDING)
        return JSONResponse(signed(settings.secret, QUERY_ANSWER_FIELDS, answer))

    @router.post("/hoan-tien")
    async def refund(request: Request) -> JSONResponse:
        note(request, service="refund")
        body = await json_object(request)
        note(request, MaGiaoDich=body.get("MaGiaoDich"))
        try:
            check_shape(body, REFUND_FIELDS)
            check_partner_and_checksum(body, REFUND_FIELDS, settings)
            txn = store.by_id.get(body["MaGiaoDich"])
            if txn is None:
                raise Refusal(INVALID, f"MaGiaoDich: không có giao dịch {body['MaGiaoDich']}", 404)
            if txn.TrangThai != SUCCEEDED:
                raise Refusal(
                    INVALID,
                    f"MaGiaoDich: giao dịch ở trạng thái {txn.TrangThai}, không hoàn tiền được",
                )
            if body["SoTien"] != txn.SoTien:
                raise Refusal(
                    INVALID, f"SoTien: phải bằng số tiền đã thanh toán ({txn.SoTien} đồng)"
                )
        except Refusal as refusal:
            return refuse(request, refusal)
        refund_id = new_number("HT")
        txn.TrangThai = REFUNDED
        txn.refunds.append(
            {
                "MaHoanTien": refund_id,
                "SoTien": body["SoTien"],
                "LyDo": body["LyDo"],
                "time": stamp(now_vn()),
            }
        )
        note(request, MaHoSo=txn.MaHoSo, MaHoanTien=refund_id, MaLoi="00")
        return JSONResponse({"MaLoi": "00", "MaHoanTien": refund_id})

    return router
