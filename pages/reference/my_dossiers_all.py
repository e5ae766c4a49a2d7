"""“Hồ sơ của tôi” with its drafts too: what a citizen has on the portal, submitted or not."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.reference.my_dossiers import MyDossiersPage


class AllMyDossiersPage(MyDossiersPage):
    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.drafts = page.get_by_role("table", name="Hồ sơ lưu nháp")

    def open(self) -> AllMyDossiersPage:
        super().open()
        return self

    def draft_count(self) -> int:
        """How many drafts the citizen has saved (rows of the drafts table)."""
        if self.drafts.count() == 0:
            return 0
        return self.drafts.get_by_role("row").count() - 1
