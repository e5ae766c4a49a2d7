"""Stronger oracles (issue 20), values: what the citizen entered and what the officers
decided is checked wherever it appears — the receipt, the citizen's dossier page, the
public lookup, the officer's page, every record sent to the national portal, the
e-result's text — and valid input of every real-world kind is accepted.

The citizen's e-form goes to the portal over HTTP (``ui.http``, the citizen's own
session), as the browser would post it: what is checked is what the portal keeps and
shows, not how fast a form is typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import holidays
from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then

from fixtures.e_result import pdf_text
from fixtures.national_portal import ScenarioNationalPortal, parse_stamp
from fixtures.oracles import field_of_kind, page_text, procedure_of_kind, squeeze
from fixtures.procedures import FieldSpec, ProcedureSpec, StepSpec, fill_values
from steps.world import Dossier, People

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Entered:
    """A dossier the citizen submitted: what they typed, and what the portal must keep."""

    code: str
    procedure: ProcedureSpec
    kept: dict[str, str]  # field name → the value the portal must keep and show

    def evidence_label(self) -> str:
        return f"hồ sơ {self.code} ({self.procedure.evidence_label()})"


def as_shown(spec: FieldSpec, value: str) -> str:
    """A field's value as a page or a document writes it (dates ``dd/mm/yyyy``)."""
    if spec.type == "date" and len(value) == 10 and value[4] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return value


def submit_over_http(people: People, procedure: ProcedureSpec, typed: dict[str, str]) -> str:
    """Post the e-form (with a PDF for every required paper) in the citizen's session;
    the dossier's code, or a failure that quotes the portal's answer."""
    http = people.ui.http
    sender = http.sender(people.citizen())
    papers = [a.code for a in procedure.required_attachments]
    form = http.submission_form(procedure.code, typed, papers, draft=False)
    answer = sender.send(form, sender.token())
    location = answer.headers.get("location", "")
    assert answer.status in (302, 303) and location, (
        f"cổng không nhận tờ khai hợp lệ (HTTP {answer.status}): {page_text(answer.text())}"
    )
    return http.receipt_code(urlsplit(location).path)


# --- Cho ----------------------------------------------------------------------------


@given(
    parsers.parse(
        '{kind} được công dân nộp trực tuyến, số điện thoại viết dạng "84…" '
        'và thư điện tử ở tên miền "{domain}"'
    ),
    target_fixture="entered",
)
def _(people: People, procedure: ProcedureSpec, fake: Faker, kind: str, domain: str) -> Entered:
    procedure = procedure_of_kind(procedure, kind.removeprefix("hồ sơ ").strip())
    today = datetime.now(VN).date()
    kept = fill_values(procedure, fake, people.the_citizen, today=today)
    typed = dict(kept)
    phone, email = (
        field_of_kind(procedure, "số điện thoại"),
        field_of_kind(procedure, "thư điện tử"),
    )
    typed[phone.name] = "84" + kept[phone.name][1:]  # 84 9xx xxx xxx: the same number
    kept[email.name] = typed[email.name] = f"{people.the_citizen.cccd[-6:]}.congdan@{domain}"
    return Entered(submit_over_http(people, procedure, typed), procedure, kept)


@given("cổng đã gửi hồ sơ đó lên Cổng DVCQG", target_fixture="dossier")
def _(people: People, national_portal: ScenarioNationalPortal, entered: Entered) -> Dossier:
    national_portal.watch(entered.code)
    held = national_portal.wait_for_status(entered.code, 1)
    due = parse_stamp(held["record"]["NgayHenTra"])
    assert due is not None, f"NgayHenTra không theo định dạng: {held['record']['NgayHenTra']!r}"
    return Dossier(entered.code, entered.procedure.code, people.the_citizen, due.replace(tzinfo=VN))


# --- Thì ----------------------------------------------------------------------------


@then("giấy tiếp nhận ghi đúng mã hồ sơ, chủ hồ sơ và trạng thái công dân thấy trên trang hồ sơ")
def _(people: People, entered: Entered) -> None:
    page = people.citizen()
    status = people.ui.citizen_dossier(page).open(entered.code).status.inner_text().strip()
    receipt = people.ui.receipt(page).open(entered.code).is_current()
    expect(receipt.dossier_code, "mã hồ sơ trên giấy tiếp nhận").to_have_text(entered.code)
    owner = people.the_citizen.full_name
    expect(receipt.owner, "chủ hồ sơ trên giấy tiếp nhận").to_have_text(owner)
    expect(receipt.status, "trạng thái trên giấy tiếp nhận").to_have_text(status)


