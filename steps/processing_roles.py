"""Checklist item 4: who may do what (giai_quyet_ho_so) — an officer sees only the actions of
their role, a request sent straight to the portal for another role's action is refused
(HTTP 403), and the appraisal and the approval are done by two officers of two roles."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from pages.protocols import PageSet
from steps.world import ROLE, Dossier, People, citizen_page, officer_page


@when(parsers.re(f"{ROLE} mở hồ sơ$"))
def _(people: People, dossier: Dossier, role: str) -> None:
    officer_page(people, role).open(dossier.code)


@when(
    parsers.re(f'{ROLE} gửi thẳng yêu cầu "(?P<action>.+)" hồ sơ đến cổng'),
    target_fixture="direct_answer",
)
def _(people: People, dossier: Dossier, role: str, action: str) -> tuple[int, str]:
    answer = (
        officer_page(people, role).open(dossier.code).post_action_directly(dossier.code, action)
    )
    return answer.status, answer.text()


@then(parsers.re(f'{ROLE} thấy thao tác "(?P<action>.+)"'))
def _(people: People, dossier: Dossier, role: str, action: str) -> None:
    page = officer_page(people, role).open(dossier.code)
    expect(page.action_button(action), f"{role} thấy nút “{action}”").to_be_visible()


@then(parsers.re(f'{ROLE} không thấy thao tác "(?P<action>.+)"'))
def _(people: People, dossier: Dossier, role: str, action: str) -> None:
    page = officer_page(people, role).open(dossier.code)
    expect(page.action_button(action), f"{role} không được thấy nút “{action}”").to_have_count(0)


@then(parsers.parse('cổng từ chối yêu cầu vì vai trò không được "{action}"'))
def _(ui: PageSet, direct_answer: tuple[int, str], action: str) -> None:
    status, body = direct_answer
    assert status == 403, (
        f"cổng phải từ chối (HTTP 403) yêu cầu “{action}” gửi thẳng, nhưng trả HTTP {status}"
    )
    assert ui.role_refusal in body, (
        f"cổng phải nói rõ vai trò không được “{action}”; trang trả về: {body[:300]!r}"
    )


@then("việc thẩm định và việc phê duyệt do hai cán bộ khác vai trò thực hiện")
def _(people: People, dossier: Dossier) -> None:
    rows = citizen_page(people, dossier).history_rows()
    appraisal = [r for r in rows if r["what"].startswith("Thẩm định")]
    approval = [r for r in rows if r["what"].startswith("Phê duyệt")]
    assert appraisal and approval, f"thiếu bước thẩm định hoặc phê duyệt: {rows}"
    assert (appraisal[-1]["who"], appraisal[-1]["role"]) != (
        approval[-1]["who"],
        approval[-1]["role"],
    ), (
        f"thẩm định và phê duyệt phải do hai người, hai vai trò khác nhau: {appraisal[-1]} / {approval[-1]}"
    )
