"""Working days and hours: weekends, Vietnamese public holidays (Tết), the 16:30 cut-off.

Expected dates around holidays are derived from the ``holidays`` library's own data
(its VN holiday dates and the Saturdays worked in exchange), never hard-coded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays
import pytest

from portal.integration.timefmt import VN_TZ
from portal.services import calendar

VN = holidays.country_holidays("VN", years=range(2025, 2029), language="vi")
# An ordinary week: Monday 13 to Friday 17 October 2025, no public holiday.
MONDAY = date(2025, 10, 13)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=VN_TZ)


def test_the_ordinary_week_really_is_ordinary() -> None:
    assert all(MONDAY + timedelta(days=i) not in VN for i in range(7))


def tet_days(year: int) -> list[date]:
    return sorted(
        d for d, name in VN.items() if d.year == year and "Tết" in name and "Dương" not in name
    )


def expected_next_working_day(day: date) -> date:
    """From the library's data alone: skip its holidays and weekends (but not its
    Saturdays worked in exchange)."""
    day += timedelta(days=1)
    while day in VN or (day.weekday() >= 5 and day not in VN.weekend_workdays):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_one_working_day_after_the_eve_of_tet_is_after_the_whole_holiday(year: int) -> None:
    tet = tet_days(year)
    assert len(tet) >= 5, f"the library knows Tết {year}"
    last_before = tet[0] - timedelta(days=1)
    while last_before.weekday() >= 5 or last_before in VN:
        last_before -= timedelta(days=1)
    landed = calendar.add_working_days(last_before, 1)
    assert landed > tet[-1]
    assert landed == expected_next_working_day(last_before)


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_ten_working_days_across_tet_skip_every_tet_day(year: int) -> None:
    start = tet_days(year)[0] - timedelta(days=7)
    expected = start
    for _ in range(10):
        expected = expected_next_working_day(expected)
    assert calendar.add_working_days(start, 10) == expected
    span = [start + timedelta(days=i) for i in range((expected - start).days + 1)]
    assert set(tet_days(year)) <= set(span), "the ten days run across Tết"


def test_a_saturday_worked_in_exchange_counts_and_its_day_off_does_not() -> None:
    worked = sorted(d for d in VN.weekend_workdays if d.year >= 2025)
    assert worked, "the library lists a Saturday worked in exchange"
    saturday = worked[0]
    assert calendar.is_working_day(saturday)
    day_before = saturday - timedelta(days=1)
    assert calendar.add_working_days(day_before, 1) == saturday
    substitutes = [d for d, name in VN.items() if "thay cho" in name and d.year == saturday.year]
    assert substitutes and not any(calendar.is_working_day(d) for d in substitutes)


def test_received_in_office_hours_counts_from_that_moment() -> None:
    assert calendar.counting_start(at(MONDAY, 10)) == at(MONDAY, 10)
    assert calendar.due_at(at(MONDAY, 10), working_days=1) == at(MONDAY + timedelta(days=1), 10)
    assert calendar.due_at(at(MONDAY, 10), working_days=3) == at(MONDAY + timedelta(days=3), 10)


def test_received_after_16_30_counts_from_the_next_working_day() -> None:
    assert calendar.counting_start(at(MONDAY, 16, 45)) == at(MONDAY + timedelta(days=1), 7, 30)
    assert calendar.due_at(at(MONDAY, 16, 45), working_days=1) == at(MONDAY + timedelta(days=1), 17)
    # 16:30 itself is still that day
    assert calendar.counting_start(at(MONDAY, 16, 30)) == at(MONDAY, 16, 30)


def test_received_on_a_weekend_or_over_lunch_counts_from_the_next_opening() -> None:
    saturday = MONDAY + timedelta(days=5)
    next_monday = MONDAY + timedelta(days=7)
    assert calendar.counting_start(at(saturday, 9)) == at(next_monday, 7, 30)
    assert calendar.counting_start(at(MONDAY, 12)) == at(MONDAY, 13)
    assert calendar.counting_start(at(MONDAY, 6)) == at(MONDAY, 7, 30)


def test_received_on_the_eve_of_tet_is_due_after_it() -> None:
    tet = tet_days(2026)
    eve = tet[0] - timedelta(days=1)
    while not calendar.is_working_day(eve):
        eve -= timedelta(days=1)
    due = calendar.due_at(at(eve, 10), working_days=1)
    assert due == at(expected_next_working_day(eve), 10)
    assert due.date() > tet[-1]


def test_working_hours_between_skip_nights_lunch_and_weekends() -> None:
    friday = MONDAY + timedelta(days=4)
    next_monday = MONDAY + timedelta(days=7)
    assert calendar.working_hours_between(at(friday, 16), at(next_monday, 8, 30)) == 2.0
    assert calendar.working_hours_between(at(MONDAY, 11), at(MONDAY, 14)) == 1.5
    assert calendar.working_hours_between(at(MONDAY, 14), at(MONDAY, 11)) == 0.0


def test_time_budget_used_left_and_overdue() -> None:
    received = at(MONDAY, 8)
    due = calendar.due_at(received, working_days=1)
    halfway = calendar.time_budget(received_at=received, due=due, now=at(MONDAY, 13))
    assert (halfway.used_hours, halfway.left_hours, halfway.overdue) == (3.5, 4.5, False)
    late = calendar.time_budget(
        received_at=received, due=due, now=at(MONDAY + timedelta(days=2), 9)
    )
    assert late.overdue and late.left_hours == -9.0
    assert late.left_label == "Quá hạn 1 ngày 1 giờ làm việc"
    assert halfway.used_label == "3 giờ 30 phút làm việc"


def test_aware_datetimes_only() -> None:
    with pytest.raises(ValueError, match="aware"):
        calendar.counting_start(datetime(2025, 10, 13, 10))
