"""Vietnam's time (Asia/Ho_Chi_Minh, UTC+7 all year) in the national systems' format.

Dates on the wire are ``yyyyMMddHHmmss``; a mock formats its own times with ``stamp`` and
reads the portal's with ``parse_stamp``, which accepts only real dates.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving time
STAMP_FORMAT = "%Y%m%d%H%M%S"
_STAMP = re.compile(r"^\d{14}$")


def now_vn(offset_days: int = 0) -> datetime:
    return datetime.now(VN_TZ) + timedelta(days=offset_days)


def stamp(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime(STAMP_FORMAT)


def parse_stamp(value: object) -> datetime | None:
    """``yyyyMMddHHmmss`` as an aware datetime in Vietnam's time, or None if it is not one
    (wrong type, wrong length, or not a real date such as 20250230...)."""
    if not isinstance(value, str) or not _STAMP.match(value):
        return None
    try:
        return datetime.strptime(value, STAMP_FORMAT).replace(tzinfo=VN_TZ)
    except ValueError:
        return None
