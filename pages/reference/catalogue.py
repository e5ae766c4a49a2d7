"""The catalogue of procedures (Thủ tục hành chính) and a procedure's public page."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.reference.submission_form import SubmissionFormPage


class CataloguePage:
    PATH = "/thu-tuc"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Thủ tục hành chính", level=1)
        self.query = page.get_by_label("Tìm thủ tục theo tên hoặc mã")
        self.search_button = page.get_by_role("button", name="Tìm kiếm")
        self.results = page.get_by_role("table", name="Danh sách thủ tục hành chính")

    def open(self) -> CataloguePage:
        self.page.goto(f"{self.base_url}{self.PATH}")
        expect(self.heading, "danh mục thủ tục hành chính").to_be_visible()
        return self

    def search(self, text: str) -> CataloguePage:
        self.query.fill(text)
        self.search_button.click()
        return self

    def listed(self, name: str) -> Locator:
        """The procedure's link among the results (none when it is not listed)."""
        return self.results.get_by_role("link", name=name, exact=True)

    def listed_procedures(self) -> Locator:
        """Every procedure's link among the results."""
        return self.results.get_by_role("link")

    def open_procedure(self, name: str) -> ProcedurePage:
        self.results.get_by_role("link", name=name, exact=True).click()
        return ProcedurePage(self.page, self.base_url, name).is_current()


class ProcedurePage:
    def __init__(self, page: Page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name=name, level=1, exact=True)
        self.code = page.get_by_label("Mã thủ tục")
        self.fee = page.get_by_label("Phí, lệ phí")
        self.processing_time = page.get_by_label("Thời hạn giải quyết")
        self.submit_online = page.get_by_role("link", name="Nộp hồ sơ trực tuyến")

    def is_current(self) -> ProcedurePage:
        expect(self.heading, "trang thông tin thủ tục").to_be_visible()
        return self

    def start_submission(self) -> SubmissionFormPage:
        self.submit_online.click()
        return SubmissionFormPage(self.page, self.base_url).is_current()
