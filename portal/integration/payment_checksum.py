"""The payment platform's checksum ``MaXacThuc`` (docs/contracts.md §2).

``MaXacThuc`` = lowercase hex HMAC-SHA256(secret, the listed fields' values joined with
``|`` in the order listed); integers as decimal strings, absent values as empty strings.
The mock implements the same rule on its own (it must not import the portal).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence

CHECKSUM_FIELD = "MaXacThuc"

# §2.1 create a transaction (request)
CREATE_FIELDS: tuple[str, ...] = (
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
# §2.3 result: browser return and server callback
RESULT_FIELDS: tuple[str, ...] = (
    "MaDoiTac",
    "MaThamChieu",
    "MaGiaoDich",
    "SoTien",
    "MaLoi",
    "ThoiGianGD",
)
# §2.4 query: request, then answer
QUERY_FIELDS: tuple[str, ...] = ("MaDoiTac", "MaThamChieu")
QUERY_ANSWER_FIELDS: tuple[str, ...] = (*RESULT_FIELDS, "TrangThai")
# §2.5 refund (request)
REFUND_FIELDS: tuple[str, ...] = ("MaDoiTac", "MaGiaoDich", "SoTien", "LyDo")

Value = str | int | None


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # bool is an int: refuse it rather than sign "True"
        raise TypeError("a checksum value cannot be a bool")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"a checksum value must be str, int or None, not {type(value).__name__}")


def checksum(secret: str, values: Sequence[Value]) -> str:
    """Lowercase hex HMAC-SHA256 over ``values`` joined with ``|`` (None as "")."""
    message = "|".join(_text(v) for v in values)
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def checksum_of(secret: str, fields: Mapping[str, Value], order: Sequence[str]) -> str:
    """The checksum of a message: ``fields`` taken in ``order`` (absent ones as "")."""
    return checksum(secret, [fields.get(name) for name in order])


def sign(secret: str, fields: Mapping[str, Value], order: Sequence[str]) -> dict[str, Value]:
    """The message with ``MaXacThuc`` added."""
    return {**fields, CHECKSUM_FIELD: checksum_of(secret, fields, order)}


def checksum_matches(secret: str, fields: Mapping[str, Value], order: Sequence[str]) -> bool:
    """Whether ``fields[MaXacThuc]`` is the right checksum (constant-time comparison)."""
    given = fields.get(CHECKSUM_FIELD)
    if not isinstance(given, str) or not given:
        return False
    expected = checksum_of(secret, fields, order)
    return hmac.compare_digest(expected.encode("ascii"), given.strip().lower().encode("utf-8"))
