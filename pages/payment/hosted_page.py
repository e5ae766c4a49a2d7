"""The payment platform's hosted payment page (docs/contracts.md §2.2)."""

from __future__ import annotations

from playwright.sync_api import Page, Route, expect

LEFT = "<!doctype html><html lang=vi><title>Đã đóng</title><h1>Người nộp đã đóng trình duyệt</h1>"


class HostedPaymentPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Thanh toán phí, lệ phí hồ sơ")
        self.amount = page.get_by_test_id("so-tien")
        self.dossier_code = page.get_by_test_id("ma-ho-so")
        self.channels = page.get_by_role("radiogroup", name="Kênh thanh toán")
        self.pay_button = page.get_by_role("button", name="Thanh toán", exact=True)
        self.cancel_button = page.get_by_role("button", name="Hủy giao dịch")

    def is_current(self) -> HostedPaymentPage:
        expect(self.heading, "trang thanh toán của nền tảng thanh toán").to_be_visible()
        return self

    def pay(self, channel: str) -> None:
        """Pay through ``channel`` (Thẻ ATM nội địa, Ví điện tử, Chuyển khoản QR); the
        platform then sends the browser back to the portal."""
        self.is_current()
        self.channels.get_by_label(channel, exact=True).check()
        self.pay_button.click()

    def cancel(self) -> None:
        self.is_current()
        self.cancel_button.click()

    def pay_and_leave(self, channel: str) -> None:
        """Pay, but never let the browser go back to the portal (as when the payer closes
        the tab): the platform's answer to the payment is taken, its redirect dropped."""

        def without_redirect(route: Route) -> None:
            if route.request.method != "POST":
                route.continue_()
                return
            route.fetch(max_redirects=0)  # the platform records the payment and calls back
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=LEFT)

        url = self.page.url
        self.page.route(url, without_redirect)
        self.pay(channel)
        expect(
            self.page.get_by_role("heading", name="Người nộp đã đóng trình duyệt")
        ).to_be_visible()
        self.page.unroute(url, without_redirect)
