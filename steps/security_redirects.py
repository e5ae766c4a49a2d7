"""Beyond the checklist: an toàn thông tin — redirects after sign-in
(features/06_an_toan_thong_tin/chuyen_huong_sau_dang_nhap.feature): a ``next`` parameter
pointing off the portal leaves the citizen or the officer on the portal, and the browser
sends nothing off 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect
from pytest_bdd import parsers, then, when

from fixtures.citizens import Citizen
from fixtures.target import OfficerAccount
from pages.protocols import ROLE_PATTERN, PageSet

ROLE = f"(?P<role>{ROLE_PATTERN})"
LOCAL = re.compile(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?/")


@pytest.fixture
def outside_traffic(context: BrowserContext) -> list[str]:
    """Every request the scenario's browser tried to send off 127.0.0.1 (aborted)."""
    tried: list[str] = []

    def refuse(route: Route) -> None:
        tried.append(route.request.url)
        route.abort()

    context.route(lambda url: not LOCAL.match(url), refuse)
    return tried


@when(
    parsers.re(
        r"công dân đăng nhập qua đường dẫn đăng nhập của cổng có tham số chuyển tiếp "
        r"\"(?P<target>[^\"]+)\""
    )
)
def _(page: Page, ui: PageSet, citizen: Citizen, outside_traffic: list[str], target: str) -> None:
    page.goto(f"{ui.citizen_url}/dang-nhap?next={target}")
    ui.sso_login(page).sign_in(citizen.username, citizen.password.reveal())
    page.wait_for_load_state()


@when(
    parsers.re(
        f"{ROLE} đăng nhập qua đường dẫn đăng nhập khu vực cán bộ có tham số chuyển tiếp "
        r"\"(?P<target>[^\"]+)\""
    )
)
def _(
    page: Page,
    ui: PageSet,
    officers: dict[str, OfficerAccount],
    outside_traffic: list[str],
    role: str,
    target: str,
) -> None:
    account = officers[role]
    page.goto(f"{ui.officer_url}{ui.http.OFFICER_SIGN_IN_PATH}?next={target}")
    sign_in = ui.officer_sign_in(page)
    sign_in.username.fill(account.username)
    sign_in.password.fill(account.password.reveal())
    sign_in.submit.click()
    page.wait_for_load_state()


@then("sau khi đăng nhập, công dân ở lại trên cổng dịch vụ công")
def _(page: Page, portal_url: str) -> None:
    expect(page, "sau khi đăng nhập, trình duyệt ở trên cổng").to_have_url(
        re.compile(f"^{re.escape(portal_url)}/")
    )


@then(parsers.re(f"sau khi đăng nhập, {ROLE} ở lại trong khu vực cán bộ"))
def _(page: Page, ui: PageSet, role: str) -> None:
    expect(page, "sau khi đăng nhập, cán bộ ở danh sách hồ sơ").to_have_url(
        f"{ui.officer_url}{ui.http.OFFICER_QUEUE_PATH}"
    )
    ui.officer_queue(page).is_current()


@then("trình duyệt không được đưa tới trang web nào khác")
def _(outside_traffic: list[str]) -> None:
    assert outside_traffic == [], f"cổng đưa trình duyệt ra ngoài: {outside_traffic}"
