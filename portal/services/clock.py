"""The portal's clock: real time, moved forward (or back) in test mode.

Every due date, "overdue" mark and timestamp the portal writes comes from here, so a
scenario can check what happens three working days later (``PUT /_test/clock
{"offset_days": 3}``) or at a given moment to the minute (``{"at": "...+07:00"}``). Either
way the clock keeps an offset from the real time, so time still runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.integration.timefmt import VN_TZ


class Clock:
    def __init__(self, offset_days: int = 0) -> None:
        self.offset_days = offset_days
        self.offset_seconds = 0.0  # set by set_moment, on top of the whole days

    def now(self) -> datetime:
        """The current time, aware, in Asia/Ho_Chi_Minh, plus the offset."""
        offset = timedelta(days=self.offset_days, seconds=self.offset_seconds)
        return datetime.now(VN_TZ) + offset

    def set_offset(self, days: int) -> None:
        self.offset_days = days
        self.offset_seconds = 0.0

    def set_moment(self, at: datetime) -> None:
        """From now on ``now()`` is ``at`` (aware), then runs on with the real time."""
        self.offset_days = 0
        self.offset_seconds = (at - datetime.now(VN_TZ)).total_seconds()
