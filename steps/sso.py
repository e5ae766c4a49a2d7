"""Checklist item 1: single sign-on through the national SSO."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when
from pytest_playwright import CreateContextCallback

from fixtures.citizens import Business, Citizen
from fixtures.control import MockControl
from fixtures.procedures import ProcedureSpec, claim_value
from fixtures.redaction import journal_fingerprint
from pages.protocols import PageSet, PersonalPage
from steps.world import OUTAGES, ArmSsoFault

# How a scenario names a broken id_token → the SSO mock's fault that breaks it so.
ID_TOKEN_FLAWS = {
    "có chữ ký giả mạo": "bad_signature",
    "đã hết hạn": "expired_token",
    "do một bên phát hành khác cấp": "wrong_iss",
    "cấp cho một ứng dụng khác": "wrong_aud",
    "mang nonce của một lần đăng nhập khác": "nonce_mismatch",
    "không có chữ ký (alg none)": "alg_none",
    "ký HS256 bằng khóa công khai của hệ thống định danh": "alg_hs256",
    "phát hành vào một thời điểm trong tương lai": "iat_future",
    "chỉ có hiệu lực từ một thời điểm trong tương lai": "nbf_future",
    "không ghi mã khóa ký (kid)": "kid_missing",
    "ghi mã khóa ký không có trong danh sách khóa công bố": "kid_unknown",
    "ký bằng khóa đã thu hồi": "retired_key",
}
DEEP_LINK_QUERY = "tab=ho-so&trang=2"


def sign_in(ui: PageSet, page: Page, username: str, password: str) -> PersonalPage:
    ui.home(page).open().sign_in(username, password)
    return ui.personal(page).is_current()


def assert_no_session(ui: PageSet, page: Page, who: str) -> None:
    response = ui.personal(page).ask_server_without_following()
    assert ui.personal(page).sends_to_sign_in(response), (
        f"cổng vẫn mở trang cá nhân cho {who} (HTTP {response.status}, "
        f"chuyển tới {response.headers.get('location')!r}): có phiên làm việc trên máy chủ"
    )


@pytest.fixture
def intruder_page(new_context: CreateContextCallback) -> Page:
    """Another person's browser: its own cookies, nothing shared with the citizen's."""
    return new_context().new_page()


# --- Cho ---------------------------------------------------------------------------


@given("một công dân đã đăng nhập vào cổng dịch vụ công", target_fixture="citizen")
def _(ui: PageSet, page: Page, new_registered_citizen: Citizen) -> Citizen:
    """A precondition, not the subject: the OIDC round trip goes over HTTP (the scenarios
    of sign-in itself click through it), then the browser opens the citizen's page."""
    citizen = new_registered_citizen
    ui.home(page).sign_in_over_http(citizen.username, citizen.password.reveal())
    personal = ui.personal(page)
    personal.open()
    personal.is_current()
    return citizen


@given("một công dân vừa đăng nhập vào cổng dịch vụ công", target_fixture="return_url")
def _(ui: PageSet, page: Page, new_registered_citizen: Citizen) -> str:
    """Signs the citizen in and keeps the URL the identity provider sent the browser back by."""
    citizen = new_registered_citizen
    url = ui.home(page).open().sign_in(citizen.username, citizen.password.reveal())
    ui.personal(page).is_current()
    return url


@given(
    "công dân đã đăng nhập tại hệ thống định danh nhưng đường dẫn trả về bị kẻ gian lấy mất",
    target_fixture="return_url",
)
def _(ui: PageSet, page: Page, citizen: Citizen) -> str:
    home = ui.home(page).open()
    return home.sign_in_cut_off_before_return(citizen.username, citizen.password.reveal())


@given("hệ thống định danh sẽ từ chối lần đăng nhập tiếp theo")
def _(arm_sso_fault: ArmSsoFault) -> None:
    arm_sso_fault("access_denied", match={"endpoint": "authorize"})


@given("hệ thống định danh tạm ngừng phục vụ")
def _(arm_sso_fault: ArmSsoFault) -> None:
    arm_sso_fault("temporarily_unavailable", match={"endpoint": "authorize"})


