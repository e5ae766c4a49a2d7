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
        self.cancel_button = page.get_by_role("button", name="Hủy đăng nhập")

    def is_current(self) -> SsoLoginPage:
        expect(self.heading, "trang đăng nhập của hệ thống định danh").to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> None:
        self.is_current()
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()

    def cancel(self) -> None:
        """The user changes their mind and goes back without signing in."""
        self.is_current()
        self.cancel_button.click()