@then(
    parsers.re(
        "(?P<role>cán bộ một cửa|chuyên viên|lãnh đạo) thấy từng thông tin của tờ khai đúng như công dân đã khai"
    )
)
def _(people: People, entered: Entered, role: str) -> None:
    page = people.ui.officer_dossier(people.officer(role)).open(entered.code)
    for spec in entered.procedure.fields:
        shown = as_shown(spec, entered.kept[spec.name])
        expect(
            page.value(spec.label), f"{role} thấy “{spec.label}” như công dân đã khai"
        ).to_have_text(shown)


@then("văn bản kết quả ghi đúng mã hồ sơ, chủ hồ sơ, người ký và từng thông tin của tờ khai")
def _(people: People, entered: Entered) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(entered.code)
    text = squeeze(pdf_text(page.download_result()))
    citizen = people.the_citizen
    approver = people.ui.officer_dossier(people.officer("lãnh đạo")).officer_name()
    wanted = {"mã hồ sơ": entered.code, "chủ hồ sơ": citizen.full_name,
              "số định danh": citizen.cccd, "người ký (lãnh đạo đã phê duyệt)": approver}  # fmt: skip
    for spec in entered.procedure.fields:
        if spec.read_only:
            continue  # the holder's name and number: in the header rows above
        value = as_shown(spec, entered.kept[spec.name])
        if value:
            wanted[spec.label] = value
    missing = {what: value for what, value in wanted.items() if squeeze(value) not in text}
    assert not missing, f"văn bản kết quả không ghi đúng: {missing}\n--- văn bản ---\n{text[:1500]}"


@then("ngày ký trên văn bản kết quả là ngày lãnh đạo phê duyệt mà công dân thấy")
def _(people: People, entered: Entered) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(entered.code)
    approved = [r for r in page.history_rows() if r["what"].startswith("Phê duyệt")]
    assert approved, f"quá trình xử lý không có bước phê duyệt: {page.history_rows()}"
    day = datetime.strptime(approved[-1]["at"], "%H:%M %d/%m/%Y")
    text = squeeze(pdf_text(page.download_result()))
    line = f"ngày {day.day:02d} tháng {day.month} năm {day.year}"
    assert line in text, (
        f"văn bản kết quả phải ghi “{line}” (ngày phê duyệt); văn bản: {text[:800]}"
    )


@then(
    "mọi bản ghi hồ sơ gửi Cổng DVCQG ghi đúng chủ hồ sơ, số điện thoại và thư điện tử công dân đã khai"
)
def _(people: People, national_portal: ScenarioNationalPortal, entered: Entered) -> None:
    people.settle(national_portal, entered.code)
    procedure, citizen = entered.procedure, people.the_citizen
    phone = entered.kept[field_of_kind(procedure, "số điện thoại").name]
    email = entered.kept[field_of_kind(procedure, "thư điện tử").name]
    wanted = {"MaHoSo": entered.code, "MaTTHC": procedure.code, "ChuHoSo": citizen.full_name,
              "SoDinhDanh": citizen.cccd, "SoDienThoai": phone, "Email": email}  # fmt: skip
    calls = [e for e in national_portal.scenario_journal("DongBoHoSoMC")
             if e["body"]["data"].get("MaHoSo") == entered.code]  # fmt: skip
    assert calls, f"Cổng DVCQG không nhận bản ghi nào của hồ sơ {entered.code}"
    for call in calls:
        record = call["body"]["data"]
        wrong = {k: (record.get(k), v) for k, v in wanted.items() if record.get(k) != v}
        assert not wrong, (
            f"bản ghi trạng thái {record.get('TrangThaiHoSo')} gửi Cổng DVCQG khác điều công dân "
            f"đã khai (gửi, đúng ra): {wrong}"
        )


@then(
    "ngày nộp và ngày hẹn trả giống nhau trên giấy tiếp nhận, trang hồ sơ của công dân, "
    "trang tra cứu công khai, trang của cán bộ và Cổng DVCQG, theo giờ Việt Nam"
)
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    record = (national_portal.dossier(dossier.code) or {})["record"]
    national = {}
    for name in ("NgayTiepNhan", "NgayHenTra"):
        moment = parse_stamp(record[name])
        assert moment is not None, f"{name} không theo định dạng yyyyMMddHHmmss: {record[name]!r}"
        national[name] = moment.strftime("%H:%M %d/%m/%Y")  # the national stamp is Vietnam's time
    citizen = people.citizen()
    receipt = people.ui.receipt(citizen).open(dossier.code).is_current()
    submitted, due = receipt.received_at.inner_text().strip(), receipt.due_at.inner_text().strip()
    assert (submitted, due) == (national["NgayTiepNhan"], national["NgayHenTra"]), (
        f"giấy tiếp nhận ghi ngày nộp {submitted}, hẹn trả {due}; Cổng DVCQG giữ {national}"
    )
    mine = people.ui.citizen_dossier(citizen).open(dossier.code)
    expect(mine.submitted_at, "trang hồ sơ của công dân: ngày nộp").to_have_text(submitted)
    expect(mine.due, "trang hồ sơ của công dân: ngày hẹn trả").to_have_text(due)
    anyone = people.person("người tra cứu")  # a browser of its own, not signed in
    lookup = people.ui.public_lookup(anyone).open(dossier.code)
    expect(lookup.received_at, "trang tra cứu công khai: ngày nộp").to_have_text(submitted)
    expect(lookup.due_at, "trang tra cứu công khai: ngày hẹn trả").to_have_text(due)
    officer = people.ui.officer_dossier(people.officer("cán bộ một cửa")).open(dossier.code)
    expect(officer.due, "trang của cán bộ: ngày hẹn trả").to_have_text(due)


