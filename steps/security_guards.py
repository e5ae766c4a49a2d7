"""Beyond the checklist, an toàn thông tin: the guards in front of what may not be
reached at will — officer sign-in (throttled), the portal's test API and the mocks'
control API (no web page may call them). features/06_an_toan_thong_tin/
dang_nhap_can_bo_sai_nhieu_lan.feature and yeu_cau_tu_trang_web_khac.feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when
from pytest_playwright import CreateContextCallback

from fixtures.attacker_site import post_from_another_site
from fixtures.citizens import Citizen
from fixtures.control import RESET_PATH, MockControl
from fixtures.journals import ScenarioJournals
from fixtures.target import OfficerAccount
from pages.protocols import PageSet
from pages.test_api import PortalTestApi
from steps.world import Dossier, People

WRONG_PASSWORD = "Sai-mat-khau-1"


@dataclass(frozen=True)
class OwnAccount:
    """A back-office account made for one scenario (the test API): locking it out
    locks out no other scenario's officer."""

    role: str
    username: str
    password: str


# --- Cho ----------------------------------------------------------------------------


@given(
    parsers.parse("một tài khoản {role} dành riêng cho kịch bản này"),
    target_fixture="own_account",
)
def _(test_api: PortalTestApi, role: str) -> OwnAccount:
    username, password = test_api.officer_account(role)
    return OwnAccount(role, username, password)


# --- Khi ----------------------------------------------------------------------------


@when(parsers.parse("ai đó nhập sai mật khẩu của tài khoản đó {times:d} lần liên tiếp"))
def _(ui: PageSet, page: Page, own_account: OwnAccount, times: int) -> None:
    sign_in = ui.officer_sign_in(page).open()
    for _ in range(times):
        sign_in.try_sign_in(own_account.username, WRONG_PASSWORD)


@when("thời gian tạm khóa đã qua")
def _(portal_clock: Callable[[int], None]) -> None:
    portal_clock(1)  # a day later: far beyond any lockout


@when(
    "công dân mở một trang web khác gửi yêu cầu xóa dữ liệu tới cổng dịch vụ công",
    target_fixture="cross_site_status",
)
def _(people: People, ui: PageSet) -> int:
    return post_from_another_site(people.citizen(), f"{ui.citizen_url}{ui.http.TEST_RESET_PATH}")


@when(
    "công dân mở một trang web khác gửi yêu cầu xóa dữ liệu tới hệ thống định danh mô phỏng",
    target_fixture="cross_site_status",
)
def _(page: Page, sso_control: MockControl) -> int:
    return post_from_another_site(page, sso_control.url("/reset"))


# --- Thì ----------------------------------------------------------------------------


@then(
    parsers.parse(
        "cổng từ chối lần đăng nhập tiếp theo bằng đúng mật khẩu và báo thử lại sau {minutes:d} phút"
    )
)
def _(ui: PageSet, page: Page, own_account: OwnAccount, minutes: int) -> None:
    sign_in = ui.officer_sign_in(page).try_sign_in(own_account.username, own_account.password)
    expect(sign_in.error, "cổng báo đăng nhập tạm thời bị khóa").to_contain_text(sign_in.LOCKED_OUT)
    expect(sign_in.error, f"cổng báo thử lại sau {minutes} phút").to_contain_text(f"{minutes} phút")


@then(parsers.parse("{role} khác vẫn đăng nhập được bằng tài khoản của mình"))
def _(
    ui: PageSet,
    new_context: CreateContextCallback,
    officers: dict[str, OfficerAccount],
    role: str,
) -> None:
    colleague = officers[role]
    page = new_context().new_page()
    ui.officer_sign_in(page).open().sign_in(colleague.username, colleague.password.reveal())


@then("tài khoản đó đăng nhập được bằng đúng mật khẩu")
def _(ui: PageSet, page: Page, own_account: OwnAccount) -> None:
    ui.officer_sign_in(page).open().sign_in(own_account.username, own_account.password)


@then(parsers.parse("{system} từ chối yêu cầu đó"))
def _(cross_site_status: int, system: str) -> None:
    assert cross_site_status in (401, 403), (
        f"{system} trả lời HTTP {cross_site_status} cho yêu cầu từ trang web khác: "
        "đúng ra phải từ chối (403)"
    )


@then("hồ sơ của công dân vẫn còn trên cổng")
def _(ui: PageSet, people: People, dossier: Dossier) -> None:
    ui.citizen_dossier(people.citizen()).open(dossier.code)


@then("hệ thống định danh mô phỏng ghi yêu cầu bị từ chối vào nhật ký")
def _(journal: ScenarioJournals) -> None:
    refused = [
        e
        for e in journal.entries("sso", service="control")
        if e["verdict"] == "rejected" and e["path"] == RESET_PATH
    ]
    assert refused, "nhật ký của hệ thống định danh mô phỏng không ghi yêu cầu bị từ chối"


@then("tài khoản của công dân vẫn còn ở hệ thống định danh")
def _(sso_control: MockControl, citizen: Citizen) -> None:
    personas = sso_control.personas()
    assert citizen.username in {p["username"] for p in personas}, (
        "tài khoản của công dân đã bị xóa khỏi hệ thống định danh mô phỏng"
    )
