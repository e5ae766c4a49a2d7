"""The officer's session as the back office's header shows it: who is signed in, and the
sign-out button ("Đăng xuất cán bộ")."""

from __future__ import annotations

from playwright.sync_api import APIResponse, Page, expect

from pages.reference.officer.queue import OfficerQueuePage
from pages.reference.officer.sign_in import OfficerSignInPage


class OfficerSession:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.sign_out_button = page.get_by_role("button", name="Đăng xuất cán bộ")

    def sign_out(self) -> OfficerSignInPage:
        OfficerQueuePage(self.page, self.base_url).open()
        self.sign_out_button.click()
        signed_out = OfficerSignInPage(self.page, self.base_url)
        expect(signed_out.heading, "trang đăng nhập của cán bộ sau khi đăng xuất").to_be_visible()
        return signed_out

    def ask_server_without_following(self) -> APIResponse:
        """The queue as the server answers it to this browser's cookies, redirects not
        followed: 200 while the server holds an officer's session for them."""
        return self.page.request.get(f"{self.base_url}{OfficerQueuePage.PATH}", max_redirects=0)

    @staticmethod
    def sends_to_sign_in(response: APIResponse) -> bool:
        return OfficerSession.sends_to_sign_in_at(
            response.status, response.headers.get("location", "")
        )

    @staticmethod
    def sends_to_sign_in_at(status: int, location: str) -> bool:
        """Whether an answer (status, Location) sends the browser to the officers' sign-in."""
        return status in (302, 303, 307) and location.startswith(OfficerSignInPage.PATH)