# --- what the national record says of the unit and the step deadline --------------------


def _calls(national_portal: ScenarioNationalPortal, service: str, code: str) -> list[dict]:
    """The ``service`` calls of this scenario for ``code`` that the national portal took."""
    return [e["body"]["data"] for e in national_portal.scenario_journal(service)
            if e["body"]["data"].get("MaHoSo") == code and e["verdict"] == "accepted"]  # fmt: skip


def step_at(procedure: ProcedureSpec, status: int) -> StepSpec:
    """The step a dossier is at when it has just reached ``status`` on the straight way
    (received, appraised, approved, returned), by the procedure's [[steps]]: new → the first
    step (reception); received → the next; processing (the first appraisal done) → the one
    after; done (approved) → the step after the approval; returned → the last step."""
    steps = procedure.steps
    approval = max(i for i, s in enumerate(steps) if s.role == "approver")
    index = {1: 0, 2: 1, 4: 2, 9: approval + 1, 10: len(steps) - 1}[status]
    return steps[index]


@then(
    "mỗi bản ghi hồ sơ gửi Cổng DVCQG ghi đơn vị xử lý của bước mà hồ sơ đang ở theo quy trình của thủ tục"
)
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    people.settle(national_portal, dossier.code)
    procedure = people.procedures[dossier.procedure]
    assert procedure.steps, f"{procedure.source} không liệt kê [[steps]]: không biết đơn vị xử lý"
    seen: set[int] = set()
    for record in _calls(national_portal, "DongBoHoSoMC", dossier.code):
        status = record["TrangThaiHoSo"]
        if status in seen:
            continue  # the same status sent again (an update), not a new step
        seen.add(status)
        step = step_at(procedure, status)
        assert record.get("DonViXuLy") == step.unit, (
            f"bản ghi trạng thái {status}: DonViXuLy {record.get('DonViXuLy')!r}, nhưng hồ sơ đang ở "
            f"bước “{step.name}” của {procedure.source}, do “{step.unit}” xử lý"
        )
    assert seen, f"Cổng DVCQG không nhận bản ghi nào của hồ sơ {dossier.code}"


def working_days_after(moment: datetime, days: int) -> date:
    """``days`` working days after the one office time counts from at ``moment`` (the same
    day when it is a working day, else the next one): by the ``holidays`` library."""
    vn = holidays.country_holidays("VN", years=range(moment.year, moment.year + 2))
    day = moment.date()
    while not vn.is_working_day(day):
        day += timedelta(days=1)
    for _ in range(days):
        day += timedelta(days=1)
        while not vn.is_working_day(day):
            day += timedelta(days=1)
    return day


@then(
    "hạn xử lý Cổng DVCQG nhận khi hồ sơ được phê duyệt là hạn của bước trả kết quả, không phải ngày hẹn trả"
)
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    people.settle(national_portal, dossier.code)
    procedure = people.procedures[dossier.procedure]
    step = step_at(procedure, 9)
    done = [p for p in _calls(national_portal, "CapNhatTienDoHoSoMC", dossier.code)
            if p.get("TrangThai") == 9]  # fmt: skip
    assert done, f"Cổng DVCQG không nhận bước tiến độ nào ở trạng thái 9 của hồ sơ {dossier.code}"
    approved_at, deadline = parse_stamp(done[0]["ThoiDiemXuLy"]), parse_stamp(done[0]["HanXuLy"])
    assert approved_at and deadline, (
        f"bước tiến độ trạng thái 9 không có ngày giờ hợp lệ: {done[0]}"
    )
    latest = working_days_after(approved_at, math.ceil(step.working_hours / 8))
    assert approved_at <= deadline and deadline.date() <= latest, (
        f"{procedure.source}: HanXuLy {deadline:%H:%M %d/%m/%Y} khi phê duyệt lúc {approved_at:%H:%M %d/%m/%Y}: bước "
        f"“{step.name}” có {step.working_hours:g} giờ làm việc, hạn phải trước hết ngày {latest:%d/%m/%Y}"
    )
