"""Beyond the checklist: an toàn thông tin — another citizen's dossier, the back office,
anti-forgery tokens, and the portal state a refused request must leave unchanged.

Requests "sent straight to the portal" go through ``page.request`` of the sender's own
browser context (``ui.http.sender(page)``, ``PortalHttp`` in pages/protocols.py): the
cookies are the sender's, as with a crafted request or a forged cross-site form. Sessions,
uploads, scripts in forms, redirects, payment results, test routes and headers: the
``steps/security_*.py`` modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.control import MockControl, control_client
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.procedures import ProcedureSpec, choose, fill_values, wanted
from fixtures.raw_http import Attempt, attempt_of
from fixtures.stack import Stack
from fixtures.target import OfficerAccount
from pages.protocols import FormSender, PageSet, PaymentResult, PortalForm
from steps.world import Dossier, People, vn_today

OWNER, STRANGER, ANONYMOUS = "công dân", "công dân khác", "người chưa đăng nhập"
Observe = Callable[[], dict[str, Any]]


@pytest.fixture
def seen_by_all(
    people: People, stack: Stack, national_portal: ScenarioNationalPortal
) -> Iterator[Callable[[str], dict[str, Any]]]:
    """A dossier as its owner, the national portal and the payment platform see it, once
    the portal has sent everything it had to send."""
    # No kept-alive connections: a server closing an idle one as we reuse it is a false alarm.
    with control_client(timeout=60.0, limits=httpx.Limits(max_keepalive_connections=0)) as http:
        national_mock = MockControl("national_portal", stack.mocks["national_portal"], http)
        payment = MockControl("payment", stack.mocks["payment"], http)

        def observe(code: str) -> dict[str, Any]:
            people.settle(national_portal, code)
            national = national_mock.dossier(code) or {}
            return {
                "cổng": people.ui.dossier_state(people.citizen()).read(code),
                "Cổng DVCQG": (national.get("statuses"), len(national.get("progress", []))),
                "nền tảng thanh toán": len(payment.transactions(code)),
            }

        yield observe


def owner_data(people: People, dossier: Dossier) -> list[str]:
    citizen = people.the_citizen
    return [citizen.full_name, citizen.cccd, citizen.phone, citizen.email, dossier.code]


def signed_in(page: Page, url: str) -> bool:
    """Whether the server holds a session that may open ``url`` for this browser."""
    return page.request.get(url, max_redirects=0).status == 200


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


# --- anti-forgery tokens ------------------------------------------------------------------

# The form a scenario names → who sends it, and the dossier it needs: of which procedure
# (a trait of fixtures/procedures.py: "mot_thu_tuc" any, "co_le_phi" one with a fee), in
# which status.
CSRF_SETUPS: dict[str, tuple[str, str | None, int]] = {
    "đăng xuất": (OWNER, None, 0),
    "nộp hồ sơ": (OWNER, None, 0),
    "lưu nháp": (OWNER, None, 0),
    "gửi bổ sung": (OWNER, "mot_thu_tuc", 5),
    "rút hồ sơ": (OWNER, "mot_thu_tuc", 2),
    "thanh toán lệ phí": (OWNER, "co_le_phi", 1),
    "đăng nhập cán bộ": (ANONYMOUS, None, 0),
    "đăng xuất cán bộ": ("cán bộ một cửa", None, 0),
    "Tiếp nhận": ("cán bộ một cửa", "mot_thu_tuc", 1),
    "Thẩm định": ("chuyên viên", "mot_thu_tuc", 2),
    "Phê duyệt": ("lãnh đạo", "mot_thu_tuc", 4),
    "Trả kết quả": ("cán bộ một cửa", "mot_thu_tuc", 9),
}


def taken(procedures: dict[str, ProcedureSpec], trait: str) -> ProcedureSpec:
    """The target's first procedure with ``trait``; without one the scenario is not tested."""
    spec = choose(procedures, {trait})
    if spec is None:
        pytest.skip(f"Chưa kiểm thử: đích kiểm thử không có {wanted({trait})}")
    return spec


@dataclass
class CsrfCase:
    form: PortalForm
    sender: FormSender
    observe: Observe
    before: dict[str, Any]
    answer: Attempt | None = None


def sender_page(people: People, who: str) -> Page:
    if who == OWNER:
        return people.citizen()
    if who == ANONYMOUS:
        return people.person(ANONYMOUS)
    return people.officer(who)


