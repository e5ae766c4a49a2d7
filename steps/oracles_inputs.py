"""Stronger oracles (issue 20), inputs (du_lieu_hop_le): valid input of every real-world
kind is accepted and kept as the citizen meant it (phone numbers written ``0…``, ``84…``,
``+84…`` with every mobile prefix family, multi-level e-mail domains, names with every
Vietnamese diacritic, dates typed ``dd/mm/yyyy``, a CCCD of every province code, an age
limit on 29 February). Files as large as a limit allows: steps/oracles_files.py; pages
anyone can open without signing in: steps/oracles_privacy.py.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import urlsplit

from faker import Faker
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.national_portal import ScenarioNationalPortal
from fixtures.oracles import field_of_kind, page_text, procedure_of_kind
from fixtures.procedures import FieldSpec, ProcedureSpec, fill_values
from pages.test_api import PortalTestApi
from steps.world import VN, People, Sent, vn_today

# What the national portal's record calls the fields whose kind it carries.
RECORD_FIELD = {"phone": "SoDienThoai", "email": "Email"}


# --- Cho ----------------------------------------------------------------------------


@given(
    "đồng hồ của cổng và của Cổng DVCQG đang ở ngày 29/02 của năm nhuận tới",
    target_fixture="portal_today",
)
def _(
    portal_clock: Callable[[int], None],
    national_portal: ScenarioNationalPortal,
    test_api: PortalTestApi,
) -> date:
    """Both clocks: the national portal refuses a record dated ahead of its own clock."""
    today = test_api.today()
    year = today.year + (today >= date(today.year, 3, 1) or not calendar.isleap(today.year))
    while not calendar.isleap(year):
        year += 1
    leap_day = date(year, 2, 29)
    portal_clock((leap_day - today).days)
    national_portal.move_clock((leap_day - today).days)
    moved = test_api.today()
    assert moved == leap_day, f"đồng hồ của cổng ở {moved:%d/%m/%Y}, đúng ra {leap_day:%d/%m/%Y}"
    return moved


# --- Khi ----------------------------------------------------------------------------


def table_values(datatable: list[list[str]]) -> list[tuple[str, str]]:
    """(as written, as the portal must keep it) per row: the columns "công dân viết" and
    "cổng ghi nhận" (without the latter, kept as written; other columns are notes);
    "hôm nay" stands for today's date in Vietnam, ``dd/mm/yyyy``."""
    header = datatable[0]
    written_at = header.index("công dân viết")
    kept_at = header.index("cổng ghi nhận") if "cổng ghi nhận" in header else written_at
    today = vn_today().strftime("%d/%m/%Y")
    return [
        (row[written_at].replace("hôm nay", today), row[kept_at].replace("hôm nay", today))
        for row in datatable[1:]
    ]


@when(
    parsers.re(
        r"công dân nộp hồ sơ (?P<kind>một thủ tục có lệ phí|một thủ tục miễn phí), mỗi lần "
        r"ghi ô (?P<field_kind>số điện thoại|thư điện tử|họ tên|ngày sinh|số định danh) "
        r"một giá trị trong bảng"
    ),
    target_fixture="sent_values",
)
def _(
    people: People,
    procedure: ProcedureSpec,
    fake: Faker,
    national_portal: ScenarioNationalPortal,
    kind: str,
    field_kind: str,
    datatable: list[list[str]],
) -> tuple[FieldSpec, list[Sent]]:
    procedure = procedure_of_kind(procedure, kind)
    field = field_of_kind(procedure, field_kind)
    today = datetime.now(VN).date()
    return field, send_each(people, national_portal, procedure, field, table_values(datatable), fake, today)  # fmt: skip


@when(
    parsers.parse(
        "công dân nộp hồ sơ thủ tục liên thông, mỗi lần ghi ô ngày sinh của trẻ "
        "một ngày trong bảng, năm tính từ năm của cổng"
    ),
    target_fixture="sent_values",
)
def _(
    people: People,
    procedure: ProcedureSpec,
    fake: Faker,
    national_portal: ScenarioNationalPortal,
    portal_today: date,
    datatable: list[list[str]],
) -> tuple[FieldSpec, list[Sent]]:
    assert procedure.inter_agency, (
        f"{procedure.code} không phải thủ tục liên thông: gắn @lien_thong"
    )
    field = next(f for f in procedure.fields if f.type == "date" and f.max_age_years)
    rows = []
    for (written,) in datatable[1:]:
        found = re.fullmatch(r"(\d{2})/(\d{2}) của (\d+) năm trước", written)
        assert found, f"“{written}”: hãy viết dd/mm của N năm trước"
        day, month, years = (int(g) for g in found.groups())
        shown = date(portal_today.year - years, month, day).strftime("%d/%m/%Y")
        rows.append((shown, shown))
    return field, send_each(people, national_portal, procedure, field, rows, fake, portal_today)


