"""The adapter for the bundled reference portal: its page objects and their PageSet.

``PAGE_SET`` is typed as the interface's factory, so mypy checks that every reference
page satisfies its Protocol in pages/protocols.py.
"""

from __future__ import annotations

from datetime import datetime

import httpx
from playwright.sync_api import Page

from pages.payment import PAYMENT_PAGES, hosted_payment
from pages.protocols import HostedPayment, PageSetFactory, Payer, PaymentPages, SsoLogin, SsoPages
from pages.reference.catalogue import CataloguePage, ProcedurePage
from pages.reference.citizen import MyPage, SignedOutPage
from pages.reference.dossier_detail import DossierDetailPage
from pages.reference.dossier_state import DossierState
from pages.reference.dossier_tracking import CitizenDossierPage, shown_time
from pages.reference.forms_over_http import ReferenceHttp
from pages.reference.home import HomePage
from pages.reference.lookup import PublicLookupPage
from pages.reference.my_dossiers import MyDossiersPage
from pages.reference.my_dossiers_all import AllMyDossiersPage
from pages.reference.officer.dossier import OfficerDossierPage
from pages.reference.officer.queue import OfficerQueuePage
from pages.reference.officer.sign_in import OfficerSignInPage
from pages.reference.officer_session import OfficerSession
from pages.reference.payment_result import PaymentResultPage
from pages.reference.receipt import ReceiptPage
from pages.reference.sign_in_failed import SignInFailedPage
from pages.reference.submission_form import SubmissionFormPage
from pages.reference.test_api import ReferenceTestApi
from pages.reference.verification import VerificationPage
from pages.sso.login import SSO_PAGES
from pages.test_api import PortalTestApi

# What the home page's <title> contains: the pre-run check of an external target asks for
# it (a target profile's [portal] expect_title says otherwise).
HOME_TITLE = "Trang chủ"


class ReferencePages:
    """The reference portal's pages; an adapter for a similar portal subclasses this and
    overrides the factories of the pages whose markup differs (see pages/variant/)."""

    def __init__(self, citizen_url: str, officer_url: str) -> None:
        self.citizen_url = citizen_url
        self.officer_url = officer_url
        self.role_refusal = OfficerDossierPage.ROLE_REFUSAL
        self.http = ReferenceHttp(citizen_url, officer_url)
        self.sso_pages: SsoPages = SSO_PAGES  # our mock's; fixtures/pages.py sets a profile's
        self.payment_pages: PaymentPages = PAYMENT_PAGES  # ditto, [payment] pages
        self.payer = Payer()  # [payment] channel and account at an external platform

    # citizen
    def home(self, page: Page) -> HomePage:
        return HomePage(page, self.citizen_url, self.sso_pages)

    def personal(self, page: Page) -> MyPage:
        return MyPage(page, self.citizen_url)

    def signed_out(self, page: Page) -> SignedOutPage:
        return SignedOutPage(page)

    def sign_in_failed(self, page: Page) -> SignInFailedPage:
        return SignInFailedPage(page)

    def catalogue(self, page: Page) -> CataloguePage:
        return CataloguePage(page, self.citizen_url)

    def submission_form(self, page: Page) -> SubmissionFormPage:
        return SubmissionFormPage(page, self.citizen_url)

    def receipt(self, page: Page) -> ReceiptPage:
        return ReceiptPage(page, self.citizen_url)

    def payment_result(self, page: Page) -> PaymentResultPage:
        return PaymentResultPage(page)

    def dossier_detail(self, page: Page, code: str) -> DossierDetailPage:
        return DossierDetailPage(page, self.citizen_url, code)

    def my_dossiers(self, page: Page) -> MyDossiersPage:
        return MyDossiersPage(page, self.citizen_url)

    def all_my_dossiers(self, page: Page) -> AllMyDossiersPage:
        return AllMyDossiersPage(page, self.citizen_url)

    def dossier_state(self, page: Page) -> DossierState:
        return DossierState(page, self.citizen_url)

    def procedure(self, page: Page, name: str) -> ProcedurePage:
        return ProcedurePage(page, self.citizen_url, name)

    def citizen_dossier(self, page: Page) -> CitizenDossierPage:
        return CitizenDossierPage(page, self.citizen_url)

    def verification(self, page: Page) -> VerificationPage:
        return VerificationPage(page, self.citizen_url)

    def public_lookup(self, page: Page) -> PublicLookupPage:
        return PublicLookupPage(page, self.citizen_url)

    def shown_time(self, moment: datetime) -> str:
        return shown_time(moment)

    # officer
    def officer_sign_in(self, page: Page) -> OfficerSignInPage:
        return OfficerSignInPage(page, self.officer_url)

    def officer_queue(self, page: Page) -> OfficerQueuePage:
        return OfficerQueuePage(page, self.officer_url)

    def officer_dossier(self, page: Page) -> OfficerDossierPage:
        return OfficerDossierPage(page, self.officer_url)

    def officer_session(self, page: Page) -> OfficerSession:
        return OfficerSession(page, self.officer_url)

    # the test API (test mode only): preconditions over HTTP
    def test_api(self, http: httpx.Client) -> PortalTestApi:
        return ReferenceTestApi(self.citizen_url, http)

    # the national systems' pages
    def sso_login(self, page: Page) -> SsoLogin:
        return self.sso_pages.login(page)

    def hosted_payment(self, page: Page) -> HostedPayment:
        return hosted_payment(self.payment_pages, page, self.payer)


PAGE_SET: PageSetFactory = ReferencePages
