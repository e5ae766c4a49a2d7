"""Working days and working hours (ngày làm việc, giờ làm việc).

Working days skip weekends and Vietnamese public holidays as the ``holidays`` library
knows them (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, substitute days off and the
Saturdays worked in exchange). Office hours are 07:30–11:30 and 13:00–17:00 (8 working
hours a day), Asia/Ho_Chi_Minh.

Due date rule (ngày hẹn trả): the processing time runs in working hours from the moment
a dossier is received. A dossier received after 16:30, or on a day that is not a
working day, counts from 07:30 of the next working day; one received before 07:30 or
over lunch counts from the next opening. N working days = N × 8 working hours from
there, so a dossier received at 10:00 on a Monday with 1 working day is due 10:00 on
Tuesday, and one received at 16:45 is due at 17:00 on the next working day but one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from portal import defects
from portal.integration.timefmt import VN_TZ

HOURS_PER_DAY = 8
WINDOWS = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
CUTOFF = time(16, 30)  # received later than this: counts from the next working day


@cache
def _vn_holidays() -> holidays.HolidayBase:
    return holidays.country_holidays("VN", language="vi")


def holiday_name(day: date) -> str | None:
    name = _vn_holidays().get(day)
    return str(name) if name else None


def is_working_day(day: date) -> bool:
    if defects.active("due_date_counts_weekends"):  # seeded defect: only holidays are days off
        return day not in _vn_holidays()
    if defects.active("due_date_ignores_holidays"):  # seeded defect: only weekends are days off
        return day.weekday() < 5
    return bool(_vn_holidays().is_working_day(day))


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, days: int) -> date:
    """The ``days``-th working day after ``day`` (``day`` itself not counted)."""
    if days < 0:
        raise ValueError("add_working_days counts forward only")
    for _ in range(days):
        day = next_working_day(day)
    return day


def _vn(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("working-time arithmetic needs aware datetimes")
    return moment.astimezone(VN_TZ)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=VN_TZ)


def _windows_from(moment: datetime) -> list[tuple[datetime, datetime]]:
    """Office-hour windows of ``moment``'s day that end after it, clipped to start at it."""
    day = moment.date()
    if not is_working_day(day):
        return []
    found = []
    for start, end in WINDOWS:
        window_end = _at(day, end)
        if window_end > moment:
            found.append((max(_at(day, start), moment), window_end))
    return found


def counting_start(received_at: datetime) -> datetime:
    """When the processing time starts running for a dossier received at ``received_at``."""
    moment = _vn(received_at)
    day = moment.date()
    if is_working_day(day) and moment.time() <= CUTOFF:
        windows = _windows_from(moment)
        if windows:
            return windows[0][0]
    return _at(next_working_day(day), WINDOWS[0][0])


def add_working_hours(start: datetime, hours: float) -> datetime:
    """``start`` plus ``hours`` of office time; lands at a window's end rather than the
    next window's start when the hours run out exactly there."""
    if hours < 0:
        raise ValueError("add_working_hours counts forward only")
    moment = _vn(start)
    remaining = timedelta(hours=hours)
    while True:
        for window_start, window_end in _windows_from(moment):
            available = window_end - window_start
            if remaining <= available:
                return window_start + remaining
            remaining -= available
        moment = _at(next_working_day(moment.date()), time(0, 0))


def working_hours_between(start: datetime, end: datetime) -> float:
    """Office hours between two moments (0 when ``end`` is not after ``start``)."""
    moment, end = _vn(start), _vn(end)
    total = timedelta()
    while moment < end:
        for window_start, window_end in _windows_from(moment):
            if window_start >= end:
                break
            total += min(window_end, end) - window_start
        moment = _at(next_working_day(moment.date()), time(0, 0))
    return total.total_seconds() / 3600


def due_at(received_at: datetime, *, working_days: float) -> datetime:
    """The due date (ngày hẹn trả) of a dossier received at ``received_at``."""
    return add_working_hours(counting_start(received_at), working_days * HOURS_PER_DAY)


@dataclass(frozen=True)
class TimeBudget:
    """Processing time used and left, in working hours (``left`` < 0 when overdue)."""

    used_hours: float
    left_hours: float

    @property
    def overdue(self) -> bool:
        return self.left_hours < 0

    @property
    def used_label(self) -> str:
        return format_hours(self.used_hours)

    @property
    def left_label(self) -> str:
        if self.overdue:
            return f"Quá hạn {format_hours(-self.left_hours)}"
        return format_hours(self.left_hours)


def time_budget(*, received_at: datetime, due: datetime, now: datetime) -> TimeBudget:
    start = counting_start(received_at)
    used = working_hours_between(start, now)
    if now <= due:
        left = working_hours_between(max(now, start), due)
    else:
        left = -working_hours_between(due, now)
    return TimeBudget(used_hours=used, left_hours=left)


def format_hours(hours: float) -> str:
    """``10.5`` → ``"1 ngày 2 giờ 30 phút làm việc"`` (8 working hours a day)."""
    minutes = round(abs(hours) * 60)
    days, minutes = divmod(minutes, HOURS_PER_DAY * 60)
    whole_hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if whole_hours:
        parts.append(f"{whole_hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    return f"{' '.join(parts) or '0 giờ'} làm việc"
