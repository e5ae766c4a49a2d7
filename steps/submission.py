"""Checklist item 2: online submission (nộp hồ sơ trực tuyến).

The forms are filled from the target's procedure files (its ``procedures`` folder,
``fixtures/procedures.py``). Where a
scenario is not about signing in, the citizen's session is a precondition
(fixtures/preconditions.py): the target's test API with the claims the national SSO would
give, or, without one, the identity provider's login page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

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
from fixtures.procedures import (
    FIELD_KINDS,
    ProcedureSpec,
    claim_value,
    field_of_kind,
    generate,
)
from fixtures.target import OfficerAccount, Target
from pages.protocols import ROLE_PATTERN, PageSet, SubmissionForm
from steps.world import Filled, Submitted, vn_today

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SHOWN = "%H:%M %d/%m/%Y"  # how the portal shows a moment
OPENING = time(7, 30)  # office hours start; a dossier received earlier counts from here
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAMPLE_FILES = {  # how a scenario names a file → (file name, content)
    "một bản PDF": ("giay-chung-sinh.pdf", PDF),
    "văn bản Word": ("giay-chung-sinh.docx", b"PK\x03\x04" + b"\0" * 64),
    "bản PDF nặng 6 MB": ("giay-chung-sinh.pdf", PDF + b"0" * 6 * 2**20),
    "chương trình đổi tên thành .pdf": ("giay-chung-sinh.pdf", b"MZ\x90\0" * 64),
}
RELATIVE_DAYS = {"ngày mai": 1}
EMPTY = "(để trống)"
PAST_AGE_LIMIT = "quá giới hạn tuổi một năm"  # a date: the field's max_age_years + 1 ago
KIND = "|".join(map(re.escape, FIELD_KINDS))


@dataclass(frozen=True)
class TetBreak:
    eve: date  # the last working day before the break
    first: date
    last: date


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample papers as files (a path uploads fast; a 6 MB buffer does not)."""
    folder = tmp_path_factory.mktemp("giay-to")
    files = {}
    for index, (sample, (name, content)) in enumerate(SAMPLE_FILES.items()):
        path = folder / str(index) / name
        path.parent.mkdir()
        path.write_bytes(content)
        files[sample] = path
    return files


def fill_fields(form: SubmissionForm, procedure: ProcedureSpec, values: dict[str, str]) -> None:
    for spec in procedure.to_fill:
        if spec.label in values:
            form.fill(spec.label, values[spec.label], choice=bool(spec.choices))


def attach_required(
    form: SubmissionForm, procedure: ProcedureSpec, files: dict[str, Path]
) -> dict[str, str]:
    pdf = files["một bản PDF"]
    for attachment in procedure.required_attachments:
        form.attach(attachment.name, pdf)
    return {a.name: pdf.name for a in procedure.required_attachments}


def start_form(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    share: float,
) -> tuple[SubmissionForm, Filled]:
    """Open the form and type ``share`` of the fields the citizen has to fill."""
    form = ui.submission_form(page).open(procedure.code).is_current()
    todo = procedure.to_fill[: round(len(procedure.to_fill) * share)]
    typed = {f.label: generate(f, fake, today=vn_today()) for f in todo}
    fill_fields(form, procedure, typed)
    return form, Filled(procedure, {**shown_from_identity(procedure, citizen), **typed})


def shown_from_identity(procedure: ProcedureSpec, citizen: Citizen) -> dict[str, str]:
    """label → the value the form shows from the citizen's identity."""
    return {f.label: claim_value(citizen, f.prefill) for f in procedure.prefilled if f.prefill}


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


@given("công dân đã điền tờ khai với đủ thông tin và giấy tờ", target_fixture="filled")
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Filled:
    form, filled = start_form(ui, page, procedure, citizen, fake, share=1)
    return Filled(
        filled.procedure, filled.values, attach_required(form, filled.procedure, sample_files)
    )


@given(
    "công dân đã điền tờ khai với đủ thông tin nhưng chưa đính kèm giấy tờ",
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, citizen: Citizen, fake: Faker) -> Filled:
    return start_form(ui, page, procedure, citizen, fake, share=1)[1]


@given("công dân đã điền một nửa tờ khai và đính kèm giấy tờ", target_fixture="filled")
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Filled:
    form, filled = start_form(ui, page, procedure, citizen, fake, share=0.5)
    return Filled(
        filled.procedure, filled.values, attach_required(form, filled.procedure, sample_files)
    )


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
    form, filled = start_form(ui, page, procedure, citizen, fake, share=1)
    attach_required(form, filled.procedure, sample_files)
    return Submitted(form.submit_dossier().code(), filled.procedure)


