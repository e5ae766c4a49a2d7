"""A dossier as its owner sees it (Hồ sơ <mã>): status, fee, payments, history."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.reference.fee_facts import FeeFacts


class DossierDetailPage(FeeFacts):
    def __init__(self, page: Page, base_url: str, code: str) -> None:
        super().__init__(page)
        self.base_url = base_url
        self.code = code
        self.heading = page.get_by_role("heading", name=f"Hồ sơ {code}", level=1)
        self.status = page.get_by_label("Trạng thái", exact=True)
        self.payments = page.get_by_role("table", name="Giao dịch thanh toán")
        self.history = page.get_by_role("table", name="Quá trình xử lý")
        self.files = page.get_by_role("table", name="Giấy tờ đã nộp")

    def open(self) -> DossierDetailPage:
        self.page.goto(f"{self.base_url}/ho-so/{self.code}")
        return self.is_current()

    def is_current(self) -> DossierDetailPage:
        expect(self.heading, f"trang chi tiết hồ sơ {self.code}").to_be_visible()
        return self

    def payment_rows(self, result: str) -> Locator:
        """Rows of the payment attempts table whose result reads ``result``."""
        return self.payments.get_by_role("row").filter(
            has=self.page.get_by_role("cell", name=result, exact=True)
        )

    def file_rows(self, paper: str) -> Locator:
        """Rows of the submitted papers table for the paper named ``paper``."""
        return self.files.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=paper, exact=True)
        )

    def history_rows(self, action_starts: str) -> Locator:
        return self.history.get_by_role("row").filter(has_text=action_starts)
