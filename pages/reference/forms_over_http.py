"""The reference portal's state-changing forms, sent straight over HTTP.

As a script or an attacker would send them: with the cookies of a browser context
(``page.request`` shares them), with the anti-forgery token every form of the portal
carries (``csrf_token``), without it, or with another session's. The portal's POST
routes are all here (``portal/routes/*``):

- citizen: ``/dang-xuat``, ``/thu-tuc/{procedure}/nop-ho-so`` (submit and save a draft),
  ``/ho-so/{code}/bo-sung``, ``/ho-so/{code}/rut``, ``/ho-so/{code}/thanh-toan``;
- officers: ``/can-bo/dang-nhap``, ``/can-bo/dang-xuat``, ``/can-bo/ho-so/{code}/{action}``;
- without a token by design: ``/xac-thuc`` (checks an uploaded PDF, changes nothing) and
  ``/api/thanh-toan/thong-bao`` (server to server, signed with ``MaXacThuc`` instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import APIResponse, FilePayload, Page

from pages.protocols import PortalForm as AnyForm
from pages.reference.my_dossiers import MyDossiersPage
from pages.reference.officer.dossier import ACTION_PATHS
from pages.reference.officer.queue import OfficerQueuePage
from pages.reference.officer.sign_in import OfficerSignInPage
from pages.reference.officer_session import OfficerSession

SESSION_COOKIE = "dvc_session"
CSRF_FIELD = "csrf_token"
CSRF_REFUSAL = "Phiên làm việc không hợp lệ (CSRF)"
NOT_FOUND = "Không tìm thấy trang bạn yêu cầu."
INVALID_PAYMENT_RESULT = "Kết quả thanh toán không hợp lệ"
# Where the payment platform posts its server-to-server result (UrlThongBao).
PAYMENT_CALLBACK_PATH = "/api/thanh-toan/thong-bao"
# The test-mode routes (docs/contracts.md §4): method, path, JSON body.
TEST_ROUTES: tuple[tuple[str, str, dict[str, Any] | None], ...] = (
    ("POST", "/_test/sessions", {"officer": "motcua"}),
    (
        "POST",
        "/_test/dossiers",
        {"procedure": "1.001193", "identity": {"SoDinhDanh": "001090012345"}},
    ),
    ("POST", "/_test/reset", None),
    ("GET", "/_test/clock", None),
    ("PUT", "/_test/clock", {"offset_days": 1}),
    ("GET", "/_test/outbox", None),
    ("POST", "/_test/outbox/drain", {"timeout_s": 1}),
    ("POST", "/_test/officers", {"role": "reception"}),
)
# A page every visitor can open that carries a form, hence the session's token.
TOKEN_PAGE = "/can-bo/dang-nhap"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_TOKEN = re.compile(rf'name="{CSRF_FIELD}" value="([^"]+)"')


_RECEIPT = re.compile(r"^/ho-so/(?P<code>[^/]+)/bien-nhan$")
_MY_DOSSIER = re.compile(r'<th scope="row"><a href="/ho-so/(?P<code>[^"/]+)">')


def receipt_code(location: str) -> str:
    """The dossier code of the receipt a submission redirects to (``/ho-so/{code}/bien-nhan``)."""
    found = _RECEIPT.match(location)
    if found is None:
        raise LookupError(f"not the address of a receipt: {location!r}")
    return found["code"]


def submitted_codes(html: str) -> list[str]:
    """The codes of the submitted dossiers listed on "Hồ sơ của tôi" (``/ho-so``)."""
    return _MY_DOSSIER.findall(html)


def token_in(html: str) -> str:
    """The anti-forgery token of a page of the portal, read from its HTML."""
    found = _TOKEN.search(html)
    if found is None:
        raise LookupError(f"no {CSRF_FIELD} on the page")
    return found.group(1)


def pdf(
    name: str = "giay-to.pdf", content: bytes = PDF, mime: str = "application/pdf"
) -> FilePayload:
    return {"name": name, "mimeType": mime, "buffer": content}


@dataclass(frozen=True)
class PortalForm:
    """One form of the portal: where it posts and what it carries besides the token."""

    path: str
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, FilePayload] = field(default_factory=dict)

    def for_httpx(self, token: str | None) -> dict[str, Any]:
        """``data`` and ``files`` for an httpx request carrying this form."""
        data = dict(self.fields) if token is None else {**self.fields, CSRF_FIELD: token}
        files = {k: (f["name"], f["buffer"], f["mimeType"]) for k, f in self.files.items()}
        return {"data": data, "files": files or None}


def submission_form(
    procedure: str, values: dict[str, str], papers: list[str], *, draft: bool, resuming: str = ""
) -> PortalForm:
    """The e-form of a procedure: ``values`` by field name, a PDF for each paper code;
    ``resuming``: a draft's address (``/thu-tuc/{procedure}/nop-ho-so?ban-nhap=<id>``), whose
    id the form carries as its hidden ``ban_nhap`` field."""
    draft_id = parse_qs(urlsplit(resuming).query).get("ban-nhap", [])
    return PortalForm(
        f"/thu-tuc/{procedure}/nop-ho-so",
        {
            **values,
            "hanh_dong": "luu-nhap" if draft else "nop",
            **({"ban_nhap": draft_id[0]} if draft_id else {}),
        },
        {f"tep_{code}": pdf(f"giay-to-{code.lower()}.pdf") for code in papers},
    )


def officer_action(code: str, button: str, **fields: str) -> PortalForm:
    """An action of the back office by its button's name (``Tiếp nhận``, ``Thẩm định``…)."""
    return PortalForm(f"/can-bo/ho-so/{code}/{ACTION_PATHS[button]}", dict(fields))