@given(parsers.parse("hệ thống định danh ngừng trả lời khi cổng {step}"))
def _(arm_sso_fault: ArmSsoFault, step: str) -> None:
    arm_sso_fault("down", match={"endpoint": OUTAGES[step]})


@given(parsers.parse("hệ thống định danh sẽ cấp cho công dân một id_token {flaw}"))
def _(arm_sso_fault: ArmSsoFault, citizen: Citizen, flaw: str) -> None:
    arm_sso_fault(ID_TOKEN_FLAWS[flaw], match={"endpoint": "token", "sub": citizen.sub})


# --- Khi ---------------------------------------------------------------------------


@when("công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó")
def _(ui: PageSet, page: Page, citizen: Citizen) -> None:
    sign_in(ui, page, citizen.username, citizen.password.reveal())


@when("công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó")
def _(ui: PageSet, page: Page, citizen: Citizen) -> None:
    ui.home(page).open().sign_in(citizen.username, citizen.password.reveal())


@when("người đại diện đăng nhập vào cổng dịch vụ công bằng tài khoản doanh nghiệp")
def _(ui: PageSet, page: Page, business: Business) -> None:
    sign_in(ui, page, business.username, business.password.reveal())


@when("công dân mở một trang riêng của mình khi chưa đăng nhập", target_fixture="deep_link")
def _(ui: PageSet, page: Page) -> str:
    me = ui.personal(page)
    me.open(query=DEEP_LINK_QUERY)
    return me.url(query=DEEP_LINK_QUERY)


@when(
    "công dân mở một đường dẫn đăng nhập do nơi khác viết, "
    "trang cần trở về mang hai tham số không mã hóa",
    target_fixture="deep_link",
)
def _(ui: PageSet, page: Page) -> str:
    me = ui.personal(page)
    page.goto(me.sign_in_link_back(DEEP_LINK_QUERY))
    return me.url(query=DEEP_LINK_QUERY)


@when("công dân đăng nhập tại hệ thống định danh")
def _(ui: PageSet, page: Page, citizen: Citizen) -> None:
    ui.sso_login(page).sign_in(citizen.username, citizen.password.reveal())


@when("công dân mở tờ khai điện tử của thủ tục")
def _(ui: PageSet, page: Page, procedure: ProcedureSpec) -> None:
    ui.submission_form(page).open(procedure.code).is_current()


@when("công dân đăng xuất")
def _(ui: PageSet, page: Page) -> None:
    signed_out = ui.personal(page).sign_out()
    ui.sso_pages.confirm_sign_out(page, signed_out.heading)  # if the provider asks
    signed_out.is_current()


@when("đường dẫn trả về từ hệ thống định danh được mở lại lần thứ hai")
def _(page: Page, return_url: str) -> None:
    page.goto(return_url)


@when("kẻ gian mở đường dẫn trả về đó trên trình duyệt của mình")
def _(intruder_page: Page, return_url: str) -> None:
    intruder_page.goto(return_url)


# --- Thì ---------------------------------------------------------------------------


@then("trang cá nhân hiển thị họ tên và số định danh của công dân")
def _(ui: PageSet, page: Page, citizen: Citizen) -> None:
    me = ui.personal(page).is_current()
    expect(me.full_name, "họ tên lấy từ hệ thống định danh").to_have_text(citizen.full_name)
    expect(me.id_number, "số định danh lấy từ hệ thống định danh").to_have_text(citizen.cccd)


@then("trang cá nhân hiển thị tên doanh nghiệp và mã số doanh nghiệp")
def _(ui: PageSet, page: Page, business: Business) -> None:
    me = ui.personal(page).is_current()
    expect(me.company_name, "tên doanh nghiệp lấy từ hệ thống định danh").to_have_text(
        business.name
    )
    expect(me.tax_code, "mã số doanh nghiệp lấy từ hệ thống định danh").to_have_text(
        business.tax_code
    )


@then("trang cá nhân hiển thị họ tên người đại diện")
def _(ui: PageSet, page: Page, business: Business) -> None:
    me = ui.personal(page).is_current()
    expect(me.full_name, "họ tên người đại diện doanh nghiệp").to_have_text(
        business.representative.full_name
    )


