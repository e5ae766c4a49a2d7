"""The citizen pages whose markup differs in the variant: only the locators that differ
(and the pages they lead to) are overridden; everything else is the reference page's."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from pages.protocols import SsoPages
from pages.reference.catalogue import CataloguePage, ProcedurePage
from pages.reference.citizen import MyPage, SignedOutPage
from pages.reference.home import HomePage
from pages.reference.receipt import ReceiptPage
from pages.reference.sign_in_failed import SignInFailedPage
from pages.reference.submission_form import SubmissionFormPage
from pages.sso.login import SSO_PAGES


class VariantHomePage(HomePage):
    def __init__(self, page: Page, base_url: str, sso_pages: SsoPages = SSO_PAGES) -> None:
        super().__init__(page, base_url, sso_pages)
        self.sign_in_link = page.get_by_role(
            "link", name="Đăng nhập qua Cổng Dịch vụ công quốc gia (VNeID)"
        )

    def open(self) -> VariantHomePage:
        super().open()
        return self


class VariantSignedOutPage(SignedOutPage):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.heading = page.get_by_role("heading", name="Đã đăng xuất khỏi cổng")


class VariantMyPage(MyPage):
    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", name="Tài khoản của tôi", level=1)
        self.full_name = page.get_by_label("Họ tên chủ tài khoản")
        self.id_number = page.get_by_label("Số CCCD / định danh cá nhân")

    def is_current(self) -> VariantMyPage:
        super().is_current()
        return self

    def sign_out(self) -> VariantSignedOutPage:
        self.sign_out_button.click()
        return VariantSignedOutPage(self.page)


class VariantSignInFailedPage(SignInFailedPage):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.heading = page.get_by_role("heading", name="Chưa đăng nhập được", level=1)

    def is_current(self) -> VariantSignInFailedPage:
        super().is_current()
        return self


class VariantReceiptPage(ReceiptPage):
    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", name="Đã tiếp nhận hồ sơ trực tuyến", level=1)

    def open(self, code: str) -> VariantReceiptPage:
        super().open(code)
        return self

    def is_current(self) -> VariantReceiptPage:
        super().is_current()
        return self


class VariantSubmissionFormPage(SubmissionFormPage):
    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", name=re.compile("^Tờ khai điện tử"), level=1)
        self.submit_button = page.get_by_role("button", name="Gửi hồ sơ", exact=True)
        self.save_button = page.get_by_role("button", name="Lưu tạm")

    def open(self, code: str) -> VariantSubmissionFormPage:
        super().open(code)
        return self

    def is_current(self) -> VariantSubmissionFormPage:
        super().is_current()
        return self

    def submit_dossier(self) -> VariantReceiptPage:
        self.submit_button.click()
        return VariantReceiptPage(self.page, self.base_url).is_current()

    def try_to_submit(self) -> VariantSubmissionFormPage:
        super().try_to_submit()
        return self

    def save_draft(self) -> VariantSubmissionFormPage:
        super().save_draft()
        return self


class VariantProcedurePage(ProcedurePage):
    def __init__(self, page: Page, base_url: str, name: str) -> None:
        super().__init__(page, base_url, name)
        self.submit_online = page.get_by_role("link", name="Nộp hồ sơ qua mạng")

    def is_current(self) -> VariantProcedurePage:
        super().is_current()
        return self

    def start_submission(self) -> VariantSubmissionFormPage:
        self.submit_online.click()
        return VariantSubmissionFormPage(self.page, self.base_url).is_current()


class VariantCataloguePage(CataloguePage):
    def open(self) -> VariantCataloguePage:
        super().open()
        return self

    def search(self, text: str) -> VariantCataloguePage:
        super().search(text)
        return self

    def open_procedure(self, name: str) -> VariantProcedurePage:
        self.results.get_by_role("link", name=name, exact=True).click()
        return VariantProcedurePage(self.page, self.base_url, name).is_current()
