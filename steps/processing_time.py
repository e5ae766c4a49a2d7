"""Checklist item 4: the processing time to the minute, at moments the scenario sets.

The expected values come from the rule the feature states (8 working hours a day, windows
07:30–11:30 and 13:00–17:00, Vietnam's time; received after 16:30 or on a day off: counts
from 07:30 of the next working day; days off from the ``holidays`` library), worked out
here from the scenario's own moments, never by asking the portal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.procedures import ProcedureSpec
from steps.world import Dossier, People

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS_PER_DAY = 8


def vn_moment(clock: str, day: str) -> datetime:
    """ "09:00", "01/12/2026" → that moment in Vietnam."""
    return datetime.strptime(f"{clock} {day}", "%H:%M %d/%m/%Y").replace(tzinfo=VN)


def working_day_after(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` not counted; 0: ``day``)."""
    vn = holidays.country_holidays("VN", years=range(day.year, day.year + 2))
    for _ in range(count):
        day += timedelta(days=1)
        while not vn.is_working_day(day):
            day += timedelta(days=1)
    return day


def label(minutes: int) -> str:
    """Working minutes as the rule writes them: 390 → "6 giờ 30 phút làm việc"."""
    days, minutes = divmod(minutes, HOURS_PER_DAY * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "ngày"), (hours, "giờ"), (minutes, "phút")) if n]
    return f"{' '.join(parts) or '0 giờ'} làm việc"


def budget_minutes(procedure: ProcedureSpec) -> int:
    return procedure.processing_days * HOURS_PER_DAY * 60


# --- Cho / Khi ----------------------------------------------------------------------


@given(parsers.parse("đồng hồ của cổng chỉ {clock} ngày {day}"))
@when(parsers.parse("đồng hồ của cổng chỉ {clock} ngày {day}"))
def _(portal_moment: Callable[[datetime], None], clock: str, day: str) -> None:
    portal_moment(vn_moment(clock, day))


@when(
    parsers.parse(
        "đồng hồ của cổng chỉ {minutes:d} phút sau giờ hẹn trả của hồ sơ nhận lúc {clock} ngày {day}"
    )
)
def _(
    portal_moment: Callable[[datetime], None],
    procedure: ProcedureSpec,
    minutes: int,
    clock: str,
    day: str,
) -> None:
    """Received on a working day inside office hours: due at the same time of day, the
    processing time's number of working days later."""
    received = vn_moment(clock, day)
    due_day = working_day_after(received.date(), procedure.processing_days)
    due = datetime.combine(due_day, received.time(), tzinfo=VN)
    portal_moment(due + timedelta(minutes=minutes))


# --- Thì ----------------------------------------------------------------------------


@then(parsers.parse('công dân thấy thời gian đã sử dụng "{used}"'))
def _(people: People, dossier: Dossier, used: str) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(page.time_used, "thời gian đã sử dụng, tính theo giờ làm việc").to_have_text(used)


@then(
    parsers.parse(
        "công dân thấy thời gian còn lại bằng thời hạn giải quyết trừ {minutes:d} phút làm việc"
    )
)
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, minutes: int) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    left = label(budget_minutes(procedure) - minutes)
    expect(
        page.time_left,
        f"thời gian còn lại: {procedure.processing_days} ngày làm việc trừ {minutes} phút",
    ).to_have_text(left)


@then(
    parsers.parse(
        "công dân thấy thời gian đã sử dụng bằng thời hạn giải quyết cộng {minutes:d} phút làm việc"
    )
)
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, minutes: int) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    used = label(budget_minutes(procedure) + minutes)
    expect(
        page.time_used,
        f"thời gian đã sử dụng: {procedure.processing_days} ngày làm việc và {minutes} phút",
    ).to_have_text(used)


@then(parsers.parse('công dân thấy thời gian còn lại "{left}"'))
def _(people: People, dossier: Dossier, left: str) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(page.time_left, "thời gian còn lại báo quá hạn, tính đến từng phút").to_have_text(left)


@then(
    parsers.parse(
        "công dân thấy ngày hẹn trả lúc {clock} sau đủ thời hạn giải quyết tính từ ngày {day}"
    )
)
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, clock: str, day: str) -> None:
    """Counted from inside office hours: the same time of day, N working days later."""
    start = vn_moment(clock, day)
    due = datetime.combine(
        working_day_after(start.date(), procedure.processing_days), start.time(), tzinfo=VN
    )
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(
        page.due, f"hẹn trả {procedure.processing_days} ngày làm việc sau {clock} ngày {day}"
    ).to_have_text(people.ui.shown_time(due))


@then(
    parsers.parse(
        "công dân thấy ngày hẹn trả lúc {clock} của ngày làm việc cuối cùng của thời hạn "
        "tính từ ngày {day}"
    )
)
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, clock: str, day: str) -> None:
    """Counted from 07:30 of ``day`` (a working day): N whole working days, the last of
    them ``day``'s (N-1)-th working day after, ending at the close of office hours."""
    first = vn_moment(clock, day)
    last = working_day_after(first.date(), procedure.processing_days - 1)
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(
        page.due,
        f"hẹn trả lúc {clock} ngày làm việc thứ {procedure.processing_days} kể từ ngày {day}",
    ).to_have_text(people.ui.shown_time(datetime.combine(last, first.time(), tzinfo=VN)))
