"""The page-object interface: what the steps may ask of a portal's pages, per role.

Steps never import a portal's page classes: they get a :class:`PageSet` (the ``ui``
fixture) and build pages through it, ``ui.home(page).open()``. The target profile's
``pages = "NAME"`` picks the set: ``pages/NAME/__init__.py`` exports ``PAGE_SET``, a
factory ``(citizen_url, officer_url) -> PageSet``. ``pages/reference/`` is the adapter for
the bundled portal; another portal's adapter implements these Protocols (subclassing the
reference pages where its markup is the same). mypy checks that the reference classes
satisfy them (``pages/reference/__init__.py``).

Every Protocol lists exactly what the steps use: a locator (``Locator``) for what a
``Thì`` step asserts on, a method for what a person does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import (
    APIRequestContext,
    APIResponse,
    FilePayload,
    Locator,
    Page,
    Response,
)

from fixtures.secrets import Secret

# The officers' roles as the scenarios name them; the target profile gives an account
# for each ([officers."cán bộ một cửa"] ...).
OFFICER_ROLES = ("cán bộ một cửa", "chuyên viên", "lãnh đạo")
ROLE_PATTERN = "|".join(OFFICER_ROLES)


# --- the national systems' pages (SSO login, payment platform) ----------------------


class SsoLogin(Protocol):
    def is_current(self) -> SsoLogin: ...
    def sign_in(self, username: str, password: str) -> None:
        """Sign in, and give whatever consent the provider asks for, until it sends the
        browser back to the portal."""
        ...

    def cancel(self) -> None: ...


class SsoPages(Protocol):
    """The identity provider's pages, a set of their own: ``pages/sso/`` for our mock; a
    target profile's ``[sso] login_pages`` (a module or a path) for another provider, so
    that one portal adapter works with any provider. The module exports ``SSO_PAGES``."""

    def login(self, page: Page) -> SsoLogin: ...
    def sign_in_over_http(
        self, request: APIRequestContext, login_page: APIResponse, username: str, password: str
    ) -> APIResponse:
        """The sign-in (and consent) over HTTP from ``login_page``, the provider's answer
        that showed its form; returns the last answer, back on the portal."""
        ...

    def confirm_sign_out(self, page: Page, back: Locator) -> None:
        """After the portal sent the browser to the provider's sign-out: confirm it there if
        the provider asks, until ``back`` (the portal's signed-out page) shows; nothing to
        do for a provider that does not ask."""
        ...


class HostedPayment(Protocol):
    amount: Locator
    dossier_code: Locator
    pay_button: Locator

    def is_current(self) -> HostedPayment: ...
    def pay(self, channel: str) -> None: ...
    def cancel(self) -> None: ...
    def pay_and_leave(self, channel: str) -> None: ...


@dataclass(frozen=True)
class Payer:
    """Who pays at an external payment platform (profile ``[payment]``): the sandbox's test
    channel (``""``: the one the scenario names) and, if its page asks for one, the test
    account and its password (masked in any report)."""

    channel: str = ""
    account: str = ""
    password: Secret = field(default_factory=lambda: Secret(""))


class PaymentPages(Protocol):
    """The payment platform's pages, a set of their own: ``pages/payment/`` for our mock; a
    target profile's ``[payment] pages`` (a module or a path) for a sandbox. The module
    exports ``PAYMENT_PAGES``."""

    def hosted_payment(self, page: Page, payer: Payer) -> HostedPayment:
        """The platform's page the portal sent the browser to, paying as ``payer``."""
        ...


# --- citizen ------------------------------------------------------------------------


class Home(Protocol):
    sign_in_link: Locator

    def open(self) -> Home: ...
    def start_sign_in(self) -> SsoLogin: ...
    def sign_in(self, username: str, password: str) -> str:
        """Sign in at the identity provider; return the URL it sent the browser back by."""
        ...

    def sign_in_cut_off_before_return(self, username: str, password: str) -> str: ...
    def watch_returns(self) -> list[Response]:
        """From now on, note the portal's answer each time the identity provider sends the
        browser back (the redirect URI): a live list, oldest first."""
        ...

    def sign_in_over_http(self, username: str, password: str) -> None:
        """The same sign-in as a precondition: the round trip over the page's HTTP client
        (cookies shared with the browser context), no page rendered; the browser stays."""
        ...


class SignedOut(Protocol):
    heading: Locator  # what shows once the browser is back on the portal, signed out

    def is_current(self) -> SignedOut: ...


class PersonalPage(Protocol):
    full_name: Locator
    id_number: Locator
    company_name: Locator
    tax_code: Locator
    birth_date: Locator
    claim_notes: Locator  # what the provider sent that the portal did not take, and why

    def url(self, query: str = "") -> str: ...
    def sign_in_link_back(self, query: str) -> str:
        """A sign-in link back to this page with ``query``, ``next`` written unencoded."""
        ...

    def open(self, query: str = "") -> None: ...
    def is_current(self) -> PersonalPage: ...
    def sign_out(self) -> SignedOut: ...
    def ask_server_without_following(self) -> APIResponse: ...
    def sends_to_sign_in(self, response: APIResponse) -> bool: ...


class SignInFailed(Protocol):
    message: Locator

    def is_current(self) -> SignInFailed: ...
    def wording_of(self, reason: str) -> str:
        """How this portal words ``reason`` (as the scenarios name it)."""
        ...


class FeeFacts(Protocol):
    fee: Locator
    payment_state: Locator
    transaction_no: Locator
    pay_button: Locator

    def pay(self) -> HostedPayment: ...
    def start_paying(self) -> None: ...


class Receipt(FeeFacts, Protocol):
    dossier_code: Locator
    owner: Locator
    received_at: Locator
    due_at: Locator
    status: Locator

    def open(self, code: str) -> Receipt: ...
    def is_current(self) -> Receipt: ...
    def code(self) -> str: ...


class SubmissionForm(Protocol):
    errors: Locator
    submit_button: Locator

    def open(self, code: str) -> SubmissionForm: ...
    def is_current(self) -> SubmissionForm: ...
    def field(self, label: str) -> Locator: ...
    def fill(self, label: str, value: str, *, choice: bool = False) -> None: ...
    def attach(self, label: str, file: Path) -> None: ...
    def force(self, label: str, value: str) -> None: ...
    def submit_dossier(self) -> Receipt: ...
    def try_to_submit(self) -> SubmissionForm: ...
    def save_draft(self) -> SubmissionForm: ...


class ProcedureInfo(Protocol):
    code: Locator
    fee: Locator

    def is_current(self) -> ProcedureInfo: ...
    def start_submission(self) -> SubmissionForm: ...


class Catalogue(Protocol):
    heading: Locator

    def open(self) -> Catalogue: ...
    def search(self, text: str) -> Catalogue: ...
    def listed(self, name: str) -> Locator: ...
    def listed_procedures(self) -> Locator: ...
    def open_procedure(self, name: str) -> ProcedureInfo: ...


class PaymentResult(FeeFacts, Protocol):
    success: Locator
    failure: Locator
    dossier_code: Locator
    amount: Locator

    def is_current(self) -> PaymentResult: ...


class DossierDetail(FeeFacts, Protocol):
    status: Locator

    def open(self) -> DossierDetail: ...
    def is_current(self) -> DossierDetail: ...
    def payment_rows(self, result: str) -> Locator: ...
    def file_rows(self, paper: str) -> Locator: ...
    def history_rows(self, action_starts: str) -> Locator: ...


class MyDossiers(Protocol):
    def open(self) -> MyDossiers: ...
    def link_to(self, code: str) -> Locator: ...
    def row_of(self, code: str) -> Locator: ...
    def resume_draft(self, procedure_name: str) -> None: ...
    def draft_link(self, procedure_name: str) -> str: ...
    def statuses(self) -> dict[str, str]: ...


class AllMyDossiers(MyDossiers, Protocol):
    """“Hồ sơ của tôi” with the drafts too."""

    def open(self) -> AllMyDossiers: ...
    def draft_count(self) -> int: ...


class DossierState(Protocol):
    """What the owner sees of a dossier, read in one go, to compare before and after."""

    def read(self, code: str) -> dict[str, object]: ...


class CitizenDossier(Protocol):
    status: Locator
    submitted_at: Locator
    due: Locator
    time_used: Locator  # "Thời gian đã sử dụng", in working time
    time_left: Locator
    returned_at: Locator
    reason: Locator
    apology: Locator
    fee: Locator
    transaction: Locator
    pay_button: Locator
    verify_link: Locator
    supplement: Locator  # the part where the citizen sends the papers asked for
    withdraw_button: Locator

    def url(self, code: str) -> str: ...
    def result_url(self, code: str) -> str: ...
    def open(self, code: str) -> CitizenDossier: ...
    def supplement_request(self) -> Locator: ...
    def send_supplement(self, paper: str, file: Path, note: str) -> CitizenDossier: ...
    def pay_online(self, channel: str = ...) -> PaymentResult: ...
    def download_result(self) -> bytes: ...
    def withdraw(self, reason: str) -> CitizenDossier: ...
    def history_rows(self) -> list[dict[str, str]]:
        """Rows of the dossier's history: ``at``, ``who``, ``role``, ``what``, ``status``."""
        ...


class PublicLookup(Protocol):
    """The public lookup by dossier code: anyone, signed in or not, may open it."""

    status: Locator
    received_at: Locator
    due_at: Locator
    not_found: Locator
    answer_status: int  # the HTTP status the last open() was answered with

    def open(self, code: str) -> PublicLookup: ...
    def text(self) -> str: ...


class Verification(Protocol):
    signature_message: Locator
    agency: Locator
    code: Locator
    sha256: Locator
    signer: Locator
    signature_state: Locator
    check_result: Locator
    file_sha256: Locator
    file_dossier: Locator

    def is_current(self) -> Verification: ...
    def open_url(self, url: str) -> Verification: ...
    def open(self) -> Verification: ...
    def check_file(self, file: Path) -> Verification: ...


# --- officer ------------------------------------------------------------------------


class OfficerQueue(Protocol):
    def is_current(self) -> OfficerQueue: ...
    def open(self, *, everything: bool = False) -> OfficerQueue: ...
    def search(self, code: str) -> OfficerQueue: ...
    def row_of(self, code: str) -> Locator: ...
    def column(self, code: str, heading: str) -> Locator: ...
    def statuses(self) -> dict[str, str]: ...


class OfficerSignIn(Protocol):
    LOCKED_OUT: str  # the words of the refusal after too many wrong passwords
    username: Locator
    password: Locator
    submit: Locator
    error: Locator  # the refusal's message

    def open(self) -> OfficerSignIn: ...
    def sign_in(self, username: str, password: str) -> OfficerQueue: ...
    def try_sign_in(self, username: str, password: str) -> OfficerSignIn: ...


class OfficerSession(Protocol):
    """The signed-in officer's session as the back office's header shows it."""

    def sign_out(self) -> OfficerSignIn: ...
    def ask_server_without_following(self) -> APIResponse:
        """The queue as the server answers it to this browser's cookies, not followed."""
        ...

    def sends_to_sign_in(self, response: APIResponse) -> bool: ...


class OfficerDossier(Protocol):
    status: Locator
    due: Locator
    time_left: Locator
    overdue_warning: Locator
    actions: Locator
    no_action: Locator
    files: Locator

    def open(self, code: str) -> OfficerDossier: ...
    def action_button(self, name: str) -> Locator: ...
    def action_buttons(self) -> list[str]:
        """The names of the action buttons the page offers this officer now."""
        ...

    def value(self, label: str) -> Locator:
        """What the e-form's field ``label`` holds, as the page shows it."""
        ...

    def receive(self) -> OfficerDossier: ...
    def refuse(self, reason: str) -> OfficerDossier: ...
    def request_supplement(self, note: str, papers: list[str]) -> OfficerDossier: ...
    def request_obligation(self, amount: int, note: str = "") -> OfficerDossier: ...
    def appraise(self, opinion: str) -> OfficerDossier: ...
    def approve(self, opinion: str = "") -> OfficerDossier: ...
    def return_result(self) -> OfficerDossier: ...
    def send_apology(self, text: str, new_due: date) -> OfficerDossier: ...
    def stop(self, reason: str) -> OfficerDossier: ...
    def post_action_directly(self, code: str, button: str) -> APIResponse: ...
    def post_unknown_action_directly(self, code: str) -> APIResponse: ...
    def officer_name(self) -> str: ...


# --- the portal's own routes over HTTP ----------------------------------------------


class PortalForm(Protocol):
    """One state-changing form of the portal: where it posts, what it carries."""

    @property
    def path(self) -> str: ...
    @property
    def fields(self) -> dict[str, str]: ...
    @property
    def files(self) -> dict[str, FilePayload]: ...
    def for_httpx(self, token: str | None) -> dict[str, Any]:
        """``data`` and ``files`` for an httpx request carrying this form."""
        ...


class FormSender(Protocol):
    """Sends forms with the cookies of one browser context, redirects not followed."""

    def token(self) -> str: ...
    def send(self, form: PortalForm, token: str | None) -> APIResponse: ...


class PortalHttp(Protocol):
    """The portal's routes as a script or an attacker sends them (security, reliability
    scenarios): its forms, cookie and anti-forgery field, the answers it gives."""

    SESSION_COOKIE: str
    CSRF_FIELD: str
    CSRF_REFUSAL: str  # the text of the answer to a form without a valid token
    NOT_FOUND: str
    INVALID_PAYMENT_RESULT: str
    PAYMENT_CALLBACK_PATH: str
    TEST_ROUTES: tuple[tuple[str, str, dict[str, Any] | None], ...]
    TEST_RESET_PATH: str  # the test API's "empty the data" (POST)
    TOKEN_PAGE: str  # a page every visitor can open that carries the session's token
    MY_DOSSIERS_PATH: str
    OFFICER_SIGN_IN_PATH: str
    OFFICER_QUEUE_PATH: str
    PDF: bytes  # a small valid PDF the portal accepts as a paper

    def sender(self, page: Page) -> FormSender: ...
    def pdf(self, name: str = ..., content: bytes = ..., mime: str = ...) -> FilePayload: ...
    def submission_form(
        self,
        procedure: str,
        values: dict[str, str],
        papers: list[str],
        *,
        draft: bool,
        resuming: str = "",
    ) -> PortalForm:
        """The e-form; ``resuming``: a saved draft's address (its link on “Hồ sơ của
        tôi”), the draft the form continues."""
        ...

    def supplement_form(self, code: str, papers: list[str]) -> PortalForm: ...
    def citizen_forms(self, code: str) -> Mapping[str, PortalForm]: ...
    def sign_out_form(self, *, officer: bool = False) -> PortalForm: ...
    def officer_sign_in(self, username: str, password: str) -> PortalForm: ...
    def officer_action(self, code: str, button: str, **fields: str) -> PortalForm: ...
    def dossier_pages(self, code: str) -> dict[str, str]: ...
    def officer_pages(self, code: str, file_link: str) -> dict[str, str]: ...
    def sends_to_officer_sign_in(self, status: int, location: str) -> bool: ...
    def receipt_code(self, location: str) -> str: ...
    def submitted_codes(self, html: str) -> list[str]: ...
    def token_in(self, html: str) -> str: ...


# --- the set ------------------------------------------------------------------------


class PageSet(Protocol):
    """One portal's pages. Each method builds a page object on a browser ``page`` (the
    citizen's, an officer's, another person's); URLs come from the target profile."""

    citizen_url: str
    officer_url: str
    role_refusal: str  # what the portal answers an officer whose role may not take an action

    @property
    def http(self) -> PortalHttp:
        """The portal's routes over HTTP, without a page (``ui.http.sender(page)``)."""
        ...

    # citizen
    def home(self, page: Page) -> Home: ...
    def personal(self, page: Page) -> PersonalPage: ...
    def signed_out(self, page: Page) -> SignedOut: ...
    def sign_in_failed(self, page: Page) -> SignInFailed: ...
    def catalogue(self, page: Page) -> Catalogue: ...
    def submission_form(self, page: Page) -> SubmissionForm: ...
    def receipt(self, page: Page) -> Receipt: ...
    def payment_result(self, page: Page) -> PaymentResult: ...
    def dossier_detail(self, page: Page, code: str) -> DossierDetail: ...
    def my_dossiers(self, page: Page) -> MyDossiers: ...
    def all_my_dossiers(self, page: Page) -> AllMyDossiers: ...
    def dossier_state(self, page: Page) -> DossierState: ...
    def procedure(self, page: Page, name: str) -> ProcedureInfo: ...
    def citizen_dossier(self, page: Page) -> CitizenDossier: ...
    def verification(self, page: Page) -> Verification: ...
    def public_lookup(self, page: Page) -> PublicLookup: ...
    def shown_time(self, moment: datetime) -> str:
        """How the portal writes a moment on its pages."""
        ...

    # officer
    def officer_sign_in(self, page: Page) -> OfficerSignIn: ...
    def officer_queue(self, page: Page) -> OfficerQueue: ...
    def officer_dossier(self, page: Page) -> OfficerDossier: ...
    def officer_session(self, page: Page) -> OfficerSession: ...

    # the national systems' pages the citizen passes through
    sso_pages: SsoPages  # the identity provider's pages (profile [sso] login_pages)

    def sso_login(self, page: Page) -> SsoLogin: ...

    payment_pages: PaymentPages  # the payment platform's pages (profile [payment] pages)
    payer: Payer  # who pays there (profile [payment] channel, account)

    def hosted_payment(self, page: Page) -> HostedPayment: ...


# What ``pages/NAME/__init__.py`` exports as ``PAGE_SET``.
PageSetFactory = Callable[[str, str], PageSet]
