"""What the owner of a dossier sees of it, read in one go, to compare before and after an
attempt that must change nothing: status, the rows of its papers, payments and history."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.reference.dossier_tracking import CitizenDossierPage

TABLES = ("Giấy tờ đã nộp", "Giao dịch thanh toán", "Quá trình xử lý")


class DossierState:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def read(self, code: str) -> dict[str, object]:
        view = CitizenDossierPage(self.page, self.base_url).open(code)
        state: dict[str, object] = {
            "Trạng thái": view.status.inner_text().strip(),
            "Tình trạng thanh toán": view.fee_state.all_inner_texts(),
        }
        for caption in TABLES:
            table = self.page.get_by_role("table", name=caption)
            state[caption] = [r.strip() for r in table.get_by_role("row").all_inner_texts()]
        return state
