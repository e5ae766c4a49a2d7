"""Checklist item 2: online submission (nộp hồ sơ trực tuyến).

The forms are filled from the target's procedure files (its ``procedures`` folder,
``fixtures/procedures.py``). Where a
scenario is not about signing in, the citizen's session is a precondition
(fixtures/preconditions.py): the target's test API with the claims the national SSO would
give, or, without one, the identity provider's login page.

Here: submitting and the receipt (nop_ho_so, tiep_nhan). What the portal refuses:
steps/submission_validation.py; a draft: steps/submission_draft.py; the sample papers and
filling the form: steps/world.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import holidays
import pytest
from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when
from pytest_playwright import CreateContextCallback

from fixtures.citizens import Citizen, new_citizen
from fixtures.control import MockControl
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.polling import poll
from fixtures.preconditions import Preconditions
from fixtures.procedures import ProcedureSpec, generate
from fixtures.target import OfficerAccount, Target
from pages.protocols import ROLE_PATTERN, PageSet
from steps.world import Submitted, attach_required, fill_fields, start_form, vn_today

SHOWN = "%H:%M %d/%m/%Y"  # how the portal shows a moment
OPENING = time(7, 30)  # office hours start; a dossier received earlier counts from here


@dataclass(frozen=True)
class TetBreak:
    eve: date  # the last working day before the break
    first: date
    last: date


def expected_due_date(received: datetime, working_days: int) -> date:
    """The due date by the rule of working days, from the ``holidays`` library: counted
    from the day of receipt, or from the next opening when received before 07:30 or on a
    day off (then the last day counts whole)."""
    vn = holidays.country_holidays("VN", years=range(received.year, received.year + 2))
    day, days = received.date(), working_days
    if not (vn.is_working_day(day) and received.time() >= OPENING):
        while not vn.is_working_day(day):
            day += timedelta(days=1)
        days -= 1
    for _ in range(days):
        day += timedelta(days=1)
        while not vn.is_working_day(day):
            day += timedelta(days=1)
    return day


def next_tet(after: date) -> TetBreak:
    """The next Tết Nguyên Đán break whose eve (last working day before) is after ``after``."""
    vn = holidays.country_holidays("VN", years=range(after.year, after.year + 3), language="vi")
    for day in sorted(d for d, name in vn.items() if name == "Tết Nguyên Đán"):
        first = last = day
        while first - timedelta(days=1) in vn:
            first -= timedelta(days=1)
        while last + timedelta(days=1) in vn:
            last += timedelta(days=1)
        eve = first - timedelta(days=1)
        while not vn.is_working_day(eve):
            eve -= timedelta(days=1)
        if eve > after:
            return TetBreak(eve=eve, first=first, last=last)
    raise LookupError(f"no Tết after {after} in the holidays library")


# --- Cho ---------------------------------------------------------------------------


@given("một công dân có phiên làm việc trên cổng dịch vụ công", target_fixture="citizen")
def _(
    request: pytest.FixtureRequest,
    target: Target,
    fake: Faker,
    preconditions: Preconditions,
    page: Page,
) -> Citizen:
    """A session opened through the test API (with an external identity provider, fixed
    test accounts, a person of this scenario only, who needs no account there), or, without
    one, through the provider's login page with a test account."""
    citizen: Citizen = (
        new_citizen(fake)
        if target.sso.external and not preconditions.through_ui
        else request.getfixturevalue("new_registered_citizen")
    )
    preconditions.sign_in_citizen(page, citizen)
    return citizen


@given("hôm nay là ngày làm việc cuối cùng trước kỳ nghỉ Tết Nguyên Đán", target_fixture="tet")
def _(portal_clock: Callable[[int], None], national_portal: ScenarioNationalPortal) -> TetBreak:
    tet = next_tet(vn_today())
    offset = (tet.eve - vn_today()).days
    portal_clock(offset)
    national_portal.move_clock(offset)
    return tet


# --- Khi ---------------------------------------------------------------------------


@when(
    "công dân tìm thủ tục trong danh mục và nộp hồ sơ với đủ thông tin và giấy tờ",
    target_fixture="submitted",
)
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Submitted:
    catalogue = ui.catalogue(page).open().search(procedure.code)
    form = catalogue.open_procedure(procedure.name).start_submission()
    fill_fields(
        form, procedure, {f.label: generate(f, fake, today=vn_today()) for f in procedure.to_fill}
    )
    attach_required(form, procedure, sample_files)
    return Submitted(form.submit_dossier().code(), procedure)


