"""The officers' sign-in page (/can-bo/dang-nhap)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.reference.officer.queue import OfficerQueuePage


class OfficerSignInPage:
    PATH = "/can-bo/dang-nhap"
    # How this portal says a sign-in is refused for a while (too many wrong passwords).
    LOCKED_OUT = "Đăng nhập tạm thời bị khóa"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Đăng nhập dành cho cán bộ")
        self.username = page.get_by_label("Tên đăng nhập")
        self.password = page.get_by_label("Mật khẩu")
        self.submit = page.get_by_role("button", name="Đăng nhập", exact=True)
        self.error = page.get_by_role("alert")

    def open(self) -> OfficerSignInPage:
        self.page.goto(f"{self.base_url}{self.PATH}")
        expect(self.heading, "trang đăng nhập của cán bộ").to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> OfficerQueuePage:
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()
        return OfficerQueuePage(self.page, self.base_url).is_current()

    def try_sign_in(self, username: str, password: str) -> OfficerSignInPage:
        """Sign in expecting a refusal: back on this page, with its message (``error``)."""
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()
        expect(self.error, "trang đăng nhập báo lỗi").to_be_visible()
        return self
