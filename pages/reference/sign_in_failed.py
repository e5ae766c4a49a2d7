"""The portal's page when a sign-in does not complete (templates/auth/sign_in_failed.html)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# What the scenarios say the portal reports → how this portal words it.
REASONS = {
    "đăng nhập đã bị hủy hoặc bị từ chối": "Đăng nhập đã bị hủy hoặc bị hệ thống định danh từ chối",
    "hệ thống định danh tạm thời không phục vụ": "Hệ thống định danh quốc gia tạm thời không phục vụ",
    "thông tin xác thực không hợp lệ": "Thông tin xác thực từ hệ thống định danh không hợp lệ",
    "yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng": "Yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng",
    "mã đăng nhập không còn hiệu lực": "Mã đăng nhập do hệ thống định danh cấp không còn hiệu lực",
}


class SignInFailedPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Đăng nhập không thành công", level=1)
        self.message = page.get_by_role("alert")
        self.try_again = page.get_by_role("link", name="Đăng nhập lại")

    def is_current(self) -> SignInFailedPage:
        expect(self.heading, "trang báo đăng nhập không thành công").to_be_visible()
        return self

    def wording_of(self, reason: str) -> str:
        if reason not in REASONS:
            raise KeyError(f"no wording for {reason!r}; known: {', '.join(REASONS)}")
        return REASONS[reason]