@then(parsers.parse("cổng báo rằng {reason}"))
def _(ui: PageSet, page: Page, reason: str) -> None:
    failed = ui.sign_in_failed(page).is_current()
    expect(failed.message, f"cổng báo rằng {reason}").to_contain_text(failed.wording_of(reason))


@then(parsers.parse("cổng báo kẻ gian rằng {reason}"))
def _(ui: PageSet, intruder_page: Page, reason: str) -> None:
    failed = ui.sign_in_failed(intruder_page).is_current()
    expect(failed.message, f"cổng báo rằng {reason}").to_contain_text(failed.wording_of(reason))


@then("công dân chưa được đăng nhập vào cổng")
def _(ui: PageSet, page: Page) -> None:
    assert_no_session(ui, page, "công dân chưa đăng nhập thành công")


@then("cổng dịch vụ công không còn phiên làm việc của công dân")
def _(ui: PageSet, page: Page) -> None:
    assert_no_session(ui, page, "công dân đã đăng xuất")


@when("thời gian trôi qua quá thời hạn của phiên làm việc trên cổng")
def _(portal_clock: Callable[[int], None]) -> None:
    portal_clock(1)  # the session lasts PORTAL_SESSION_TTL_S (30 minutes by default)


@then("mở lại trang cá nhân thì công dân được đăng nhập lại qua hệ thống định danh")
def _(ui: PageSet, page: Page, citizen: Citizen) -> None:
    me = ui.personal(page)
    me.open()
    expect(
        me.id_number, "đăng nhập lại qua phiên còn hiệu lực tại hệ thống định danh"
    ).to_have_text(citizen.cccd)


@then("kẻ gian không có phiên làm việc trên cổng")
def _(ui: PageSet, intruder_page: Page) -> None:
    assert_no_session(ui, intruder_page, "kẻ gian")


@then("mở lại trang cá nhân thì hệ thống định danh yêu cầu đăng nhập lại")
def _(ui: PageSet, page: Page) -> None:
    ui.personal(page).open()
    ui.sso_login(page).is_current()


@then("công dân trở lại đúng trang đã mở trước khi đăng nhập")
@then("công dân tới đúng trang đường dẫn ghi, với cả hai tham số")
def _(ui: PageSet, page: Page, deep_link: str) -> None:
    expect(page, "trang cần trở về, cả đường dẫn lẫn tham số").to_have_url(deep_link)
    ui.personal(page).is_current()


@then("tờ khai đã điền sẵn mọi thông tin lấy từ tài khoản định danh của công dân")
def _(ui: PageSet, page: Page, citizen: Citizen, procedure: ProcedureSpec) -> None:
    form = ui.submission_form(page)
    assert procedure.prefilled, f"thủ tục {procedure.name} không có mục nào lấy từ tài khoản"
    for field in procedure.prefilled:
        expect(form.field(field.label), f"mục “{field.label}” điền sẵn").to_have_value(
            claim_value(citizen, str(field.prefill))
        )


@then("công dân không sửa được các thông tin định danh chính thức trên tờ khai")
def _(ui: PageSet, page: Page, procedure: ProcedureSpec) -> None:
    form = ui.submission_form(page)
    official = [f for f in procedure.prefilled if f.read_only]
    assert official, f"thủ tục {procedure.name} không có mục định danh chính thức nào"
    for field in official:
        expect(form.field(field.label), f"mục “{field.label}” chỉ để đọc").not_to_be_editable()


@then("cổng không gửi lại mã cấp quyền đó cho hệ thống định danh")
def _(sso_control: MockControl, return_url: str) -> None:
    code = parse_qs(urlsplit(return_url).query)["code"][0]
    journal = sso_control.journal(service="token")
    # the journal keeps a fingerprint of each code, never the code itself
    sent = [
        e for e in journal["entries"]
        if (e.get("body") or {}).get("code") == journal_fingerprint(code)
    ]  # fmt: skip
    assert len(sent) == 1, (
        f"cổng đã gửi mã cấp quyền này tới hệ thống định danh {len(sent)} lần (đúng ra 1 lần)"
    )