def dossier_pages(code: str) -> dict[str, str]:
    """The citizen's pages of one dossier, by the name a scenario gives them."""
    return {
        "trang chi tiết": f"/ho-so/{code}",
        "giấy tiếp nhận": f"/ho-so/{code}/bien-nhan",
        "tệp kết quả": f"/ho-so/{code}/ket-qua.pdf",
        "trang rút hồ sơ": f"/ho-so/{code}/rut",
    }


def officer_pages(code: str, file_link: str) -> dict[str, str]:
    """The back office's pages of one dossier (``file_link``: a paper's download path)."""
    return {
        "danh sách hồ sơ cần xử lý": "/can-bo",
        "trang xử lý hồ sơ": f"/can-bo/ho-so/{code}",
        "tệp giấy tờ công dân đã nộp": file_link,
    }


def citizen_forms(code: str) -> dict[str, PortalForm]:
    """The citizen's forms on one dossier, by the name a scenario gives them."""
    return {
        "rút hồ sơ": PortalForm(f"/ho-so/{code}/rut", {"ly_do": "Tôi không cần giải quyết nữa."}),
        "thanh toán lệ phí": PortalForm(f"/ho-so/{code}/thanh-toan"),
    }


def supplement_form(code: str, papers: list[str]) -> PortalForm:
    return PortalForm(
        f"/ho-so/{code}/bo-sung",
        {"ghi_chu": "Bổ sung theo yêu cầu."},
        {f"tep_{paper}": pdf(f"bo-sung-{paper.lower()}.pdf") for paper in papers},
    )


def officer_sign_in(username: str, password: str) -> PortalForm:
    return PortalForm(
        "/can-bo/dang-nhap", {"username": username, "password": password, "next": "/can-bo"}
    )


