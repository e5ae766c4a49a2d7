"""Beyond the checklist, an toàn thông tin: the guards in front of what may not be
reached at will — officer sign-in (throttled), the portal's test API and the mocks'
control API (no web page may call them). features/06_an_toan_thong_tin/
dang_nhap_can_bo_sai_nhieu_lan.feature and yeu_cau_tu_trang_web_khac.feature."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import APIResponse, Page, expect
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
@when(parsers.parse("ai đó nhập sai mật khẩu của tài khoản đó thêm {times:d} lần"))
def _(ui: PageSet, page: Page, own_account: OwnAccount, times: int) -> None:
    sign_in = ui.officer_sign_in(page).open()
    for _ in range(times):
        sign_in.try_sign_in(own_account.username, WRONG_PASSWORD)


@when(
    parsers.parse(
        "ai đó gửi thẳng đến cổng {times:d} yêu cầu đăng nhập bằng mật khẩu sai của tài khoản đó"
    ),
    target_fixture="wrong_password_statuses",
)
def _(ui: PageSet, page: Page, own_account: OwnAccount, times: int) -> list[int]:
    sender = ui.http.sender(page)
    token = sender.token()
    wrong = ui.http.officer_sign_in(own_account.username, WRONG_PASSWORD)
    return [sender.send(wrong, token).status for _ in range(times)]


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


@then(parsers.parse("cổng trả lời mỗi yêu cầu ấy bằng HTTP {status:d}"))
def _(wrong_password_statuses: list[int], status: int) -> None:
    assert wrong_password_statuses == [status] * len(wrong_password_statuses), (
        f"mỗi lần mật khẩu sai phải được trả lời HTTP {status}, "
        f"cổng trả lời lần lượt {wrong_password_statuses}"
    )


@then(
    parsers.parse(
        "cổng trả lời yêu cầu đăng nhập tiếp theo bằng đúng mật khẩu bằng HTTP {status:d} kèm "
        "Retry-After không quá {minutes:d} phút, và báo thử lại sau đúng số phút ấy"
    )
)
def _(ui: PageSet, page: Page, own_account: OwnAccount, status: int, minutes: int) -> None:
    sender = ui.http.sender(page)
    answer: APIResponse = sender.send(
        ui.http.officer_sign_in(own_account.username, own_account.password), sender.token()
    )
    assert answer.status == status, (
        f"tài khoản đang bị khóa: cổng phải trả lời HTTP {status}, không phải {answer.status}"
    )
    retry_after = answer.headers.get("retry-after", "")
    assert retry_after.isdigit() and 0 < int(retry_after) <= minutes * 60, (
        f"Retry-After phải là số giây còn phải chờ (1…{minutes * 60}), cổng gửi {retry_after!r}"
    )
    expected = math.ceil(int(retry_after) / 60)
    said = set(re.findall(r"(?<!\d)(\d+)\s+phút", answer.text()))
    assert said == {str(expected)}, (
        f"Retry-After {retry_after} giây: cổng phải báo thử lại sau {expected} phút, "
        f"trang trả lời nói {sorted(said) or 'không có số phút nào'}"
    )


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
