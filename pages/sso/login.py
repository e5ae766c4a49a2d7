"""The SSO mock's pages (``SSO_PAGES``): its login page, and the sign-in over HTTP that
other providers' page sets reuse."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from playwright.sync_api import APIRequestContext, APIResponse, Locator, Page, expect


class SsoLoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", name="Đăng nhập tài khoản định danh")
        self.username = page.get_by_label("Tên đăng nhập")
        self.password = page.get_by_label("Mật khẩu")
        self.submit = page.get_by_role("button", name="Đăng nhập", exact=True)
        self.cancel_button = page.get_by_role("button", name="Hủy đăng nhập")

    def is_current(self) -> SsoLoginPage:
        expect(self.heading, "trang đăng nhập của hệ thống định danh").to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> None:
        self.is_current()
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()

    def cancel(self) -> None:
        """The user changes their mind and goes back without signing in."""
        self.is_current()
        self.cancel_button.click()


class _LoginForm(HTMLParser):
    """The sign-in form of the identity provider's page: its action and its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._form_fields: dict[str, str] = {}
        self._form_action = ""
        self._has_password = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            self._in_form, self._form_action = True, a.get("action", "")
            self._form_fields, self._has_password = {}, False
        elif self._in_form and tag in ("input", "button") and a.get("name"):
            if a.get("type") == "password":
                self._has_password = True
            if tag == "input" or a.get("type", "submit") == "submit":
                self._form_fields.setdefault(a["name"], a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
            if self._has_password:
                self.action, self.fields = self._form_action, self._form_fields


def sign_in_over_http(
    request: APIRequestContext,
    login_page: APIResponse,
    username: str,
    password: str,
    names: tuple[str, str] = ("username", "password"),
) -> APIResponse:
    """Fill in and send the identity provider's sign-in form without rendering it: the same
    requests the browser makes, through ``request`` (a page's, so the cookies land in the
    browser context). ``login_page`` is the answer that showed the form. Returns the last
    answer after the redirects back to the portal."""
    parser = _LoginForm()
    parser.feed(login_page.text())
    if parser.action is None:
        raise AssertionError(
            f"trang {login_page.url} không có biểu mẫu đăng nhập của hệ thống định danh"
        )
    form: dict[str, str | float | bool] = {
        **parser.fields,
        names[0]: username,
        names[1]: password,
    }
    return request.post(urljoin(login_page.url, parser.action), form=form)


class MockSsoPages:
    """Our SSO mock's pages: sign-in on one page, no consent, no sign-out confirmation."""

    def login(self, page: Page) -> SsoLoginPage:
        return SsoLoginPage(page)

    def sign_in_over_http(
        self, request: APIRequestContext, login_page: APIResponse, username: str, password: str
    ) -> APIResponse:
        return sign_in_over_http(request, login_page, username, password)

    def confirm_sign_out(self, page: Page, back: Locator) -> None:
        return None  # the mock signs out at once and sends the browser back


SSO_PAGES = MockSsoPages()