def send_each(
    people: People,
    national_portal: ScenarioNationalPortal,
    procedure: ProcedureSpec,
    field: FieldSpec,
    rows: list[tuple[str, str]],
    fake: Faker,
    today: date,
) -> list[Sent]:
    """One dossier per (as written, as kept) value of ``field``, posted by HTTP with the
    citizen's session; the other fields filled as of ``today``."""
    http = people.ui.http
    sender = http.sender(people.citizen())
    token = sender.token()
    papers = [a.code for a in procedure.required_attachments]
    base = fill_values(procedure, fake, people.the_citizen, today=today)
    sent = []
    for written, kept in rows:
        form = http.submission_form(procedure.code, {**base, field.name: written}, papers, draft=False)  # fmt: skip
        try:
            answer = sender.send(form, token)
        except PlaywrightError as exc:  # the portal broke off: not taken either
            first_line = exc.message.splitlines()[0]  # the call log below shows the cookie
            sent.append(Sent(written, kept, "", f"không trả lời: {first_line}"))
            continue
        location = answer.headers.get("location", "")
        if answer.status in (302, 303) and location:
            code = http.receipt_code(urlsplit(location).path)
            national_portal.watch(code)
            sent.append(Sent(written, kept, code))
        else:
            sent.append(
                Sent(written, kept, "", f"HTTP {answer.status}: {page_text(answer.text())}")
            )
    return sent


# --- Thì ----------------------------------------------------------------------------


@then("cổng nhận mọi hồ sơ đó")
def _(sent_values: tuple[FieldSpec, list[Sent]]) -> None:
    field, sent = sent_values
    refused = {s.written: s.refusal for s in sent if not s.code}
    assert not refused, f"cổng từ chối giá trị hợp lệ của ô “{field.label}”: {refused}"


@then("Cổng DVCQG nhận mọi hồ sơ đó trước khi hai đồng hồ quay về hôm nay")
def _(
    sent_values: tuple[FieldSpec, list[Sent]],
    national_portal: ScenarioNationalPortal,
    test_api: PortalTestApi,
) -> None:
    """Everything sent while the clocks are moved (a record dated 29/02 arriving after they
    are put back would be refused as dated in the future)."""
    _, sent = sent_values
    test_api.drain()
    for one in sent:
        national_portal.wait_for_status(one.code, 1)


@then(parsers.parse('cổng không nhận hồ sơ nào trong đó và mỗi lần báo tại ô đó: "{message}"'))
def _(sent_values: tuple[FieldSpec, list[Sent]], message: str) -> None:
    """Refused as the citizen's mistake (HTTP 422, the message in Vietnamese), not as a
    crash of the portal (HTTP 500) nor taken."""
    field, sent = sent_values
    wanted = message.replace("[tên ô]", field.label)
    taken = [s.written for s in sent if s.code]
    assert not taken, f"cổng nhận giá trị không hợp lệ của ô “{field.label}”: {taken}"
    wrong = {
        s.written: s.refusal
        for s in sent
        if not (s.refusal.startswith("HTTP 422") and wanted in s.refusal)
    }
    assert not wrong, f"cổng không báo “{wanted}” (HTTP 422) cho: {wrong}"


@then(parsers.parse('cán bộ một cửa thấy ô đó đúng như cột "{column}" trong từng hồ sơ'))
def _(people: People, sent_values: tuple[FieldSpec, list[Sent]], column: str) -> None:
    field, sent = sent_values
    page = people.ui.officer_dossier(people.officer("cán bộ một cửa"))
    for one in sent:
        page.open(one.code)
        expect(
            page.value(field.label), f"“{one.written}” phải được ghi là “{one.kept}” ({column})"
        ).to_have_text(one.kept)


@then(parsers.parse('Cổng DVCQG nhận ô đó đúng như cột "{column}" trong từng hồ sơ'))
def _(
    people: People,
    national_portal: ScenarioNationalPortal,
    sent_values: tuple[FieldSpec, list[Sent]],
    column: str,
) -> None:
    field, sent = sent_values
    name = RECORD_FIELD[field.type]
    wrong = {}
    for one in sent:
        people.settle(national_portal, one.code)
        record = (national_portal.dossier(one.code) or {}).get("record") or {}
        if record.get(name) != one.kept:
            wrong[one.written] = (record.get(name), one.kept)
    assert not wrong, f"{name} trên Cổng DVCQG khác cột “{column}” (nhận, đúng ra): {wrong}"
