"""The portal's home page, where a sign-in starts."""

from __future__ import annotations

from playwright.sync_api import Page, Response

from pages.protocols import SsoLogin, SsoPages
from pages.sso.login import SSO_PAGES

SIGN_IN_PATH = "/dang-nhap"

# Where the identity provider sends the browser back (the OIDC redirect URI).
RETURN_PATH = "/auth/callback"


class HomePage:
    def __init__(self, page: Page, base_url: str, sso_pages: SsoPages = SSO_PAGES) -> None:
        self.page = page
        self.base_url = base_url
        self.sso_pages = sso_pages
        self.sign_in_link = page.get_by_role("link", name="Đăng nhập bằng tài khoản Cổng DVCQG")

    def open(self) -> HomePage:
        self.page.goto(f"{self.base_url}/")
        return self

    def start_sign_in(self) -> SsoLogin:
        self.sign_in_link.click()
        return self.sso_pages.login(self.page)

    def sign_in(self, username: str, password: str) -> str:
        """Sign in at the identity provider; return the URL it sent the browser back by."""
        with self.page.expect_request(lambda request: self._is_return(request.url)) as back:
            self.start_sign_in().sign_in(username, password)
        return back.value.url

    def sign_in_over_http(self, username: str, password: str) -> None:
        """A sign-in as a precondition: the same OIDC round trip as :meth:`sign_in`, through
        the page's HTTP client (its cookies are the browser context's) without rendering
        the pages on the way; the browser stays where it is."""
        request = self.page.request
        login_page = request.get(f"{self.base_url}{SIGN_IN_PATH}")
        assert login_page.ok, f"bắt đầu đăng nhập: HTTP {login_page.status} tại {login_page.url}"
        landed = self.sso_pages.sign_in_over_http(request, login_page, username, password)
        assert landed.ok and landed.url.startswith(self.base_url), (
            f"đăng nhập qua HTTP không về được cổng: HTTP {landed.status} tại {landed.url}"
        )

    def sign_in_cut_off_before_return(self, username: str, password: str) -> str:
        """Sign in at the identity provider, but the way back never reaches the portal (as
        when someone intercepts it); return the URL the browser was sent back by."""
        self.page.route(self._is_return, lambda route: route.abort())
        return self.sign_in(username, password)

    def watch_returns(self) -> list[Response]:
        """From now on, note the portal's answer each time the identity provider sends the
        browser back (the redirect URI): a live list, oldest first."""
        answers: list[Response] = []
        self.page.on("response", lambda r: answers.append(r) if self._is_return(r.url) else None)
        return answers

    def _is_return(self, url: str) -> bool:
        return url.startswith(f"{self.base_url}{RETURN_PATH}?")
