"""The citizen's own page (Trang cá nhân) and the header's sign-out."""

from __future__ import annotations

from playwright.sync_api import APIResponse, Locator, Page, expect

SIGN_IN_PATH = "/dang-nhap"


class MyPage:
    PATH = "/ca-nhan"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Trang cá nhân", level=1)
        self.full_name = page.get_by_label("Họ và tên")
        self.id_number = page.get_by_label("Số định danh cá nhân")
        self.company_name = page.get_by_label("Doanh nghiệp", exact=True)
        self.tax_code = page.get_by_label("Mã số doanh nghiệp", exact=True)
        self.birth_date = page.get_by_label("Ngày sinh", exact=True)
        # what the identity provider sent that the portal could not take, and why
        self.claim_notes = page.get_by_role("note")
        self.sign_out_button = page.get_by_role("button", name="Đăng xuất")

    def url(self, query: str = "") -> str:
        return f"{self.base_url}{self.PATH}{'?' + query if query else ''}"

    def sign_in_link_back(self, query: str) -> str:
        """A sign-in link back to this page as another site may write it: ``next`` not
        encoded, so the page's own parameters follow it (``?next=/ca-nhan?a=1&b=2``)."""
        return f"{self.base_url}{SIGN_IN_PATH}?next={self.PATH}?{query}"

    def open(self, query: str = "") -> None:
        """Open the page (a deep link when ``query`` is given), signed in or not."""
        self.page.goto(self.url(query))

    def is_current(self) -> MyPage:
        expect(self.heading, "trang cá nhân của công dân").to_be_visible()
        return self

    def identity(self) -> dict[str, Locator]:
        return {"HoVaTen": self.full_name, "SoDinhDanh": self.id_number}

    def sign_out(self) -> SignedOutPage:
        self.sign_out_button.click()
        return SignedOutPage(self.page)

    def ask_server_without_following(self) -> APIResponse:
        """The page as the server answers it to this browser's cookies, redirects not
        followed: tells whether the portal itself still holds a session for the browser."""
        return self.page.request.get(self.url(), max_redirects=0)

    @staticmethod
    def sends_to_sign_in(response: APIResponse) -> bool:
        return response.status in (302, 303, 307) and response.headers.get(
            "location", ""
        ).startswith(SIGN_IN_PATH)


class SignedOutPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Bạn đã đăng xuất")
        self.status = page.get_by_role("status")

    def is_current(self) -> SignedOutPage:
        expect(self.heading, "trang xác nhận đã đăng xuất").to_be_visible()
        return self
