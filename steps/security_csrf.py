"""Beyond the checklist: anti-forgery tokens (chong_gia_mao_yeu_cau) — every form that changes
data, sent straight to the portal without a token or with another session's, is refused
(HTTP 403) and changes nothing; sent again with the session's own token, it is done.

The forms are built by ``ui.http`` (``PortalHttp`` in pages/protocols.py) and sent with the
sender's own browser context; what a form could change is read from the portal's pages,
the national portal and the payment platform (``seen_by_all``, steps/world.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from faker import Faker
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from fixtures.procedures import ProcedureSpec, choose, fill_values, wanted
from fixtures.raw_http import Attempt, attempt_of
from fixtures.target import OfficerAccount
from pages.protocols import FormSender, PageSet, PortalForm
from steps.world import ANONYMOUS, OWNER, People, vn_today

Observe = Callable[[], dict[str, Any]]


def signed_in(page: Page, url: str) -> bool:
    """Whether the server holds a session that may open ``url`` for this browser."""
    return page.request.get(url, max_redirects=0).status == 200


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
