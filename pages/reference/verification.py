"""The public verification page of an electronic result (/xac-thuc/{code}): what the QR
code on the document opens, and the upload form that checks a PDF file."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect


class VerificationPage:
    PATH = "/xac-thuc"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role(
            "heading", name="Xác thực kết quả giải quyết thủ tục hành chính bản điện tử"
        )
        self.document = page.get_by_role("region", name="Văn bản điện tử của hồ sơ")
        self.signature_message = self.document.get_by_role("status")
        self.agency = page.get_by_label("Cơ quan ban hành", exact=True)
        self.code = page.get_by_label("Mã hồ sơ", exact=True)
        self.title = page.get_by_label("Tên giấy tờ", exact=True)
        self.sha256 = page.get_by_label("Mã băm SHA-256", exact=True)
        self.signer = page.get_by_label("Chứng thư ký số", exact=True)
        self.signature_state = page.get_by_label("Trạng thái chữ ký số", exact=True)
        self.file_input = page.get_by_label("Tệp PDF cần kiểm tra")
        self.check_button = page.get_by_role("button", name="Kiểm tra tệp")
        self.check_result = page.get_by_role("region", name="Kết quả kiểm tra tệp")
        self.file_sha256 = page.get_by_label("Mã băm SHA-256 của tệp", exact=True)
        self.file_dossier = page.get_by_label("Hồ sơ tương ứng", exact=True)

    def is_current(self) -> VerificationPage:
        expect(self.heading, "trang xác thực kết quả điện tử").to_be_visible()
        return self

    def open_url(self, url: str) -> VerificationPage:
        self.page.goto(url)
        return self.is_current()

    def open(self) -> VerificationPage:
        return self.open_url(f"{self.base_url}{self.PATH}")

    def check_file(self, file: Path) -> VerificationPage:
        self.file_input.set_input_files(str(file))
        self.check_button.click()
        expect(self.check_result, "kết quả kiểm tra tệp của cổng").to_be_visible()
        return self
