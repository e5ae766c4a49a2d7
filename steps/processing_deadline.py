"""Checklist item 4: the deadline (thoi_han_xu_ly) — the due date and the working time left
as the citizen and the officers see it, an overdue dossier marked in the queue, and the
apology letter that must come before a late result, with its new due date everywhere.
Moving the clock needs the test API; to the minute at set moments: steps/processing_time.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.national_portal import ScenarioNationalPortal
from fixtures.procedures import ProcedureSpec
from pages.test_api import PortalTestApi
from steps.world import ROLE, Dossier, People, citizen_page, officer_page


@given(parsers.parse("thời gian trôi qua {days:d} ngày mà hồ sơ chưa được trả kết quả"))
def _(
    portal_clock: Callable[[int], None], national_portal: ScenarioNationalPortal, days: int
) -> None:
    portal_clock(days)
    national_portal.move_clock(days)


@when(parsers.re(f"{ROLE} mở danh sách hồ sơ cần xử lý"))
def _(people: People, role: str) -> None:
    people.ui.officer_queue(people.officer(role)).open()


@when(
    parsers.re(f'{ROLE} gửi thư xin lỗi "(?P<text>.+)" và hẹn trả lại sau (?P<days>\\d+) ngày'),
    target_fixture="new_due",
)
def _(
    people: People, test_api: PortalTestApi, dossier: Dossier, role: str, text: str, days: str
) -> date:
    new_due = test_api.today() + timedelta(days=int(days))
    officer_page(people, role).open(dossier.code).send_apology(text, new_due)
    return new_due


@when("công dân mở hồ sơ của mình")
def _(people: People, dossier: Dossier) -> None:
    citizen_page(people, dossier)


# --- Thì ----------------------------------------------------------------------------


@then(parsers.re(f'hồ sơ được đánh dấu "Quá hạn" trong danh sách và trong trang xử lý của {ROLE}'))
def _(people: People, dossier: Dossier, role: str) -> None:
    queue = people.ui.officer_queue(people.officer(role)).open()
    cell = queue.column(dossier.code, "Hạn xử lý")
    expect(cell, f"danh sách đánh dấu hồ sơ {dossier.code} quá hạn").to_have_text("Quá hạn")
    page = officer_page(people, role).open(dossier.code)
    expect(page.overdue_warning, "trang xử lý cảnh báo hồ sơ quá hạn").to_be_visible()


@then(parsers.re(f"{ROLE} không thể trả kết quả khi chưa gửi thư xin lỗi"))
def _(people: People, dossier: Dossier, role: str) -> None:
    page = officer_page(people, role).open(dossier.code)
    expect(page.action_button("Gửi thư xin lỗi"), "cổng đề nghị gửi thư xin lỗi").to_be_visible()
    expect(page.action_button("Trả kết quả"), "chưa được trả kết quả khi quá hạn").to_have_count(0)
    status = page.post_action_directly(dossier.code, "Trả kết quả").status
    assert 400 <= status < 500, (
        f"cổng phải từ chối trả kết quả hồ sơ quá hạn chưa có thư xin lỗi (HTTP {status})"
    )


@then(parsers.parse('công dân thấy thư xin lỗi "{text}" và ngày hẹn trả mới'))
def _(
    people: People, dossier: Dossier, national_portal: ScenarioNationalPortal, new_due: date,
    text: str,
) -> None:  # fmt: skip
    page = citizen_page(people, dossier)
    expect(page.apology, "công dân thấy thư xin lỗi").to_have_text(text)
    expect(page.due, "ngày hẹn trả mới").not_to_have_text(people.ui.shown_time(dossier.due_at))
    # the date the officer chose, everywhere the due date appears
    day = new_due.strftime("%d/%m/%Y")
    expect(page.due, f"công dân thấy ngày hẹn trả mới {day}").to_contain_text(day)
    due = page.due.inner_text().strip()
    lookup = people.ui.public_lookup(people.person("người tra cứu")).open(dossier.code)
    expect(lookup.due_at, "trang tra cứu công khai: ngày hẹn trả mới").to_have_text(due)
    officer = people.ui.officer_dossier(people.officer("cán bộ một cửa")).open(dossier.code)
    expect(officer.due, "trang của cán bộ: ngày hẹn trả mới").to_have_text(due)
    people.settle(national_portal, dossier.code)
    record = (national_portal.dossier(dossier.code) or {}).get("record") or {}
    assert str(record.get("NgayHenTra", ""))[:8] == new_due.strftime("%Y%m%d"), (
        f"Cổng DVCQG phải giữ ngày hẹn trả mới {day}: NgayHenTra = {record.get('NgayHenTra')!r}"
    )


LEFT = re.compile(r"^(?:(\d+) ngày)? ?(?:(\d+) giờ)? ?(?:(\d+) phút)? ?làm việc$")


def working_hours(label: str) -> float:
    """ "1 ngày 2 giờ 30 phút làm việc" → 10.5 (8 working hours a day)."""
    found = LEFT.match(label.strip())
    assert found, f"thời gian còn lại không đúng dạng “N ngày M giờ làm việc”: {label!r}"
    days, hours, minutes = (int(x or 0) for x in found.groups())
    return days * 8 + hours + minutes / 60


@then("công dân thấy ngày hẹn trả và thời gian xử lý còn lại của hồ sơ")
def _(people: People, dossier: Dossier, procedure: ProcedureSpec) -> None:
    page = citizen_page(people, dossier)
    expect(page.due, "ngày hẹn trả cổng đã hẹn").to_have_text(people.ui.shown_time(dossier.due_at))
    left = working_hours(page.time_left.inner_text())
    budget = procedure.processing_days * 8
    assert 0 < left <= budget, f"thời gian còn lại {left} giờ phải trong (0, {budget}] giờ làm việc"


@then(parsers.re(f"{ROLE} thấy cùng ngày hẹn trả và thời gian xử lý còn lại như công dân"))
def _(people: People, dossier: Dossier, role: str) -> None:
    citizen = citizen_page(people, dossier)
    page = officer_page(people, role).open(dossier.code)
    expect(page.due, "cán bộ thấy cùng ngày hẹn trả").to_have_text(citizen.due.inner_text())
    expect(page.time_left, "cán bộ thấy cùng thời gian còn lại").to_have_text(
        citizen.time_left.inner_text()
    )


@then("công dân thấy hồ sơ đã quá hạn")
def _(people: People, dossier: Dossier) -> None:
    page = citizen_page(people, dossier)
    expect(page.time_left, "thời gian còn lại báo quá hạn").to_contain_text("Quá hạn")
