"""A second adapter: the reference portal with its other markup (``PORTAL_UI_VARIANT=b``).

It proves that features and steps need no change when a portal words its pages
differently: only these page objects do. Where the markup is the same as the reference
portal's, the reference pages are reused (``ReferencePages``); the pages that differ are
subclasses that change their locators and the pages they lead to (pages/variant/citizen.py).
Target profile: targets/reference-variant.toml.
"""

from __future__ import annotations

from playwright.sync_api import Page

from pages.protocols import PageSetFactory
from pages.reference import ReferencePages
from pages.reference.citizen import SignedOutPage
from pages.variant.citizen import (
    VariantCataloguePage,
    VariantHomePage,
    VariantMyPage,
    VariantReceiptPage,
    VariantSignedOutPage,
    VariantSignInFailedPage,
    VariantSubmissionFormPage,
)


class VariantPages(ReferencePages):
    def home(self, page: Page) -> VariantHomePage:
        return VariantHomePage(page, self.citizen_url, self.sso_pages)

    def personal(self, page: Page) -> VariantMyPage:
        return VariantMyPage(page, self.citizen_url)

    def signed_out(self, page: Page) -> SignedOutPage:
        return VariantSignedOutPage(page)

    def sign_in_failed(self, page: Page) -> VariantSignInFailedPage:
        return VariantSignInFailedPage(page)

    def catalogue(self, page: Page) -> VariantCataloguePage:
        return VariantCataloguePage(page, self.citizen_url)

    def submission_form(self, page: Page) -> VariantSubmissionFormPage:
        return VariantSubmissionFormPage(page, self.citizen_url)

    def receipt(self, page: Page) -> VariantReceiptPage:
        return VariantReceiptPage(page, self.citizen_url)


PAGE_SET: PageSetFactory = VariantPages
