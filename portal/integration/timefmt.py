"""Timestamps of the national systems: ``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
VN_FORMAT = "%Y%m%d%H%M%S"


def vn_timestamp(dt: datetime) -> str:
    """Format an aware datetime as ``yyyyMMddHHmmss`` in Vietnam's time; refuse a naive one."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("vn_timestamp needs an aware datetime (with tzinfo), got a naive one")
    return dt.astimezone(VN_TZ).strftime(VN_FORMAT)


def parse_vn_timestamp(value: str) -> datetime:
    """Parse ``yyyyMMddHHmmss`` (Vietnam's time) into an aware datetime in Asia/Ho_Chi_Minh."""
    if len(value) != 14 or not value.isdigit():
        raise ValueError(f"not a yyyyMMddHHmmss timestamp: {value!r}")
    return datetime.strptime(value, VN_FORMAT).replace(tzinfo=VN_TZ)


def now_vn() -> datetime:
    """The current time, aware, in Asia/Ho_Chi_Minh."""
    return datetime.now(VN_TZ)
