"""The public lookup (/tra-cuu): anyone with a dossier code sees its status and dates."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, expect


class PublicLookupPage:
    PATH = "/tra-cuu"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Tra cứu hồ sơ", level=1)
        self.found = page.get_by_role("region", name="Tình trạng hồ sơ")
        self.status = self.found.get_by_label("Trạng thái", exact=True)
        self.received_at = self.found.get_by_label("Ngày nộp", exact=True)
        self.due_at = self.found.get_by_label("Ngày hẹn trả", exact=True)
        self.not_found = page.get_by_role("alert")
        self.answer_status = 0  # the HTTP status the last open() was answered with

    def open(self, code: str) -> PublicLookupPage:
        answer = self.page.goto(f"{self.base_url}{self.PATH}?ma={quote(code)}")
        self.answer_status = answer.status if answer is not None else 0
        expect(self.heading, "trang tra cứu hồ sơ").to_be_visible()
        return self

    def text(self) -> str:
        """Everything the page shows (to look for what it must not show)."""
        return self.page.locator("body").inner_text()
