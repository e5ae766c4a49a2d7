"""Beyond the checklist: an toàn thông tin — another citizen's dossier (ho_so_cua_nguoi_khac)
and the back office (khu_vuc_can_bo), and the portal state a refused request must leave
unchanged (``seen_by_all``, steps/world.py).

Requests "sent straight to the portal" go through ``page.request`` of the sender's own
browser context (``ui.http.sender(page)``, ``PortalHttp`` in pages/protocols.py): the
cookies are the sender's, as with a crafted request or a forged cross-site form. Sessions,
uploads, scripts in forms, redirects, payment results, test routes, headers and
anti-forgery tokens: the ``steps/security_*.py`` modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.procedures import ProcedureSpec
from fixtures.raw_http import Attempt, attempt_of
from pages.protocols import PageSet, PaymentResult
from steps.world import STRANGER, Dossier, People


def owner_data(people: People, dossier: Dossier) -> list[str]:
    citizen = people.the_citizen
    return [citizen.full_name, citizen.cccd, citizen.phone, citizen.email, dossier.code]


# --- another citizen's dossier ---------------------------------------------------------


@when(
    parsers.re(r"công dân khác mở đường dẫn (?P<name>.+) của hồ sơ"),
    target_fixture="attempt",
)
def _(people: People, dossier: Dossier, name: str) -> Attempt:
    page = people.citizen(STRANGER)
    url = f"{people.base_url}{people.ui.http.dossier_pages(dossier.code)[name]}"
    return attempt_of(page.request.get(url, max_redirects=0))


@when(
    parsers.re(
        r"công dân khác gửi thẳng yêu cầu (?P<action>.+) hồ sơ đến cổng, "
        r"kèm mã chống giả mạo của chính mình"
    ),
    target_fixture="attempt",
)
def _(
    people: People,
    dossier: Dossier,
    procedures: dict[str, ProcedureSpec],
    seen_by_all: Callable[[str], dict[str, Any]],
    action: str,
) -> Attempt:
    papers = [a.code for a in procedures[dossier.procedure].attachments]
    http = people.ui.http
    forms = {
        **http.citizen_forms(dossier.code),
        "gửi bổ sung": http.supplement_form(dossier.code, papers),
    }
    before = seen_by_all(dossier.code)
    sender = http.sender(people.citizen(STRANGER))
    return attempt_of(sender.send(forms[action], sender.token()), before)


@then("cổng trả lời công dân khác rằng không tìm thấy trang")
def _(ui: PageSet, attempt: Attempt) -> None:
    assert attempt.status == 404, (
        f"cổng trả lời HTTP {attempt.status} (chuyển tới {attempt.location!r}), không phải 404"
    )
    assert ui.http.NOT_FOUND in attempt.text, "trang trả về không báo “không tìm thấy”"


@then("câu trả lời không lộ thông tin nào của chủ hồ sơ")
def _(people: People, dossier: Dossier, attempt: Attempt) -> None:
    leaked = [value for value in owner_data(people, dossier) if value in attempt.text]
    assert not leaked, f"câu trả lời cho người khác chứa thông tin của chủ hồ sơ: {leaked}"


@then(
    "hồ sơ của chủ hồ sơ không thay đổi gì, trên cổng, trên Cổng DVCQG và tại nền tảng thanh toán"
)
def _(dossier: Dossier, attempt: Attempt, seen_by_all: Callable[[str], dict[str, Any]]) -> None:
    after = seen_by_all(dossier.code)
    changed = {k: (attempt.before[k], after[k]) for k in after if after[k] != attempt.before[k]}
    assert not changed, f"hồ sơ {dossier.code} đã thay đổi (trước, sau): {changed}"


@when(
    "một người khác mở đường dẫn trả về từ nền tảng thanh toán mà công dân vừa được chuyển tới",
    target_fixture="stranger_result",
)
def _(page: Page, people: People, fake: Faker) -> PaymentResult:
    people.ui.payment_result(page).is_current()
    stranger = people.citizen(STRANGER, new_citizen(fake))
    stranger.goto(page.url)
    return people.ui.payment_result(stranger).is_current()


@then("người khác không thấy thông tin thanh toán nào của hồ sơ")
def _(people: People, stranger_result: PaymentResult, citizen: Citizen) -> None:
    for shown, what in (
        (stranger_result.amount, "số tiền"),
        (stranger_result.payment_state, "tình trạng thanh toán"),
        (stranger_result.transaction_no, "mã giao dịch"),
        (stranger_result.pay_button, "nút thanh toán"),
    ):
        expect(shown, f"{what} của hồ sơ người khác").to_have_count(0)
    text = people.citizen(STRANGER).content()  # the stranger's page, opened above
    leaked = [v for v in (citizen.full_name, citizen.cccd, citizen.phone) if v in text]
    assert not leaked, f"trang cho người khác chứa thông tin của chủ hồ sơ: {leaked}"


# --- the back office --------------------------------------------------------------------


@when(
    parsers.re(r"công dân mở (?P<name>.+) của khu vực cán bộ bằng đường dẫn"),
    target_fixture="attempt",
)
def _(people: People, dossier: Dossier, name: str) -> Attempt:
    officer = people.ui.officer_dossier(people.officer("cán bộ một cửa"))
    file_link = officer.open(dossier.code).files.get_by_role("link").first.get_attribute("href")
    assert file_link, f"cán bộ không thấy tệp giấy tờ nào của hồ sơ {dossier.code}"
    url = f"{people.ui.officer_url}{people.ui.http.officer_pages(dossier.code, file_link)[name]}"
    return attempt_of(people.citizen().request.get(url, max_redirects=0))


@when(
    parsers.re(
        r'công dân gửi thẳng thao tác "(?P<button>.+)" hồ sơ của mình đến khu vực cán bộ, '
        r"kèm mã chống giả mạo của chính mình"
    ),
    target_fixture="attempt",
)
def _(
    people: People, dossier: Dossier, seen_by_all: Callable[[str], dict[str, Any]], button: str
) -> Attempt:
    before = seen_by_all(dossier.code)
    sender = people.ui.http.sender(people.citizen())
    action = people.ui.http.officer_action(dossier.code, button)
    return attempt_of(sender.send(action, sender.token()), before)


@then(
    "cổng đưa công dân tới trang đăng nhập dành cho cán bộ, không kèm nội dung nào của khu vực cán bộ"
)
def _(people: People, dossier: Dossier, attempt: Attempt) -> None:
    http = people.ui.http
    assert http.sends_to_officer_sign_in(attempt.status, attempt.location), (
        f"cổng trả lời công dân HTTP {attempt.status}, chuyển tới {attempt.location!r}: "
        f"không phải trang đăng nhập dành cho cán bộ ({http.OFFICER_SIGN_IN_PATH})"
    )
    leaked = [value for value in owner_data(people, dossier) if value in attempt.text]
    assert not leaked, f"câu trả lời chứa nội dung của khu vực cán bộ: {leaked}"
