"""The e-form of a procedure (Tờ khai điện tử) with its attachments."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from pages.reference.receipt import ReceiptPage


class SubmissionFormPage:
    PATH = "/thu-tuc/{code}/nop-ho-so"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role(
            "heading", name=re.compile("^Nộp hồ sơ trực tuyến"), level=1
        )
        self.errors = page.get_by_role("alert")
        self.saved = page.get_by_role("status")
        self.submit_button = page.get_by_role("button", name="Nộp hồ sơ", exact=True)
        self.save_button = page.get_by_role("button", name="Lưu nháp")

    def open(self, code: str) -> SubmissionFormPage:
        self.page.goto(self.base_url + self.PATH.format(code=code))
        return self

    def is_current(self) -> SubmissionFormPage:
        expect(self.heading, "tờ khai nộp hồ sơ trực tuyến").to_be_visible()
        return self

    def field(self, label: str) -> Locator:
        """A form control (input, select, textarea, file) by its label."""
        return self.page.get_by_label(label, exact=True)

    def fill(self, label: str, value: str, *, choice: bool = False) -> None:
        if choice:
            self.field(label).select_option(label=value)
        else:
            self.field(label).fill(value)

    def attach(self, label: str, file: Path) -> None:
        self.field(label).set_input_files(file)

    def force(self, label: str, value: str) -> None:
        """Change a read-only field the way a user with the browser's tools could."""
        self.field(label).evaluate(
            "(el, value) => { el.removeAttribute('readonly'); el.value = value; }", value
        )

    def submit_dossier(self) -> ReceiptPage:
        self.submit_button.click()
        return ReceiptPage(self.page, self.base_url).is_current()

    def try_to_submit(self) -> SubmissionFormPage:
        """Submit a dossier the portal is expected to refuse: the form comes back."""
        self.submit_button.click()
        expect(self.errors, "thông báo hồ sơ chưa hợp lệ").to_be_visible()
        return self

    def save_draft(self) -> SubmissionFormPage:
        self.save_button.click()
        expect(self.saved, "thông báo đã lưu nháp").to_contain_text("Đã lưu nháp")
        return self
