"""The receipt after a submission (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.reference.fee_facts import FeeFacts


class ReceiptPage(FeeFacts):
    PATH = "/ho-so/{code}/bien-nhan"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page)
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Nộp hồ sơ thành công", level=1)
        self.dossier_code = page.get_by_label("Mã hồ sơ")
        self.owner = page.get_by_label("Chủ hồ sơ")
        self.received_at = page.get_by_label("Ngày nộp")
        self.due_at = page.get_by_label("Ngày hẹn trả")
        self.status = page.get_by_label("Trạng thái", exact=True)

    def open(self, code: str) -> ReceiptPage:
        self.page.goto(self.base_url + self.PATH.format(code=code))
        return self

    def is_current(self) -> ReceiptPage:
        expect(self.heading, "giấy tiếp nhận hồ sơ").to_be_visible()
        return self

    def code(self) -> str:
        return self.dossier_code.inner_text().strip()
