"""Stronger oracles (issue 20), inputs and privacy: valid input of every real-world kind
is accepted and kept as the citizen meant it (phone numbers written ``0…``, ``84…``,
``+84…`` with every mobile prefix family, multi-level e-mail domains, names with every
Vietnamese diacritic); pages anyone can open without signing in show nothing personal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from fixtures.national_portal import ScenarioNationalPortal
from fixtures.oracles import field_of_kind, page_text, procedure_of_kind, squeeze
from fixtures.procedures import FieldSpec, ProcedureSpec, fill_values
from steps.world import Dossier, People

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# What the national portal's record calls the fields whose kind it carries.
RECORD_FIELD = {"phone": "SoDienThoai", "email": "Email"}


@dataclass(frozen=True)
class Sent:
    """One value sent in the e-form: as written, as the portal must keep it, and where."""

    written: str
    kept: str
    code: str  # the dossier's code; "" when the portal refused it
    refusal: str = ""


# --- Khi ----------------------------------------------------------------------------


@when(
    parsers.re(
        r"công dân nộp hồ sơ (?P<kind>một thủ tục có lệ phí|một thủ tục miễn phí), mỗi lần "
        r"ghi ô (?P<field_kind>số điện thoại|thư điện tử|họ tên) một giá trị trong bảng"
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
    http = people.ui.http
    sender = http.sender(people.citizen())
    token = sender.token()
    papers = [a.code for a in procedure.required_attachments]
    base = fill_values(procedure, fake, people.the_citizen, today=datetime.now(VN).date())
    sent = []
    for written, kept in datatable[1:]:
        form = http.submission_form(procedure.code, {**base, field.name: written}, papers, draft=False)  # fmt: skip
        answer = sender.send(form, token)
        location = answer.headers.get("location", "")
        if answer.status in (302, 303) and location:
            code = http.receipt_code(urlsplit(location).path)
            national_portal.watch(code)
            sent.append(Sent(written, kept, code))
        else:
            sent.append(
                Sent(written, kept, "", f"HTTP {answer.status}: {page_text(answer.text())}")
            )
    return field, sent


# --- Thì ----------------------------------------------------------------------------


@then("cổng nhận mọi hồ sơ đó")
def _(sent_values: tuple[FieldSpec, list[Sent]]) -> None:
    field, sent = sent_values
    refused = {s.written: s.refusal for s in sent if not s.code}
    assert not refused, f"cổng từ chối giá trị hợp lệ của ô “{field.label}”: {refused}"


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
