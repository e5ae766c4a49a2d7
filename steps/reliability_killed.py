"""Beyond the checklist: độ tin cậy — the portal killed (SIGKILL) while it takes a dossier
or while the citizen pays (features/07_do_tin_cay/tat_cong_khi_nop_ho_so.feature,
tat_cong_khi_thanh_toan.feature): all or nothing, synced once; the payment recovered,
once. The stack is the reliability scenarios' own (``isolated``: fixtures/isolated.py);
the dossier's POST goes as raw bytes on a socket (fixtures/raw_http.py) so that the portal
dies at a chosen moment of it."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker
from playwright.sync_api import BrowserContext, Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.isolated import SETTLE_S, Isolated
from fixtures.national_portal import rejected_calls
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec, fill_values
from fixtures.raw_http import cookie_header, raw_request, send_then, session_cookie, wait_first_byte
from steps.world import Submitted, vn_today

PAID = "Đã thanh toán"  # the dossier's payment state, as steps/payment.py reads it
PAID_ROW = "Thanh toán thành công"


@dataclass(frozen=True)
class Sent:
    """A dossier the citizen sent over HTTP: what it carried."""

    procedure: ProcedureSpec
    values: dict[str, str]
    papers: dict[str, str]  # attachment name → file name


KILL_MOMENTS: dict[str, Callable[[socket.socket], None]] = {
    "ngay khi hồ sơ vừa được gửi đi": lambda sock: None,
    "ngay khi cổng bắt đầu trả lời công dân": wait_first_byte,
}


def submitted_of(isolated: Isolated, page: Page) -> tuple[list[str], int]:
    """The citizen's submitted dossier codes and how many drafts they have."""
    mine = isolated.ui.all_my_dossiers(page).open()
    return list(mine.statuses()), mine.draft_count()


def assert_complete(isolated: Isolated, code: str, sent: Sent) -> None:
    """The officer sees every value the citizen sent and every paper, status 1."""
    officer_page = isolated.officer_page()
    officer = isolated.ui.officer_dossier(officer_page).open(code)
    expect(officer.status, f"trạng thái hồ sơ {code}").to_have_text("Mới đăng ký")
    form = officer_page.get_by_role("region", name="Thông tin tờ khai")
    for spec in sent.procedure.fields:
        shown = sent.values[spec.name]
        if spec.type == "date":
            shown = "/".join(reversed(shown.split("-")))
        expect(form.get_by_label(spec.label, exact=True), f"“{spec.label}” đã lưu").to_have_text(
            shown
        )
    for paper, file_name in sent.papers.items():
        row = officer.files.get_by_role("row").filter(has_text=paper)
        expect(row, f"giấy tờ “{paper}” đã lưu").to_contain_text(file_name)


# --- Cho ----------------------------------------------------------------------------


@given("một công dân có phiên làm việc trên cổng chạy riêng", target_fixture="citizen")
def _(isolated: Isolated, context: BrowserContext, fake: Faker) -> Citizen:
    citizen = new_citizen(fake)
    isolated.sign_in(context, citizen)
    return citizen


@given(
    "một công dân có hồ sơ chưa thanh toán lệ phí trên cổng chạy riêng",
    target_fixture="submitted",
)
def _(
    isolated: Isolated, context: BrowserContext, fake: Faker, procedure: ProcedureSpec
) -> Submitted:
    citizen = new_citizen(fake)
    isolated.sign_in(context, citizen)
    return Submitted(isolated.create_dossier(procedure.code, citizen, 1), procedure)


@given("nền tảng thanh toán sẽ gửi thông báo kết quả ngay, khi cổng còn đang tắt")
def _(isolated: Isolated, submitted: Submitted) -> None:
    """What the platform does anyway: no fault to arm."""


@given("nền tảng thanh toán sẽ không gửi thông báo kết quả nào")
def _(isolated: Isolated, submitted: Submitted) -> None:
    isolated.payment.arm_fault("no_callback", match={"MaHoSo": submitted.code})


# --- Khi: the portal dies and comes back ---------------------------------------------


@when(
    parsers.parse(
        "công dân gửi hồ sơ với đủ thông tin và giấy tờ và cổng bị tắt đột ngột {moment}"
    ),
    target_fixture="sent",
)
def _(
    isolated: Isolated,
    context: BrowserContext,
    citizen: Citizen,
    fake: Faker,
    procedure: ProcedureSpec,
    moment: str,
) -> Sent:
    code = procedure.code
    values = fill_values(procedure, fake, citizen, today=vn_today())
    papers = [a.code for a in procedure.required_attachments]
    routes = isolated.ui.http
    form = routes.submission_form(code, values, papers, draft=False)
    cookies = session_cookie(context, isolated.url)
    token = routes.token_in(
        isolated.http.get(f"{isolated.url}{routes.TOKEN_PAGE}", headers=cookie_header(cookies)).text
    )
    request = raw_request(isolated.url, cookies, form, token)
    portal = isolated.stack.portal
    send_then(portal.port, request, KILL_MOMENTS[moment], portal.kill)
    names = {a.name: form.files[f"tep_{a.code}"]["name"] for a in procedure.required_attachments}
    return Sent(procedure, values, names)


