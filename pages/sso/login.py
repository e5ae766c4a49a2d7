"""The national SSO's login page (our mock, or a staging identity provider)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


class SsoLoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Đăng nhập tài khoản định danh")
        self.username = page.get_by_label("Tên đăng nhập")
        self.password = page.get_by_label("Mật khẩu")
        self.submit = page.get_by_role("button", name="Đăng nhập", exact=True)
        self.cancel = page.get_by_role("button", name="Hủy đăng nhập")

    def is_current(self) -> SsoLoginPage:
        expect(self.heading, "trang đăng nhập của hệ thống định danh").to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> None:
        self.is_current()
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()

    def refuse(self) -> None:
        self.is_current()
        self.cancel.click()
