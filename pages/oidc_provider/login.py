"""The worked example's identity provider (scripts/oidc_provider/provider.mjs): sign-in on
one page, then a consent page the first time a portal asks, and a confirmation before it
signs out. The pages are located by role and label, as the citizen sees them."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import APIRequestContext, APIResponse, Locator, Page, expect

from pages.sso.login import sign_in_over_http

LOGIN_FIELDS = ("login", "secret")
CONSENT = "Đồng ý"


class ProviderLoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Hệ thống định danh thử nghiệm")
        self.username = page.get_by_label("Tài khoản")
        self.password = page.get_by_label("Mật khẩu")
        self.submit = page.get_by_role("button", name="Tiếp tục")
        self.cancel_button = page.get_by_role("button", name="Quay lại ứng dụng")
        self.consent = page.get_by_role("button", name=CONSENT)

    def is_current(self) -> ProviderLoginPage:
        expect(self.heading, "trang đăng nhập của hệ thống định danh").to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> None:
        self.is_current()
        login_url = self.page.url
        origin = _origin(login_url)
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()
        # Either back on the portal, or the consent page (a new interaction's URL); a
        # refused password stays on .../login.
        self.page.wait_for_url(
            lambda url: _origin(url) != origin or (url != login_url and not url.endswith("/login"))
        )
        if _origin(self.page.url) == origin and "/interaction/" in self.page.url:
            self.consent.click()

    def cancel(self) -> None:
        self.is_current()
        self.cancel_button.click()


class _Forms(HTMLParser):
    """Each form of a page: its action and the text of its buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str]] = []
        self._action: str | None = None
        self._text = ""
        self._in_button = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self._action, self._text = dict(attrs).get("action") or "", ""
        elif tag == "button":
            self._in_button = True

    def handle_data(self, data: str) -> None:
        if self._in_button and self._action is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._in_button = False
        elif tag == "form" and self._action is not None:
            self.forms.append((self._action, self._text.strip()))
            self._action = None


class ProviderPages:
    def login(self, page: Page) -> ProviderLoginPage:
        return ProviderLoginPage(page)

    def sign_in_over_http(
        self, request: APIRequestContext, login_page: APIResponse, username: str, password: str
    ) -> APIResponse:
        answer = sign_in_over_http(request, login_page, username, password, LOGIN_FIELDS)
        if _origin(answer.url) != _origin(login_page.url):
            return answer  # consent given before: straight back to the portal
        forms = _Forms()
        forms.feed(answer.text())
        consent = next((action for action, text in forms.forms if text == CONSENT), None)
        if consent is None:
            raise AssertionError(
                f"hệ thống định danh không đưa về cổng và không hỏi đồng ý: {answer.url}"
            )
        return request.post(urljoin(answer.url, consent))

    def confirm_sign_out(self, page: Page, back: Locator) -> None:
        """oidc-provider asks "Bạn có muốn đăng xuất…?" only when the citizen holds a session
        with it; without one it posts the sign-out itself and the browser comes straight
        back. So: wait for whichever comes, and confirm when asked."""
        confirm = page.get_by_role("button", name="Đăng xuất")
        expect(
            confirm.or_(back), "hệ thống định danh hỏi đăng xuất, hoặc đã về cổng"
        ).to_be_visible()
        if confirm.is_visible():  # a branch on what the provider shows, not an assertion
            confirm.click()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


SSO_PAGES = ProviderPages()
