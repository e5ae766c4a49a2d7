"""Checklist item 1: what the national SSO may get wrong besides the id_token's claims
(features/01_dang_nhap_mot_lan/he_thong_dinh_danh_tra_loi_sai.feature): its other
answers, and the rotation of its signing key; a claim the portal must not take as it is
(a birth date no one can have, a gender it cannot read: dang_nhap.feature); sign-ins started in several tabs of
one browser (kiem_tra_thong_tin_xac_thuc.feature); a sign-in the provider refuses or cannot
serve, and the HTTP status of the portal's answer (dang_nhap_khong_thanh_cong.feature)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from faker import Faker
from playwright.sync_api import Page, Response, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.control import MockControl
from pages.protocols import PageSet
from steps.world import ArmSsoFault

# A gender the portal cannot read, longer than what a note may quote (60 characters)
UNREADABLE_GENDER = "Ghi theo hồ sơ gốc của phường cũ trước khi sáp nhập năm 2025"


class Tabs(NamedTuple):
    """Tabs of one browser, each at the identity provider's login page, oldest first."""

    pages: list[Page]


# How a scenario names the provider's wrong answer → the SSO mock's fault and endpoint.
WRONG_ANSWERS = {
    "trả thông tin định danh của một người khác": ("sub_mismatch", "userinfo"),
    "từ chối mã cấp quyền (invalid_grant)": ("invalid_grant", "token"),
    "trả về state khác với state cổng đã gửi": ("wrong_state", "authorize"),
}


@pytest.fixture
def rotate_sso_key(sso_control: MockControl) -> Callable[[], str]:
    """Have the SSO mock rotate its signing key (the old one leaves its JWKS); the new kid.

    The rotation is left in place after the scenario: the provider's keys change in real
    life, and every later sign-in is signed with the new key, which the portal fetches."""

    return sso_control.rotate_keys


@given(parsers.parse("hệ thống định danh sẽ {wrong} ở lần đăng nhập tiếp theo của công dân"))
def _(arm_sso_fault: ArmSsoFault, citizen: Citizen, wrong: str) -> None:
    fault, endpoint = WRONG_ANSWERS[wrong]
    arm_sso_fault(fault, match={"endpoint": endpoint, "sub": citizen.sub})


@given("hệ thống định danh vừa thay khóa ký và thu hồi khóa cũ")
def _(rotate_sso_key: Callable[[], str]) -> None:
    rotate_sso_key()


@when("công dân thử đăng nhập lại nhưng id_token được ký bằng khóa đã thu hồi")
def _(ui: PageSet, page: Page, arm_sso_fault: ArmSsoFault, citizen: Citizen) -> None:
    arm_sso_fault("retired_key", match={"endpoint": "token", "sub": citizen.sub})
    ui.home(page).open().sign_in(citizen.username, citizen.password.reveal())


@given(
    parsers.parse('một công dân có tài khoản mà hệ thống định danh ghi ngày sinh "{raw}"'),
    target_fixture="citizen",
)
def _(fake: Faker, sso_control: MockControl, raw: str) -> Citizen:
    citizen = new_citizen(fake)
    sso_control.persona({**citizen.persona(), "NgayThangNamSinh": raw})
    return citizen


@given(
    "một công dân có tài khoản mà hệ thống định danh ghi giới tính là một câu dài, "
    "không phải giới tính",
    target_fixture="citizen",
)
def _(fake: Faker, sso_control: MockControl) -> Citizen:
    citizen = new_citizen(fake)
    sso_control.persona({**citizen.persona(), "GioiTinh": UNREADABLE_GENDER})
    return citizen


@then(
    parsers.parse(
        "trang cá nhân báo cổng không đọc được giới tính, "
        "chỉ trích {limit:d} ký tự đầu của giá trị hệ thống định danh gửi"
    )
)
def _(ui: PageSet, page: Page, limit: int) -> None:
    notes = ui.personal(page).is_current().claim_notes
    assert len(UNREADABLE_GENDER) > limit, "giá trị thử phải dài hơn giới hạn trích"
    expect(notes, "trang cá nhân báo giới tính chưa nhận được").to_contain_text("giới tính")
    quoted = UNREADABLE_GENDER[:limit]
    expect(notes, f"lời báo trích {limit} ký tự đầu").to_contain_text(f"({quoted})")
    expect(notes, f"lời báo không trích quá {limit} ký tự").not_to_contain_text(
        UNREADABLE_GENDER[: limit + 1]
    )


@then("trang cá nhân không ghi ngày sinh nào cho công dân")
def _(ui: PageSet, page: Page) -> None:
    me = ui.personal(page).is_current()
    expect(me.birth_date, "cổng không được nhận một ngày sinh không thể có").to_have_count(0)


@then("trang cá nhân báo công dân rằng cổng không đọc được ngày sinh, công dân sẽ tự khai")
def _(ui: PageSet, page: Page) -> None:
    me = ui.personal(page).is_current()
    expect(me.claim_notes, "trang cá nhân báo ngày sinh chưa nhận được").to_contain_text(
        "ngày sinh"
    )


@when(
    parsers.parse("công dân bắt đầu đăng nhập ở {count:d} thẻ của cùng một trình duyệt, lần lượt"),
    target_fixture="tabs",
)
def _(ui: PageSet, page: Page, count: int) -> Tabs:
    pages = [page] + [page.context.new_page() for _ in range(count - 1)]
    for tab in pages:
        ui.home(tab).open().start_sign_in().is_current()
    return Tabs(pages)


@when("công dân đăng nhập tại hệ thống định danh ở thẻ mở đầu tiên")
def _(ui: PageSet, tabs: Tabs, citizen: Citizen) -> None:
    ui.sso_login(tabs.pages[0]).sign_in(citizen.username, citizen.password.reveal())


@then("ở thẻ mở sau cùng, công dân đăng nhập được và thấy trang cá nhân của mình")
def _(ui: PageSet, tabs: Tabs, citizen: Citizen) -> None:
    newest = tabs.pages[-1]
    ui.sso_login(newest).sign_in(citizen.username, citizen.password.reveal())
    me = ui.personal(newest).is_current()
    expect(me.id_number, "thẻ mở sau cùng: số định danh của công dân").to_have_text(citizen.cccd)


@when("công dân bắt đầu đăng nhập vào cổng dịch vụ công", target_fixture="returns")
def _(ui: PageSet, page: Page) -> list[Response]:
    home = ui.home(page).open()
    returns = home.watch_returns()
    home.start_sign_in()
    return returns


@when(
    "công dân bắt đầu đăng nhập nhưng hủy tại trang của hệ thống định danh",
    target_fixture="returns",
)
def _(ui: PageSet, page: Page) -> list[Response]:
    home = ui.home(page).open()
    returns = home.watch_returns()
    home.start_sign_in().cancel()
    return returns


@then(parsers.parse("cổng trả lời lần trở về từ hệ thống định danh bằng mã HTTP {status:d}"))
def _(ui: PageSet, page: Page, returns: list[Response], status: int) -> None:
    ui.sign_in_failed(page).is_current()  # the answer has arrived: its page is shown
    got = [answer.status for answer in returns]
    assert got == [status], (
        f"cổng trả lời lần trở về từ hệ thống định danh bằng HTTP {got}, đúng ra [{status}]"
    )
