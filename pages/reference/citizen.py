"""The citizen's own page (Trang cá nhân) and the header's sign-out."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


class MyPage:
    PATH = "/ca-nhan"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Trang cá nhân", level=1)
        self.full_name = page.get_by_label("Họ và tên")
        self.id_number = page.get_by_label("Số định danh cá nhân")
        self.sign_out_button = page.get_by_role("button", name="Đăng xuất")

    def open(self) -> None:
        self.page.goto(f"{self.base_url}{self.PATH}")

    def is_current(self) -> MyPage:
        expect(self.heading, "trang cá nhân của công dân").to_be_visible()
        return self

    def identity(self) -> dict[str, Locator]:
        return {"HoVaTen": self.full_name, "SoDinhDanh": self.id_number}

    def sign_out(self) -> SignedOutPage:
        self.sign_out_button.click()
        return SignedOutPage(self.page)


class SignedOutPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Bạn đã đăng xuất")
        self.status = page.get_by_role("status")

    def is_current(self) -> SignedOutPage:
        expect(self.heading, "trang xác nhận đã đăng xuất").to_be_visible()
        return self
