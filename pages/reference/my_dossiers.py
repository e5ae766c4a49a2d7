"""The citizen's list of dossiers (/ho-so, "Hồ sơ của tôi")."""

from __future__ import annotations

from urllib.parse import urljoin

from playwright.sync_api import Locator, Page, expect


class MyDossiersPage:
    PATH = "/ho-so"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Hồ sơ của tôi", level=1)
        self.submitted = page.get_by_role("table", name="Hồ sơ đã nộp")

    def open(self) -> MyDossiersPage:
        self.page.goto(f"{self.base_url}{self.PATH}")
        expect(self.heading, "trang “Hồ sơ của tôi”").to_be_visible()
        return self

    def link_to(self, code: str) -> Locator:
        return self.page.get_by_role("link", name=code, exact=True)

    def row_of(self, code: str) -> Locator:
        """The submitted dossier's row."""
        return self.submitted.get_by_role("row").filter(has=self.link_to(code))

    def resume_draft(self, procedure_name: str) -> None:
        """Go back to the latest saved draft of ``procedure_name``."""
        self.page.get_by_role(
            "link", name=f"Tiếp tục nộp hồ sơ nháp {procedure_name}"
        ).first.click()

    def draft_link(self, procedure_name: str) -> str:
        """The address of the latest saved draft of ``procedure_name``, as its link gives it."""
        link = self.page.get_by_role("link", name=f"Tiếp tục nộp hồ sơ nháp {procedure_name}")
        return urljoin(self.page.url, link.first.get_attribute("href") or "")

    def statuses(self) -> dict[str, str]:
        """Each submitted dossier's code → the status shown (the table's last column)."""
        shown: dict[str, str] = {}
        if self.submitted.count() == 0:
            return shown
        for row in self.submitted.get_by_role("row").all()[1:]:
            cells = row.get_by_role("cell").all_inner_texts()
            shown[row.get_by_role("rowheader").inner_text().strip()] = cells[-1].strip()
        return shown
