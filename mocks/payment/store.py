"""The payment platform's transactions, as the mock keeps them."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from mocks.common.vn_time import now_vn, stamp

# MaLoi of a payment result (docs/contracts.md §2.3)
PAID, DECLINED, CANCELLED, TIMED_OUT = "00", "07", "24", "99"
# TrangThai of a transaction (§2.4)
PENDING, SUCCEEDED, FAILED, CANCELLED_STATE, REFUNDED = (
    "CHO_THANH_TOAN",
    "DA_THANH_TOAN",
    "THAT_BAI",
    "DA_HUY",
    "DA_HOAN_TIEN",
)
STATE_OF_RESULT = {PAID: SUCCEEDED, DECLINED: FAILED, CANCELLED: CANCELLED_STATE, TIMED_OUT: FAILED}
CHANNELS = {"ATM": "Thẻ ATM nội địa", "VI_DIEN_TU": "Ví điện tử", "QR": "Chuyển khoản QR"}


def new_number(prefix: str) -> str:
    return f"{prefix}{stamp(now_vn())[:8]}{secrets.randbelow(10**8):08d}"


@dataclass
class Transaction:
    MaGiaoDich: str
    MaDoiTac: str
    MaThamChieu: str
    SoTien: int
    MaHoSo: str
    MaTTHC: str
    ThongTinGiaoDich: str
    ThoiGianGD: str  # as the portal sent it in the create request
    UrlTraVe: str
    UrlThongBao: str
    TrangThai: str = PENDING
    MaLoi: str = ""  # the payment result, empty while pending
    ThoiGianKetQua: str = ""  # when the payer acted (or the transaction timed out)
    KenhThanhToan: str = ""
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    refunds: list[dict[str, Any]] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.TrangThai != PENDING

    def finish(self, code: str, channel: str = "") -> None:
        self.MaLoi = code
        self.TrangThai = STATE_OF_RESULT[code]
        self.ThoiGianKetQua = stamp(now_vn())
        self.KenhThanhToan = channel

    def result(self) -> dict[str, Any]:
        """The result fields (§2.3) before signing: ThoiGianGD is when the result was made."""
        return {
            "MaDoiTac": self.MaDoiTac,
            "MaThamChieu": self.MaThamChieu,
            "MaGiaoDich": self.MaGiaoDich,
            "SoTien": self.SoTien,
            "MaLoi": self.MaLoi,
            "ThoiGianGD": self.ThoiGianKetQua or self.ThoiGianGD,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PaymentStore:
    by_id: dict[str, Transaction] = field(default_factory=dict)
    by_reference: dict[str, Transaction] = field(default_factory=dict)

    def add(self, txn: Transaction) -> None:
        self.by_id[txn.MaGiaoDich] = txn
        self.by_reference[txn.MaThamChieu] = txn

    def new_id(self) -> str:
        while True:
            candidate = new_number("GD")
            if candidate not in self.by_id:
                return candidate

    def reset(self) -> None:
        self.by_id.clear()
        self.by_reference.clear()