@when("cổng bị tắt đột ngột")
def _(isolated: Isolated) -> None:
    isolated.stack.portal.kill()


@when("cổng được khởi động lại")
def _(isolated: Isolated) -> None:
    isolated.stack.restart_portal()


@when("công dân mở trang thanh toán lệ phí của hồ sơ trên cổng chạy riêng")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    isolated.ui.dossier_detail(page, submitted.code).open().pay().is_current()


@when(
    parsers.parse('công dân thanh toán qua "{channel}" rồi đóng trình duyệt vì cổng không trả lời')
)
def _(isolated: Isolated, page: Page, channel: str) -> None:
    isolated.ui.hosted_payment(page).pay_and_leave(channel)


# --- Thì ------------------------------------------------------------------------------


@then(parsers.parse("hồ sơ công dân vừa gửi {outcome} trên cổng"), target_fixture="found")
def _(isolated: Isolated, page: Page, sent: Sent, outcome: str) -> list[str]:
    codes, drafts = submitted_of(isolated, page)
    assert drafts == 0, f"cổng còn {drafts} hồ sơ nháp dở dang của công dân sau khi chạy lại"
    allowed = {"có đủ": (1,), "có đủ hoặc hoàn toàn không có": (0, 1)}[outcome]
    assert len(codes) in allowed, (
        f"công dân có {len(codes)} hồ sơ đã nộp sau khi cổng chạy lại ({codes}); đúng ra {outcome}"
    )
    for code in codes:
        assert_complete(isolated, code, sent)
    return codes


@then("công dân nộp lại nếu cổng chưa lưu hồ sơ, rồi có đúng một hồ sơ đủ thông tin và giấy tờ")
def _(isolated: Isolated, page: Page, sent: Sent, found: list[str]) -> None:
    routes = isolated.ui.http
    if not found:
        form = routes.submission_form(
            sent.procedure.code,
            sent.values,
            [a.code for a in sent.procedure.required_attachments],
            draft=False,
        )
        cookies = session_cookie(page.context, isolated.url)
        token_page = f"{isolated.url}{routes.TOKEN_PAGE}"
        token = routes.token_in(isolated.http.get(token_page, headers=cookie_header(cookies)).text)
        answer = isolated.http.post(
            f"{isolated.url}{form.path}", headers=cookie_header(cookies), **form.for_httpx(token)
        )
        assert answer.status_code == 303, f"nộp lại hồ sơ: HTTP {answer.status_code}"
    codes, drafts = submitted_of(isolated, page)
    assert len(codes) == 1 and drafts == 0, f"công dân có hồ sơ {codes} và {drafts} hồ sơ nháp"
    assert_complete(isolated, codes[0], sent)
    found[:] = codes


@then("Cổng DVCQG nhận hồ sơ của công dân đúng một lần với trạng thái 1")
def _(isolated: Isolated, citizen: Citizen, found: list[str]) -> None:
    (code,) = found
    held = isolated.settled_statuses(code, 1)
    assert held["statuses"] == [1], (
        f"Cổng DVCQG nhận các trạng thái {held['statuses']} (đúng ra [1])"
    )
    assert held["record"]["SoDinhDanh"] == citizen.cccd
    assert not held["rejected"], f"Cổng DVCQG từ chối: {rejected_calls(held)}"
    everyone = isolated.national.all_dossiers()["dossiers"]
    theirs = [c for c, d in everyone.items() if d["record"].get("SoDinhDanh") == citizen.cccd]
    assert theirs == [code], f"Cổng DVCQG giữ các hồ sơ {theirs} của công dân (đúng ra [{code}])"


@then("hồ sơ được ghi nhận đã thanh toán đúng một lần, với mã giao dịch của nền tảng thanh toán")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    detail = isolated.ui.dossier_detail(page, submitted.code)

    def paid() -> bool:
        detail.open()
        return detail.payment_state.inner_text().strip() == PAID

    poll(paid, what=f"hồ sơ {submitted.code} được ghi nhận đã thanh toán", timeout_s=SETTLE_S)
    number = isolated.payment.paid_transaction(submitted.code)["MaGiaoDich"]
    expect(detail.transaction_no, "mã giao dịch của nền tảng thanh toán").to_have_text(number)
    expect(detail.payment_rows(PAID_ROW), "giao dịch thành công của hồ sơ").to_have_count(1)


@then("Cổng DVCQG nhận được khoản lệ phí đã thanh toán của hồ sơ")
def _(isolated: Isolated, submitted: Submitted) -> None:
    number = isolated.payment.paid_transaction(submitted.code)["MaGiaoDich"]

    def fee_paid() -> bool:
        held = isolated.national.dossier(submitted.code) or {"record": {}}
        fees = held["record"].get("DanhSachLePhi") or []
        return [(f.get("TrangThaiThanhToan"), f.get("MaGiaoDich")) for f in fees] == [(1, number)]

    poll(
        fee_paid,
        what=f"Cổng DVCQG nhận lệ phí đã thanh toán (mã giao dịch {number}) của hồ sơ {submitted.code}",
        timeout_s=SETTLE_S,
        describe_last=lambda: str(isolated.national.dossier(submitted.code)),
    )
