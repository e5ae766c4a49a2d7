"""Adapter to the payment platform (docs/contracts.md §2).

A timeout never loses anything: ``create_transaction`` raises ``PaymentUnavailable``
and the caller keeps its dossier and the ``MaThamChieu`` it sent (the platform may have
created the transaction). The caller may ``query(reference)`` it later, must still
accept a result that arrives for that reference, and makes a new attempt with a new
reference (``new_reference()``) rather than re-sending the old one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from portal import defects
from portal.integration.payment_checksum import (
    CHECKSUM_FIELD,
    CREATE_FIELDS,
    QUERY_ANSWER_FIELDS,
    QUERY_FIELDS,
    REFUND_FIELDS,
    RESULT_FIELDS,
    Value,
    checksum,
    checksum_matches,
    sign,
)
from portal.integration.timefmt import now_vn, vn_timestamp

__all__ = [
    "CREATE_FIELDS",
    "QUERY_ANSWER_FIELDS",
    "QUERY_FIELDS",
    "REFUND_FIELDS",
    "RESULT_FIELDS",
    "BadChecksum",
    "CreatedTransaction",
    "InvalidPaymentResult",
    "PaymentClient",
    "PaymentError",
    "PaymentRefused",
    "PaymentResult",
    "PaymentStatus",
    "PaymentUnavailable",
    "checksum",
    "new_reference",
]

PAID = "00"
RESULT_MESSAGES = {
    "00": "Thanh toán thành công.",
    "07": "Ngân hàng từ chối giao dịch.",
    "24": "Bạn đã hủy giao dịch.",
    "99": "Giao dịch đã quá thời gian chờ thanh toán.",
}
# The portal's answers to the server-to-server callback (§2.3)
CALLBACK_RECORDED = {"MaLoi": "00"}
CALLBACK_BAD_CHECKSUM = {"MaLoi": "01"}
CALLBACK_UNKNOWN = {"MaLoi": "02"}  # unknown reference, other amount, malformed fields
_INTEGER = re.compile(r"[0-9]+")


class PaymentError(Exception):
    retryable = False
    user_message = "Đã có lỗi khi thanh toán."


class PaymentUnavailable(PaymentError):
    """No usable answer (timeout, connection, 5xx, malformed): nothing is lost, try later."""

    retryable = True
    user_message = (
        "Chưa kết nối được với nền tảng thanh toán. Hồ sơ của bạn vẫn được lưu; "
        "vui lòng thử thanh toán lại sau ít phút."
    )


class PaymentRefused(PaymentError):
    """The platform answered with an error code (``MaLoi`` other than 00)."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(f"MaLoi {code}: {description}")
        self.code = code
        self.description = description
        self.user_message = f"Nền tảng thanh toán từ chối giao dịch: {description}"


class BadChecksum(PaymentError):
    """``MaXacThuc`` does not match: the message is forged or altered; do not use it."""

    user_message = "Kết quả thanh toán không hợp lệ (sai mã xác thực)."


class InvalidPaymentResult(PaymentError):
    """A signed result whose fields are unusable (missing, other partner, SoTien not integer)."""

    user_message = "Kết quả thanh toán không hợp lệ."


@dataclass(frozen=True)
class CreatedTransaction:
    transaction_id: str
    payment_url: str
    reference: str


@dataclass(frozen=True)
class PaymentResult:
    reference: str
    transaction_id: str
    amount: int
    code: str
    time: str
    fields: dict[str, str] = field(repr=False)

    @property
    def paid(self) -> bool:
        return self.code == PAID

    @property
    def message(self) -> str:
        return RESULT_MESSAGES.get(self.code, f"Giao dịch không thành công (mã lỗi {self.code}).")


@dataclass(frozen=True)
class PaymentStatus(PaymentResult):
    state: str = "CHO_THANH_TOAN"  # CHO_THANH_TOAN DA_THANH_TOAN THAT_BAI DA_HUY DA_HOAN_TIEN


def new_reference(dossier_code: str = "") -> str:
    """A fresh ``MaThamChieu`` for one payment attempt (unique, opaque, ASCII)."""
    prefix = re.sub(r"[^A-Za-z0-9]", "", dossier_code)[-20:]
    return f"TT{prefix}{now_vn():%y%m%d%H%M%S}{secrets.token_hex(4).upper()}"


