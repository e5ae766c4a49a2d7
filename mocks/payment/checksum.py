"""MaXacThuc: lowercase hex HMAC-SHA256(secret, the listed fields' values joined with ``|``).

Integers as decimal strings, absent values as empty strings (docs/contracts.md §2). The
portal has its own implementation: the mock must not import the portal.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

CREATE_FIELDS = (
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaHoSo",
    "MaTTHC",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "UrlTraVe",
    "UrlThongBao",
)
RESULT_FIELDS = ("MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "MaLoi", "ThoiGianGD")
QUERY_FIELDS = ("MaDoiTac", "MaThamChieu")
QUERY_ANSWER_FIELDS = (*RESULT_FIELDS, "TrangThai")
REFUND_FIELDS = ("MaDoiTac", "MaGiaoDich", "SoTien", "LyDo")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def checksum(secret: str, fields: Sequence[str], values: Mapping[str, Any]) -> str:
    message = "|".join(_text(values.get(name)) for name in fields)
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def signed(secret: str, fields: Sequence[str], values: Mapping[str, Any]) -> dict[str, Any]:
    """The listed fields followed by their MaXacThuc."""
    body = {name: values.get(name) for name in fields}
    body["MaXacThuc"] = checksum(secret, fields, values)
    return body


def verify(secret: str, fields: Sequence[str], body: Mapping[str, Any]) -> bool:
    given = body.get("MaXacThuc")
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given, checksum(secret, fields, body))
