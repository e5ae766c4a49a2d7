"""Stronger oracles (issue 20), inputs and privacy: valid input of every real-world kind
is accepted and kept as the citizen meant it (phone numbers written ``0…``, ``84…``,
``+84…`` with every mobile prefix family, multi-level e-mail domains, names with every
Vietnamese diacritic, dates typed ``dd/mm/yyyy``, a CCCD of every province code, an age
limit on 29 February); files as large as a limit allows are taken (every attachment slot
full, the verification page's 20 MB), a paper chosen again replaces the draft's; pages
anyone can open without signing in show nothing personal.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from faker import Faker
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.national_portal import ScenarioNationalPortal
from fixtures.oracles import field_of_kind, page_text, procedure_of_kind, squeeze
from fixtures.procedures import FieldSpec, ProcedureSpec, fill_values
from pages.protocols import PageSet
from pages.test_api import PortalTestApi
from steps.world import Dossier, Filled, People, Submitted, vn_today

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# What the national portal's record calls the fields whose kind it carries.
RECORD_FIELD = {"phone": "SoDienThoai", "email": "Email"}
MEBIBYTE = 1024 * 1024  # what "1 MB" means in the portal's limits (5 MB = 5 242 880 bytes)
# The verification page's own words: a file "lớn hơn 20 MB" is refused. 20 000 000 bytes
# is within 20 MB however a portal counts a megabyte (10^6 or 2^20 bytes).
VERIFY_LIMIT_BYTES = 20_000_000


def pdf_of_size(size: int) -> bytes:
    """A well-formed one-page PDF of exactly ``size`` bytes (the padding is a stream a
    reader skips by its length, so reading it costs no time, whatever its size)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]

    def build(padding: int) -> bytes:
        out, offsets = bytearray(b"%PDF-1.4\n"), []
        stream = b"<</Length %d>>stream\n%s\nendstream" % (padding, b"0" * padding)
        for number, body in enumerate([*objects, stream], start=1):
            offsets.append(len(out))
            out += b"%d 0 obj%sendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
            len(offsets) + 1,
            xref,
        )
        return bytes(out)

    padding = 0
    for _ in range(4):  # the digits of /Length and of the offsets grow with the padding
        padding += size - len(build(padding))
    data = build(padding)
    assert len(data) == size, f"PDF of {len(data)} bytes, wanted {size}"
    return data


@dataclass(frozen=True)
class Sent:
    """One value sent in the e-form: as written, as the portal must keep it, and where."""

    written: str
    kept: str
    code: str  # the dossier's code; "" when the portal refused it
    refusal: str = ""


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


@when(
    "công dân nộp hồ sơ, đính kèm mọi thành phần giấy tờ, mỗi tệp nặng đúng dung lượng "
    "tối đa của thành phần đó",
    target_fixture="sent_at_limit",
)
def _(people: People, procedure: ProcedureSpec, fake: Faker) -> Sent:
    http = people.ui.http
    sender = http.sender(people.citizen())
    values = fill_values(procedure, fake, people.the_citizen, today=datetime.now(VN).date())
    form = http.submission_form(procedure.code, values, [], draft=False)
    sizes = {}
    for attachment in procedure.attachments:
        assert "pdf" in attachment.types, f"{attachment.name} không nhận tệp PDF"
        size = int(attachment.max_mb * MEBIBYTE)
        form.files[f"tep_{attachment.code}"] = http.pdf(
            f"{attachment.code.lower()}.pdf", pdf_of_size(size)
        )
        sizes[attachment.name] = size
    answer = sender.send(form, sender.token())
    location = answer.headers.get("location", "")
    if answer.status in (302, 303) and location:
        return Sent(str(sizes), str(sizes), http.receipt_code(urlsplit(location).path))
    return Sent(str(sizes), str(sizes), "", f"HTTP {answer.status}: {page_text(answer.text())}")


@when(
    "một người bất kỳ tải lên trang xác thực của cổng một tệp PDF nặng 20 000 000 byte",
    target_fixture="checked_pdf",
)
def _(people: People) -> bytes:
    data = pdf_of_size(VERIFY_LIMIT_BYTES)
    path = people.folder / "tep-20-mb.pdf"
    path.write_bytes(data)
    people.ui.verification(people.person("người bất kỳ")).open().check_file(path)
    return data


@when("công dân chọn tệp khác thay cho mỗi giấy tờ đã đính kèm", target_fixture="filled")
def _(ui: PageSet, page: Page, filled: Filled, tmp_path: Path) -> Filled:
    form = ui.submission_form(page).is_current()
    attached: dict[str, str] = {}
    for paper in filled.attached:
        path = tmp_path / f"ban-chup-lai-{len(attached) + 1}.pdf"
        path.write_bytes(pdf_of_size(1000 + len(attached)))
        form.attach(paper, path)
        attached[paper] = path.name
    return Filled(filled.procedure, filled.values, attached)