class PaymentClient:
    def __init__(
        self,
        base_url: str,
        partner_code: str,
        secret: str,
        http: httpx.AsyncClient,
        timeout_s: float = 5.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.partner_code = partner_code
        self._secret = secret
        self.http = http
        self.timeout_s = timeout_s

    async def create_transaction(
        self,
        *,
        reference: str,
        amount: int,
        dossier_code: str,
        procedure_code: str,
        description: str,
        return_url: str,
        notify_url: str,
        at: datetime | None = None,
    ) -> CreatedTransaction:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise ValueError(f"SoTien must be a positive integer (VND), got {amount!r}")
        fields: dict[str, Value] = {
            "MaDoiTac": self.partner_code,
            "MaThamChieu": reference,
            "SoTien": amount,
            "MaHoSo": dossier_code,
            "MaTTHC": procedure_code,
            "ThongTinGiaoDich": description,
            "ThoiGianGD": vn_timestamp(at or now_vn()),
            "UrlTraVe": return_url,
            "UrlThongBao": notify_url,
        }
        body = await self._post("/api/giao-dich", sign(self._secret, fields, CREATE_FIELDS))
        transaction_id, url = body.get("MaGiaoDich"), body.get("UrlThanhToan")
        if not isinstance(transaction_id, str) or not isinstance(url, str) or not url:
            raise PaymentUnavailable("create: success without MaGiaoDich or UrlThanhToan")
        return CreatedTransaction(
            transaction_id=transaction_id, payment_url=url, reference=reference
        )

    async def query(self, reference: str) -> PaymentStatus:
        fields = {"MaDoiTac": self.partner_code, "MaThamChieu": reference}
        body = await self._post("/api/truy-van", sign(self._secret, fields, QUERY_FIELDS))
        result = self._verified(body, QUERY_ANSWER_FIELDS)
        state = body.get("TrangThai")
        if not isinstance(state, str) or not state:
            raise InvalidPaymentResult("query: answer without TrangThai")
        if result.reference != reference:
            raise InvalidPaymentResult(f"query: answer names {result.reference!r}")
        return PaymentStatus(**{**result.__dict__, "state": state})

    async def refund(self, *, transaction_id: str, amount: int, reason: str) -> str:
        """Refund a paid transaction; return ``MaHoanTien``. After a timeout, ``query``
        the transaction (``DA_HOAN_TIEN``?) before asking again."""
        fields: dict[str, Value] = {
            "MaDoiTac": self.partner_code,
            "MaGiaoDich": transaction_id,
            "SoTien": amount,
            "LyDo": reason,
        }
        body = await self._post("/api/hoan-tien", sign(self._secret, fields, REFUND_FIELDS))
        refund_id = body.get("MaHoanTien")
        if not isinstance(refund_id, str) or not refund_id:
            raise PaymentUnavailable("refund: success without MaHoanTien")
        return refund_id

    def verify_result(self, fields: Mapping[str, Any]) -> PaymentResult:
        """Check a browser return (query string) or callback (JSON body); raise
        ``BadChecksum`` or ``InvalidPaymentResult``. The caller still compares the
        reference and amount with its own record of the transaction."""
        return self._verified(fields, RESULT_FIELDS)

    def _verified(self, fields: Mapping[str, Any], order: tuple[str, ...]) -> PaymentResult:
        values = {k: v for k, v in fields.items() if k in order or k == CHECKSUM_FIELD}
        for name, value in values.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
                raise InvalidPaymentResult(f"{name} has an unexpected type")
        unchecked = defects.active("payment_checksum_unchecked")  # seeded defect
        if not unchecked and not checksum_matches(self._secret, values, order):
            raise BadChecksum("MaXacThuc does not match the fields")
        text = {k: "" if v is None else str(v) for k, v in values.items()}
        missing = [name for name in order if not text.get(name)]
        if missing:
            raise InvalidPaymentResult(f"missing fields: {', '.join(missing)}")
        if text["MaDoiTac"] != self.partner_code:
            raise InvalidPaymentResult(f"result for another partner: {text['MaDoiTac']!r}")
        if not _INTEGER.fullmatch(text["SoTien"]):
            raise InvalidPaymentResult(f"SoTien is not an integer: {text['SoTien']!r}")
        return PaymentResult(
            reference=text["MaThamChieu"],
            transaction_id=text["MaGiaoDich"],
            amount=int(text["SoTien"]),
            code=text["MaLoi"],
            time=text["ThoiGianGD"],
            fields=text,
        )

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self.http.post(
                f"{self.base_url}{path}", json=body, timeout=self.timeout_s
            )
        except httpx.TimeoutException as exc:
            raise PaymentUnavailable(f"timeout after {self.timeout_s:g}s calling {path}") from exc
        except httpx.HTTPError as exc:
            raise PaymentUnavailable(f"cannot reach {path}: {exc.__class__.__name__}") from exc
        if response.status_code >= 500:
            raise PaymentUnavailable(f"{path}: HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise PaymentUnavailable(
                f"{path}: malformed JSON (HTTP {response.status_code})"
            ) from exc
        if not isinstance(answer, dict) or not isinstance(answer.get("MaLoi"), str):
            raise PaymentUnavailable(f"{path}: answer without MaLoi (HTTP {response.status_code})")
        if answer["MaLoi"] != PAID:
            raise PaymentRefused(answer["MaLoi"], str(answer.get("MoTaLoi") or "không rõ lý do"))
        if response.status_code != 200:
            raise PaymentUnavailable(f"{path}: MaLoi 00 with HTTP {response.status_code}")
        return answer
