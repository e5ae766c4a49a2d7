"""The fee facts and the pay button that the receipt, the dossier page and the payment
result share (templates/dossiers/_fee_facts.html, _pay_button.html)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.payment.hosted_page import HostedPaymentPage


class FeeFacts:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.fee = page.get_by_label("Phí, lệ phí")
        self.payment_state = page.get_by_label("Tình trạng thanh toán")
        self.transaction_no = page.get_by_label("Mã giao dịch")
        self.pay_button = page.get_by_role("button", name="Thanh toán lệ phí")

    def pay(self) -> HostedPaymentPage:
        """Start paying: the browser goes to the payment platform's page."""
        self.pay_button.click()
        return HostedPaymentPage(self.page)

    def start_paying(self) -> None:
        """Start paying when the platform is not expected to take over (it may not answer)."""
        self.pay_button.click()
