"""The portal's page when the payer comes back from the payment platform (UrlTraVe)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.reference.fee_facts import FeeFacts


class PaymentResultPage(FeeFacts):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.heading = page.get_by_role("heading", name="Kết quả thanh toán", level=1)
        self.success = page.get_by_role("status")
        self.failure = page.get_by_role("alert")
        self.dossier_code = page.get_by_label("Mã hồ sơ")
        self.amount = page.get_by_label("Số tiền")

    def is_current(self) -> PaymentResultPage:
        expect(self.heading, "trang kết quả thanh toán của cổng").to_be_visible()
        return self