class FormSender:
    """Sends a ``PortalForm`` with the cookies of ``page``'s browser context: the back
    office's forms (``/can-bo...``) to ``officer_url``, the others to ``base_url``."""

    def __init__(self, page: Page, base_url: str, officer_url: str | None = None) -> None:
        self.page = page
        self.base_url = base_url
        self.officer_url = officer_url or base_url

    def token(self) -> str:
        """This browser's session token, as a page of the portal carries it."""
        self.page.goto(f"{self.base_url}{TOKEN_PAGE}")
        return self.page.locator(f'input[type="hidden"][name="{CSRF_FIELD}"]').first.input_value()

    def send(self, form: AnyForm, token: str | None) -> APIResponse:
        """POST the form (``token`` None: without the field at all); redirects not followed."""
        fields: dict[str, str] = dict(form.fields)
        if token is not None:
            fields[CSRF_FIELD] = token
        base = self.officer_url if form.path.startswith("/can-bo") else self.base_url
        url = f"{base}{form.path}"
        if form.files:
            multipart: dict[str, str | float | bool | bytes | FilePayload] = {
                **fields,
                **form.files,
            }
            return self.page.request.post(url, multipart=multipart, max_redirects=0)
        plain: dict[str, str | float | bool] = dict(fields)
        return self.page.request.post(url, form=plain, max_redirects=0)


class ReferenceHttp:
    """The reference portal's routes over HTTP (``PortalHttp``): the constants and forms
    above, the citizen's on ``citizen_url``, the back office's (``/can-bo``) on
    ``officer_url``."""

    SESSION_COOKIE = SESSION_COOKIE
    CSRF_FIELD = CSRF_FIELD
    CSRF_REFUSAL = CSRF_REFUSAL
    NOT_FOUND = NOT_FOUND
    INVALID_PAYMENT_RESULT = INVALID_PAYMENT_RESULT
    PAYMENT_CALLBACK_PATH = PAYMENT_CALLBACK_PATH
    TEST_ROUTES = TEST_ROUTES
    TEST_RESET_PATH = "/_test/reset"
    TOKEN_PAGE = TOKEN_PAGE
    MY_DOSSIERS_PATH = MyDossiersPage.PATH
    OFFICER_SIGN_IN_PATH = OfficerSignInPage.PATH
    OFFICER_QUEUE_PATH = OfficerQueuePage.PATH
    PDF = PDF

    def __init__(self, citizen_url: str, officer_url: str) -> None:
        self.citizen_url = citizen_url
        self.officer_url = officer_url

    def sender(self, page: Page) -> FormSender:
        return FormSender(page, self.citizen_url, self.officer_url)

    def pdf(
        self, name: str = "giay-to.pdf", content: bytes = PDF, mime: str = "application/pdf"
    ) -> FilePayload:
        return pdf(name, content, mime)

    def submission_form(
        self,
        procedure: str,
        values: dict[str, str],
        papers: list[str],
        *,
        draft: bool,
        resuming: str = "",
    ) -> PortalForm:
        return submission_form(procedure, values, papers, draft=draft, resuming=resuming)

    def supplement_form(self, code: str, papers: list[str]) -> PortalForm:
        return supplement_form(code, papers)

    def citizen_forms(self, code: str) -> dict[str, PortalForm]:
        return citizen_forms(code)

    def sign_out_form(self, *, officer: bool = False) -> PortalForm:
        return PortalForm("/can-bo/dang-xuat" if officer else "/dang-xuat")

    def officer_sign_in(self, username: str, password: str) -> PortalForm:
        return officer_sign_in(username, password)

    def officer_action(self, code: str, button: str, **fields: str) -> PortalForm:
        return officer_action(code, button, **fields)

    def dossier_pages(self, code: str) -> dict[str, str]:
        return dossier_pages(code)

    def officer_pages(self, code: str, file_link: str) -> dict[str, str]:
        return officer_pages(code, file_link)

    def sends_to_officer_sign_in(self, status: int, location: str) -> bool:
        return OfficerSession.sends_to_sign_in_at(status, location)

    def receipt_code(self, location: str) -> str:
        return receipt_code(location)

    def submitted_codes(self, html: str) -> list[str]:
        return submitted_codes(html)

    def token_in(self, html: str) -> str:
        return token_in(html)
