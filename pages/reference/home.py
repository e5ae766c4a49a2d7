"""The portal's home page."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.sso.login import SsoLoginPage


class HomePage:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.sign_in_link = page.get_by_role("link", name="Đăng nhập bằng tài khoản Cổng DVCQG")

    def open(self) -> HomePage:
        self.page.goto(f"{self.base_url}/")
        return self

    def start_sign_in(self) -> SsoLoginPage:
        self.sign_in_link.click()
        return SsoLoginPage(self.page)