@when("công dân nộp hồ sơ với đủ thông tin và giấy tờ", target_fixture="submitted")
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Submitted:
    form, filled = start_form(ui, page, procedure, citizen, fake, share=1, papers=sample_files)
    return Submitted(form.submit_dossier().code(), filled.procedure)


# --- Thì ---------------------------------------------------------------------------


@then(parsers.parse('giấy tiếp nhận hiển thị mã hồ sơ và trạng thái "{status}"'))
def _(ui: PageSet, page: Page, submitted: Submitted, status: str) -> None:
    receipt = ui.receipt(page).is_current()
    expect(receipt.dossier_code, "mã hồ sơ trên giấy tiếp nhận").to_have_text(re.compile(r"\S{6,}"))
    expect(receipt.status, "trạng thái hồ sơ vừa nộp").to_have_text(status)


@then(
    "ngày hẹn trả trên giấy tiếp nhận cách ngày nộp đúng thời hạn giải quyết, không tính ngày nghỉ"
)
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    receipt = ui.receipt(page).is_current()
    received = datetime.strptime(receipt.received_at.inner_text().strip(), SHOWN)
    due = expected_due_date(received, submitted.procedure.processing_days)
    expect(
        receipt.due_at,
        f"ngày hẹn trả: {submitted.procedure.processing_days} ngày làm việc sau {received:%H:%M %d/%m/%Y}, "
        "không tính thứ Bảy, Chủ nhật và ngày lễ, Tết",
    ).to_have_text(re.compile(rf"^\d\d:\d\d {due:%d/%m/%Y}$"))


@then("ngày hẹn trả rơi vào sau kỳ nghỉ Tết")
def _(ui: PageSet, page: Page, tet: TetBreak) -> None:
    receipt = ui.receipt(page).is_current()
    received = datetime.strptime(receipt.received_at.inner_text().strip(), SHOWN).date()
    due = datetime.strptime(receipt.due_at.inner_text().strip(), SHOWN).date()
    assert received == tet.eve, (
        f"hồ sơ nộp ngày {received:%d/%m/%Y}, không phải ngày {tet.eve:%d/%m/%Y} trước Tết"
    )
    assert due > tet.last, (
        f"ngày hẹn trả {due:%d/%m/%Y} không sau kỳ nghỉ Tết ({tet.first:%d/%m} – {tet.last:%d/%m/%Y})"
    )


@then(parsers.parse('hồ sơ có trong mục "Hồ sơ của tôi" với trạng thái "{status}"'))
def _(ui: PageSet, page: Page, submitted: Submitted, status: str) -> None:
    row = ui.my_dossiers(page).open().row_of(submitted.code)
    expect(row, f"hồ sơ {submitted.code} trong mục Hồ sơ của tôi").to_contain_text(
        submitted.procedure.name
    )
    expect(row, "trạng thái của hồ sơ trong mục Hồ sơ của tôi").to_contain_text(status)


@then(parsers.re(f"(?P<role>{ROLE_PATTERN}) thấy hồ sơ vừa nộp trong danh sách hồ sơ cần xử lý"))
def _(
    ui: PageSet,
    new_context: CreateContextCallback,
    preconditions: Preconditions,
    submitted: Submitted,
    citizen: Citizen,
    officers: dict[str, OfficerAccount],
    role: str,
) -> None:
    officer = new_context().new_page()
    preconditions.sign_in_officer(officer, officers[role])
    queue = ui.officer_queue(officer).open().search(submitted.code)
    row = queue.row_of(submitted.code)
    expect(row, f"hồ sơ {submitted.code} trong danh sách của {role}").to_contain_text(
        citizen.full_name
    )
    expect(row, "hồ sơ mới cần bộ phận tiếp nhận xử lý").to_contain_text("Cần xử lý")


@then(
    parsers.parse('Cổng Dịch vụ công quốc gia nhận được hồ sơ với trạng thái {status:d} "{name}"')
)
def _(
    national_control: MockControl,
    submitted: Submitted,
    citizen: Citizen,
    status: int,
    name: str,
) -> None:
    held = poll(
        lambda: national_control.dossier(submitted.code),
        what=f"Cổng DVCQG nhận hồ sơ {submitted.code}",
    )
    assert held["statuses"][:1] == [status], (
        f"trạng thái đầu tiên Cổng DVCQG nhận: {held['statuses']} (đúng ra {status} {name})"
    )
    record = held["record"]
    assert (record["MaHoSo"], record["MaTTHC"], record["SoDinhDanh"]) == (
        submitted.code,
        submitted.procedure.code,
        citizen.cccd,
    ), f"hồ sơ Cổng DVCQG nhận không khớp: {record}"
    assert not held["rejected"], f"Cổng DVCQG từ chối: {held['rejected']}"