@when(
    parsers.re(f'công dân nhập "(?P<value>[^"]*)" vào ô (?P<kind>{KIND}) rồi nộp hồ sơ'),
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, filled: Filled, value: str, kind: str) -> Filled:
    """The procedure's first editable field of that kind (fixtures/procedures.FIELD_KINDS)."""
    spec = field_of_kind(filled.procedure, kind)
    assert spec is not None, f"thủ tục {filled.procedure.code} không có ô {kind}"
    typed = "" if value == EMPTY else value
    if value in RELATIVE_DAYS:
        typed = (vn_today() + timedelta(days=RELATIVE_DAYS[value])).isoformat()
    if value == PAST_AGE_LIMIT:
        years = (spec.max_age_years or 0) + 1
        typed = (vn_today() - timedelta(days=years * 366)).isoformat()
    form = ui.submission_form(page)
    form.fill(spec.label, typed, choice=bool(spec.choices))
    form.try_to_submit()
    values = {**filled.values, spec.label: typed}
    return Filled(filled.procedure, values, filled.attached, typed=spec)


@when(parsers.parse("công dân đính kèm giấy tờ bắt buộc là {sample} rồi nộp hồ sơ"))
def _(
    ui: PageSet, page: Page, sample_files: dict[str, Path], procedure: ProcedureSpec, sample: str
) -> None:
    """The procedure's first required paper."""
    form = ui.submission_form(page)
    form.attach(procedure.required_attachments[0].name, sample_files[sample])
    form.try_to_submit()


@when("công dân nộp hồ sơ mà chưa đính kèm giấy tờ")
def _(ui: PageSet, page: Page) -> None:
    ui.submission_form(page).try_to_submit()


@when("công dân lưu nháp hồ sơ")
def _(ui: PageSet, page: Page) -> None:
    ui.submission_form(page).save_draft()


@when('công dân mở lại hồ sơ nháp từ mục "Hồ sơ của tôi"')
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    ui.my_dossiers(page).open().resume_draft(filled.procedure.name)


@when("công dân điền nốt tờ khai và nộp hồ sơ", target_fixture="submitted")
def _(ui: PageSet, page: Page, filled: Filled, fake: Faker) -> Submitted:
    form = ui.submission_form(page)
    rest = [f for f in filled.procedure.to_fill if f.label not in filled.values]
    fill_fields(
        form, filled.procedure, {f.label: generate(f, fake, today=vn_today()) for f in rest}
    )
    return Submitted(form.submit_dossier().code(), filled.procedure)


@when(
    "công dân sửa họ tên và số định danh điền sẵn trên tờ khai "
    "bằng công cụ của trình duyệt rồi lưu nháp",
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, citizen: Citizen, fake: Faker) -> Filled:
    form = ui.submission_form(page).open(procedure.code).is_current()
    for spec in procedure.prefilled:
        if spec.prefill in ("HoVaTen", "SoDinhDanh"):
            form.force(spec.label, generate(spec, fake, today=vn_today()))
    form.save_draft()
    return Filled(procedure, shown_from_identity(procedure, citizen))


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


@then(parsers.parse('cổng không nhận hồ sơ và báo ở ô đó: "{message}"'))
def _(ui: PageSet, page: Page, filled: Filled, message: str) -> None:
    """``message`` may name the field: [tên ô], [tên ô viết thường], [giới hạn tuổi], and
    [lời nhắn của thủ tục] (the field's pattern_message in the procedure file)."""
    spec = filled.typed
    assert spec is not None, "kịch bản chưa nhập vào ô nào"
    for token, text in {
        "[tên ô]": spec.label,
        "[tên ô viết thường]": spec.label[:1].lower() + spec.label[1:],
        "[giới hạn tuổi]": str(spec.max_age_years),
        "[lời nhắn của thủ tục]": spec.pattern_message,
    }.items():
        message = message.replace(token, text)
    assert_refused_at(ui, page, spec.label, message)


def assert_refused_at(ui: PageSet, page: Page, label: str, message: str) -> None:
    form = ui.submission_form(page).is_current()
    expect(form.errors, "tóm tắt lỗi của tờ khai").to_contain_text(message)
    expect(form.field(label), f"lời nhắn gắn với ô {label}").to_have_accessible_description(
        re.compile(re.escape(message))
    )
    expect(form.field(label), f"ô {label} được đánh dấu không hợp lệ").to_have_attribute(
        "aria-invalid", "true"
    )


@then(parsers.parse('cổng không nhận hồ sơ và báo ở giấy tờ bắt buộc: "{message}"'))
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, message: str) -> None:
    """The procedure's first required paper; [tên giấy tờ] in ``message`` is its name."""
    paper = procedure.required_attachments[0].name
    assert_refused_at(ui, page, paper, message.replace("[tên giấy tờ]", paper))


@then("các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên")
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    form = ui.submission_form(page).is_current()
    for label, value in filled.values.items():
        expect(form.field(label), f"giá trị đã nhập ở ô {label}").to_have_value(value)
    for paper, file_name in filled.attached.items():
        kept = re.compile(re.escape(f"Đã đính kèm: {file_name}"))
        expect(form.field(paper), f"tệp đã đính kèm cho {paper}").to_have_accessible_description(
            kept
        )


@then("tờ khai đã lưu vẫn mang họ tên và số định danh trên tài khoản định danh")
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    form = ui.submission_form(page).is_current()
    for spec in filled.procedure.prefilled:
        if spec.prefill in ("HoVaTen", "SoDinhDanh"):
            expect(form.field(spec.label), f"ô {spec.label} sau khi lưu").to_have_value(
                filled.values[spec.label]
            )


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
