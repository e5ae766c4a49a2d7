"""The officers' queue (/can-bo): dossiers by due date, overdue marks, "my work"."""

from __future__ import annotations

from urllib.parse import quote_plus

from playwright.sync_api import Locator, Page, expect


class OfficerQueuePage:
    PATH = "/can-bo"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", level=1)
        self.search_box = page.get_by_label("Tìm theo mã hồ sơ")
        self.search_button = page.get_by_role("button", name="Tìm hồ sơ")
        self.table = page.get_by_role("table", name="Danh sách hồ sơ")
        self.signed_in_as = page.get_by_text("Cán bộ:", exact=False)

    def is_current(self) -> OfficerQueuePage:
        expect(self.table, "danh sách hồ sơ của cán bộ").to_be_visible()
        return self

    def open(self, *, everything: bool = False) -> OfficerQueuePage:
        query = "?tat_ca=1" if everything else ""
        self.page.goto(f"{self.base_url}{self.PATH}{query}")
        return self.is_current()

    def search(self, code: str) -> OfficerQueuePage:
        self.search_box.fill(code)
        self.search_button.click()
        self.page.wait_for_url(lambda url: f"ma={quote_plus(code)}" in url)
        return self.is_current()

    def row_of(self, code: str) -> Locator:
        return self.table.get_by_role("row").filter(
            has=self.page.get_by_role("link", name=code, exact=True)
        )

    def column(self, code: str, heading: str) -> Locator:
        """The cell of ``code``'s row under the column ``heading``."""
        headings = self.table.get_by_role("columnheader").all_inner_texts()
        index = [h.strip() for h in headings].index(heading)
        return self.row_of(code).get_by_role("cell").nth(index - 1)  # column 0 is the row header

    def statuses(self) -> dict[str, str]:
        """Every listed dossier's code → the status the portal shows for it. One read of
        the whole table in the page (a long list costs one round trip, not three a row)."""
        rows: list[list[list[str]]] = self.table.evaluate(
            """table => Array.from(table.querySelectorAll('tr'), row => Array.from(
                row.children, cell => [cell.tagName, cell.getAttribute('scope') || '',
                                       cell.innerText.trim()]))"""
        )
        headings = [h.strip() for h in self.table.get_by_role("columnheader").all_inner_texts()]
        index = headings.index("Trạng thái")
        shown: dict[str, str] = {}
        for cells in rows:
            if len(cells) <= index or cells[0][:2] != ["TH", "row"]:
                continue  # the heading row, or "Không có hồ sơ nào."
            shown[cells[0][2]] = cells[index][2]
        return shown
