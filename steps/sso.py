"""Checklist item 1: single sign-on through the national SSO."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from fixtures.citizens import Citizen
from pages.reference.citizen import MyPage
from pages.reference.home import HomePage
from pages.sso.login import SsoLoginPage


def sign_in(page: Page, portal_url: str, citizen: Citizen) -> MyPage:
    HomePage(page, portal_url).open().start_sign_in().sign_in(citizen.username, citizen.password)
    return MyPage(page, portal_url).is_current()


@given("một công dân đã đăng nhập vào cổng dịch vụ công", target_fixture="citizen")
def _(page: Page, portal_url: str, new_registered_citizen: Citizen) -> Citizen:
    sign_in(page, portal_url, new_registered_citizen)
    return new_registered_citizen


@when("công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó")
def _(page: Page, portal_url: str, citizen: Citizen) -> None:
    sign_in(page, portal_url, citizen)


@when("công dân đăng xuất")
def _(page: Page, portal_url: str) -> None:
    MyPage(page, portal_url).sign_out().is_current()


@then("trang cá nhân hiển thị họ tên và số định danh của công dân")
def _(page: Page, portal_url: str, citizen: Citizen) -> None:
    me = MyPage(page, portal_url).is_current()
    expect(me.full_name, "họ tên lấy từ hệ thống định danh").to_have_text(citizen.full_name)
    expect(me.id_number, "số định danh lấy từ hệ thống định danh").to_have_text(citizen.cccd)


@then("cổng dịch vụ công không còn phiên làm việc của công dân")
def _(page: Page, portal_url: str) -> None:
    # The browser's own cookies, sent without following redirects: the portal must not
    # recognise them any more (the session is ended on the server, not only in the browser).
    response = page.request.get(f"{portal_url}{MyPage.PATH}", max_redirects=0)
    assert response.status == 303, (
        f"trang cá nhân vẫn mở được sau khi đăng xuất (HTTP {response.status})"
    )
    assert response.headers["location"].startswith("/dang-nhap"), (
        f"trang cá nhân không chuyển về đăng nhập mà về {response.headers['location']}"
    )


@then("mở lại trang cá nhân thì hệ thống định danh yêu cầu đăng nhập lại")
def _(page: Page, portal_url: str) -> None:
    MyPage(page, portal_url).open()
    SsoLoginPage(page).is_current()
