"""Beyond the checklist: an toàn thông tin — sessions and cookies
(features/06_an_toan_thong_tin/phien_lam_viec.feature): a planted session id is replaced
at sign-in, a stolen cookie is useless after sign-out, the cookie is HttpOnly and
SameSite."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page
from pytest_bdd import given, parsers, then, when

from fixtures.raw_http import portal_cookies
from fixtures.target import OfficerAccount
from pages.protocols import ROLE_PATTERN, PageSet
from steps.world import People

ROLE = f"(?P<role>{ROLE_PATTERN})"


def copy_cookies(source: BrowserContext, target: BrowserContext, ui: PageSet) -> list[str]:
    cookies = portal_cookies(source, ui)
    assert cookies, "trình duyệt không có cookie phiên làm việc nào của cổng"
    target.add_cookies(
        [{"name": c["name"], "value": c["value"], "url": ui.citizen_url} for c in cookies]
    )
    return [str(c["value"]) for c in cookies]


@given("kẻ gian đã cài mã phiên của mình vào trình duyệt của công dân", target_fixture="planted")
def _(intruder_page: Page, context: BrowserContext, ui: PageSet) -> list[str]:
    intruder_page.goto(f"{ui.citizen_url}{ui.http.TOKEN_PAGE}")  # the portal gives a session
    return copy_cookies(intruder_page.context, context, ui)


@given(parsers.re(f"kẻ gian đã cài mã phiên của mình vào trình duyệt của {ROLE}"))
def _(intruder_page: Page, people: People, ui: PageSet, role: str) -> None:
    intruder_page.goto(f"{ui.citizen_url}{ui.http.TOKEN_PAGE}")
    copy_cookies(intruder_page.context, people.person(role).context, ui)


@given(parsers.re(f"{ROLE} đã đăng nhập khu vực cán bộ"))
def _(people: People, officers: dict[str, OfficerAccount], role: str) -> None:
    account = officers[role]
    page = people.person(role)
    people.ui.officer_sign_in(page).open().sign_in(account.username, account.password.reveal())


@given("kẻ gian đã chép được cookie phiên làm việc của công dân")
def _(intruder_page: Page, context: BrowserContext, ui: PageSet) -> None:
    copy_cookies(context, intruder_page.context, ui)


@given(parsers.re(f"kẻ gian đã chép được cookie phiên làm việc của {ROLE}"))
def _(intruder_page: Page, people: People, ui: PageSet, role: str) -> None:
    copy_cookies(people.person(role).context, intruder_page.context, ui)


@when(parsers.re(f"{ROLE} đăng xuất khỏi khu vực cán bộ"))
def _(people: People, role: str) -> None:
    people.ui.officer_session(people.person(role)).sign_out()


@then("trình duyệt của công dân mang một mã phiên mới, khác mã kẻ gian đã cài")
def _(context: BrowserContext, ui: PageSet, planted: list[str]) -> None:
    now = [str(c["value"]) for c in portal_cookies(context, ui)]
    assert now and not set(now) & set(planted), (
        f"mã phiên sau khi đăng nhập vẫn là mã kẻ gian đã cài ({len(now)} cookie)"
    )


@then("kẻ gian không vào được khu vực cán bộ")
def _(intruder_page: Page, ui: PageSet) -> None:
    session = ui.officer_session(intruder_page)
    answer = session.ask_server_without_following()
    assert session.sends_to_sign_in(answer), (
        f"kẻ gian mở được khu vực cán bộ (HTTP {answer.status}): phiên của cán bộ đã bị chiếm"
    )


@then("cookie phiên làm việc của cổng có thuộc tính HttpOnly và SameSite")
def _(context: BrowserContext, ui: PageSet) -> None:
    cookies = portal_cookies(context, ui)
    assert cookies, "cổng không đặt cookie phiên làm việc nào"
    for cookie in cookies:
        assert cookie["httpOnly"], f"cookie {cookie['name']} thiếu HttpOnly"
        assert cookie["sameSite"] in ("Lax", "Strict"), (
            f"cookie {cookie['name']} có SameSite={cookie['sameSite']}: trang web khác gửi kèm được"
        )


@then("mã JavaScript trên trang của cổng không đọc được cookie phiên làm việc")
def _(page: Page, ui: PageSet) -> None:
    readable = str(page.evaluate("() => document.cookie"))
    assert ui.http.SESSION_COOKIE not in readable, f"JavaScript đọc được cookie: {readable!r}"