# --- Thì ----------------------------------------------------------------------------


@then("cổng nhận hồ sơ có các tệp đó")
def _(sent_at_limit: Sent) -> None:
    assert sent_at_limit.code, (
        f"cổng từ chối hồ sơ có mỗi tệp nặng đúng dung lượng tối đa (byte: "
        f"{sent_at_limit.written}): {sent_at_limit.refusal}"
    )


@then("trang xác thực kiểm tra tệp đó: tính mã băm của tệp, tệp không ứng với hồ sơ nào")
def _(people: People, checked_pdf: bytes) -> None:
    page = people.ui.verification(people.person("người bất kỳ"))
    expect(page.file_sha256, "cổng tính mã băm của tệp 20 000 000 byte").to_have_text(
        hashlib.sha256(checked_pdf).hexdigest()
    )
    expect(page.file_dossier, "tệp không do cơ quan ban hành").to_have_text("Không có")


@then("trang hồ sơ chỉ liệt kê tệp công dân chọn sau cùng cho mỗi giấy tờ")
def _(ui: PageSet, page: Page, submitted: Submitted, filled: Filled) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    for paper, file_name in filled.attached.items():
        rows = detail.file_rows(paper)
        expect(rows, f"“{paper}”: một tệp, tệp chọn sau cùng thay tệp trước").to_have_count(1)
        expect(rows, f"“{paper}” là tệp chọn sau cùng").to_contain_text(file_name)


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


# --- Thì: pages without signing in ------------------------------------------------------


def personal_values(people: People) -> dict[str, str]:
    citizen = people.the_citizen
    return {
        "họ tên": citizen.full_name,
        "số định danh": citizen.cccd,
        "số điện thoại": citizen.phone,
        "thư điện tử": citizen.email,
        "ngày sinh": citizen.birth_date.strftime("%d/%m/%Y"),
        "địa chỉ thường trú": citizen.address,
    }


@then(
    "người chưa đăng nhập mở trang tra cứu, trang xác thực kết quả, các trang của hồ sơ "
    "và trang lỗi mà không thấy thông tin cá nhân nào của công dân"
)
def _(people: People, dossier: Dossier) -> None:
    mine = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    verify_url = mine.verify_link.get_attribute("href") or ""
    assert verify_url, "trang hồ sơ không có đường dẫn xác thực kết quả"
    if verify_url.startswith("/"):
        verify_url = people.ui.citizen_url + verify_url
    stranger = people.person("người chưa đăng nhập")
    texts: dict[str, str] = {}
    lookup = people.ui.public_lookup(stranger).open(dossier.code)
    expect(lookup.status, "trang tra cứu cho người lạ thấy trạng thái hồ sơ").to_be_visible()
    texts["trang tra cứu"] = lookup.text()
    lookup.open(dossier.code[:-1] + "X")
    texts["tra cứu mã không có"] = lookup.text()
    people.ui.verification(stranger).open_url(verify_url)
    texts["trang xác thực kết quả"] = stranger.locator("body").inner_text()
    officer = people.ui.officer_dossier(people.officer("cán bộ một cửa")).open(dossier.code)
    file_link = officer.files.get_by_role("link").first.get_attribute("href") or ""
    http = people.ui.http
    pages = {**http.dossier_pages(dossier.code), **http.officer_pages(dossier.code, file_link)}
    for name, path in pages.items():
        base = people.ui.officer_url if path.startswith("/can-bo") else people.ui.citizen_url
        stranger.goto(base + path)
        # sent away to sign in (the identity provider's page is not the portal's): nothing shown
        portal = {urlsplit(people.ui.citizen_url).netloc, urlsplit(people.ui.officer_url).netloc}
        on_portal = urlsplit(stranger.url).netloc in portal
        texts[name] = stranger.locator("body").inner_text() if on_portal else ""
    leaks = {
        where: [what for what, value in personal_values(people).items() if squeeze(value) in squeeze(text)]
        for where, text in texts.items()
    }  # fmt: skip
    leaks = {where: found for where, found in leaks.items() if found}
    assert not leaks, f"trang mở được khi chưa đăng nhập lộ thông tin cá nhân: {leaks}"


@then(
    parsers.parse(
        "trang tra cứu trả lời HTTP {found:d} cho mã hồ sơ có thật, HTTP {missing:d} cho mã không có"
    )
)
def _(people: People, dossier: Dossier, found: int, missing: int) -> None:
    lookup = people.ui.public_lookup(people.person("người tra cứu"))
    answers = {
        "mã có thật": lookup.open(dossier.code).answer_status,
        "mã không có": lookup.open(dossier.code[:-1] + "X").answer_status,
    }
    expected = {"mã có thật": found, "mã không có": missing}
    assert answers == expected, (
        f"trang tra cứu phải trả lời HTTP {expected}, cổng trả lời {answers}"
    )
