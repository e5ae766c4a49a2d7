"""The portal's clock: real time, moved forward (or back) by whole days in test mode.

Every due date, "overdue" mark and timestamp the portal writes comes from here, so a
scenario can check what happens three working days later (``PUT /_test/clock``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.integration.timefmt import VN_TZ


class Clock:
    def __init__(self, offset_days: int = 0) -> None:
        self.offset_days = offset_days

    def now(self) -> datetime:
        """The current time, aware, in Asia/Ho_Chi_Minh, plus the offset."""
        return datetime.now(VN_TZ) + timedelta(days=self.offset_days)

    def set_offset(self, days: int) -> None:
        self.offset_days = days