def form_named(
    name: str, people: People, code: str | None, procedures: dict[str, ProcedureSpec], fake: Faker
) -> PortalForm:
    http = people.ui.http
    if name in ("nộp hồ sơ", "lưu nháp"):
        procedure = taken(procedures, "mot_thu_tuc")
        values = fill_values(procedure, fake, people.the_citizen, today=vn_today())
        papers = [a.code for a in procedure.required_attachments]
        return http.submission_form(procedure.code, values, papers, draft=name == "lưu nháp")
    if name == "đăng nhập cán bộ":
        account: OfficerAccount = people.officers["cán bộ một cửa"]
        return http.officer_sign_in(account.username, account.password.reveal())
    if name == "đăng xuất cán bộ":
        return http.sign_out_form(officer=True)
    if name == "đăng xuất":
        return http.sign_out_form()
    assert code is not None, f"biểu mẫu “{name}” cần một hồ sơ"
    if name == "gửi bổ sung":
        papers = [a.code for a in taken(procedures, "mot_thu_tuc").attachments]
        return http.supplement_form(code, papers)
    forms = http.citizen_forms(code)
    if name in forms:
        return forms[name]
    fields = {"Thẩm định": {"y_kien": "Hồ sơ hợp lệ."}, "Phê duyệt": {"y_kien": "Đồng ý."}}
    return http.officer_action(code, name, **fields.get(name, {}))


def observer(
    people: People,
    who: str,
    name: str,
    code: str | None,
    seen_by_all: Callable[[str], dict[str, Any]],
) -> Observe:
    """What the form could change, as the portal shows it."""
    page = sender_page(people, who)
    ui = people.ui
    private = (
        ui.personal(page).url() if who == OWNER else f"{ui.officer_url}{ui.http.OFFICER_QUEUE_PATH}"
    )

    def observe() -> dict[str, Any]:
        state: dict[str, Any] = {"phiên làm việc": signed_in(page, private)}
        if name in ("nộp hồ sơ", "lưu nháp"):
            mine = people.ui.all_my_dossiers(people.citizen()).open()
            state["hồ sơ của tôi"] = (mine.statuses(), mine.draft_count())
        if code is not None:
            state["hồ sơ"] = seen_by_all(code)
        return state

    return observe


@given(
    parsers.re(r'(?P<who>.+) sẵn sàng gửi biểu mẫu "(?P<name>.+)"'),
    target_fixture="csrf_case",
)
def _(
    people: People,
    procedures: dict[str, ProcedureSpec],
    fake: Faker,
    seen_by_all: Callable[[str], dict[str, Any]],
    who: str,
    name: str,
) -> CsrfCase:
    expected_who, trait, status = CSRF_SETUPS[name]
    assert who == expected_who, f"biểu mẫu “{name}” do {expected_who} gửi, không phải {who}"
    code = people.new_dossier(taken(procedures, trait).code, status).code if trait else None
    form = form_named(name, people, code, procedures, fake)
    observe = observer(people, who, name, code, seen_by_all)
    sender = people.ui.http.sender(sender_page(people, who))
    return CsrfCase(form, sender, observe, observe())


@when("biểu mẫu được gửi thẳng đến cổng mà không kèm mã chống giả mạo")
def _(csrf_case: CsrfCase) -> None:
    csrf_case.answer = attempt_of(csrf_case.sender.send(csrf_case.form, None))


@when("biểu mẫu được gửi thẳng đến cổng kèm mã chống giả mạo của một phiên làm việc khác")
def _(people: People, csrf_case: CsrfCase) -> None:
    other = people.ui.http.sender(people.person("trình duyệt khác")).token()
    csrf_case.answer = attempt_of(csrf_case.sender.send(csrf_case.form, other))


@when("biểu mẫu được gửi lại kèm đúng mã chống giả mạo của phiên")
def _(csrf_case: CsrfCase) -> None:
    token = csrf_case.sender.token()
    csrf_case.answer = attempt_of(csrf_case.sender.send(csrf_case.form, token))


@then("cổng từ chối yêu cầu vì mã chống giả mạo không hợp lệ")
def _(ui: PageSet, csrf_case: CsrfCase) -> None:
    answer = csrf_case.answer
    assert answer is not None
    assert answer.status == 403 and ui.http.CSRF_REFUSAL in answer.text, (
        f"cổng trả lời HTTP {answer.status} (chuyển tới {answer.location!r}) cho yêu cầu "
        "không có mã chống giả mạo hợp lệ, không phải 403 vì mã chống giả mạo"
    )


@then("cổng không thay đổi gì sau các yêu cầu bị từ chối")
def _(csrf_case: CsrfCase) -> None:
    after = csrf_case.observe()
    assert after == csrf_case.before, f"cổng đã thay đổi: trước {csrf_case.before}, sau {after}"


@then("lần này cổng thực hiện yêu cầu")
def _(csrf_case: CsrfCase) -> None:
    answer = csrf_case.answer
    assert answer is not None and answer.status in (200, 302, 303), (
        f"biểu mẫu hợp lệ không được thực hiện: HTTP {answer.status if answer else '?'}"
    )
    assert csrf_case.observe() != csrf_case.before, "biểu mẫu hợp lệ không thay đổi gì trên cổng"
