"""Checklist item 4 (first half): officers process a dossier online; the citizen follows it.

Preconditions (a dossier of this scenario's own citizen in a given status, the people's
sessions) go through the target's test API, or its pages without one
(fixtures/preconditions.py); each person (the citizen, each officer) has a browser context
of their own (``people``, steps/world.py). Moving the clock needs the test API.

Here: the officers' actions and what each side sees of them. Who may do what:
steps/processing_roles.py; the deadline: steps/processing_deadline.py and
steps/processing_time.py.
"""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.national_portal import STATUS_CODES, ScenarioNationalPortal
from fixtures.preconditions import appraise_each
from fixtures.procedures import ProcedureSpec
from fixtures.target import OfficerAccount
from steps.world import ROLE, Dossier, People, citizen_page, officer_page

# the status in which a dossier of a procedure with a fee has not paid it yet
UNPAID_STATUS = STATUS_CODES["Yêu cầu thực hiện nghĩa vụ tài chính"]


# --- Cho ----------------------------------------------------------------------------


@given(
    parsers.re(
        r'một công dân có hồ sơ (?P<unpaid>chưa thanh toán lệ phí )?ở trạng thái "(?P<status>.+)"'
    ),
    target_fixture="dossier",
)
def _(
    people: People,
    national_portal: ScenarioNationalPortal,
    procedure: ProcedureSpec,
    unpaid: str | None,
    status: str,
) -> Dossier:
    """A dossier of the procedure the scenario takes (fixtures/target_procedures.py). The fee
    of a procedure that has one is paid (the citizen pays on submitting), unless the
    scenario says "chưa thanh toán lệ phí" or the agency is asking for it ("Yêu cầu thực
    hiện nghĩa vụ tài chính")."""
    code = STATUS_CODES[status]
    paid = procedure.has_fee and not unpaid and code != UNPAID_STATUS
    dossier = people.new_dossier(procedure.code, code, paid=paid)
    national_portal.watch(dossier.code)
    national_portal.wait_for_status(dossier.code, code)
    return dossier


@given("một công dân có hồ sơ đã thẩm định xong, chờ lãnh đạo phê duyệt", target_fixture="dossier")
def _(people: People, national_portal: ScenarioNationalPortal, procedure: ProcedureSpec) -> Dossier:
    """A dossier in "Đang xử lý" whose every appraisal is done (an inter-agency procedure
    has several: the specialists do the remaining ones on their page), its fee paid."""
    dossier = people.new_dossier(procedure.code, STATUS_CODES["Đang xử lý"], paid=procedure.has_fee)
    national_portal.watch(dossier.code)
    national_portal.wait_for_status(dossier.code, STATUS_CODES["Đang xử lý"])
    appraise_all(
        people, dossier, procedure, "chuyên viên", "Hồ sơ đủ điều kiện giải quyết.",
        at_least_once=False,
    )  # fmt: skip
    return dossier


# --- Khi: officers ------------------------------------------------------------------


@when(parsers.re(f"{ROLE} đăng nhập khu vực cán bộ bằng tài khoản của mình"))
def _(people: People, officers: dict[str, OfficerAccount], role: str) -> None:
    account = officers[role]
    page = people.person(role)
    people.ui.officer_sign_in(page).open().sign_in(account.username, account.password.reveal())


@when(parsers.re(f"{ROLE} tiếp nhận hồ sơ$"))
def _(people: People, dossier: Dossier, role: str) -> None:
    officer_page(people, role).open(dossier.code).receive()


@when(parsers.re(f'{ROLE} từ chối tiếp nhận hồ sơ với lý do "(?P<reason>.+)"'))
def _(people: People, dossier: Dossier, role: str, reason: str) -> None:
    officer_page(people, role).open(dossier.code).refuse(reason)


@when(parsers.re(f'{ROLE} yêu cầu bổ sung giấy tờ bắt buộc với nội dung "(?P<note>.+)"'))
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, role: str, note: str) -> None:
    """The procedure's first required paper."""
    paper = procedure.required_attachments[0].name
    officer_page(people, role).open(dossier.code).request_supplement(note, [paper])


@when(parsers.re(f"{ROLE} yêu cầu công dân thực hiện nghĩa vụ tài chính (?P<amount>\\d+) đồng"))
def _(people: People, dossier: Dossier, role: str, amount: str) -> None:
    officer_page(people, role).open(dossier.code).request_obligation(int(amount), "Phí thẩm định.")


@when(parsers.re(f'{ROLE} thẩm định hồ sơ với ý kiến "(?P<opinion>.+)"'))
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, role: str, opinion: str) -> None:
    appraise_all(people, dossier, procedure, role, opinion, at_least_once=True)


def appraise_all(
    people: People, dossier: Dossier, procedure: ProcedureSpec, role: str, opinion: str,
    *, at_least_once: bool,
) -> None:  # fmt: skip
    """Every appraisal the dossier still waits for ([[steps]] of role specialist)."""
    appraise_each(
        lambda: officer_page(people, role).open(dossier.code), opinion,
        procedure.specialist_steps, at_least_once=at_least_once,
    )  # fmt: skip


@when(parsers.re(f"{ROLE} phê duyệt hồ sơ$"))
def _(people: People, dossier: Dossier, role: str) -> None:
    officer_page(people, role).open(dossier.code).approve("Đồng ý cấp kết quả.")


@when(parsers.re(f"{ROLE} trả kết quả cho công dân"))
def _(people: People, dossier: Dossier, role: str) -> None:
    officer_page(people, role).open(dossier.code).return_result()


@when(parsers.re(f'{ROLE} dừng xử lý hồ sơ với lý do "(?P<reason>.+)"'))
def _(people: People, dossier: Dossier, role: str, reason: str) -> None:
    officer_page(people, role).open(dossier.code).stop(reason)


# --- Khi: the citizen -----------------------------------------------------------------


@when("công dân gửi bổ sung giấy tờ được yêu cầu")
def _(people: People, dossier: Dossier, procedure: ProcedureSpec) -> None:
    paper = procedure.required_attachments[0].name
    file = people.supplement_file(paper)
    citizen_page(people, dossier).send_supplement(paper, file, "Đã chụp lại rõ nét, đủ 4 góc.")


@when("công dân thanh toán số tiền đó trực tuyến")
def _(people: People, dossier: Dossier) -> None:
    result = citizen_page(people, dossier).pay_online()
    expect(result.success, "cổng báo thanh toán thành công").to_contain_text(
        "Thanh toán thành công"
    )


@when(parsers.parse('công dân rút hồ sơ với lý do "{reason}"'))
def _(people: People, dossier: Dossier, reason: str) -> None:
    citizen_page(people, dossier).withdraw(reason)


# --- Thì: what the officers see -------------------------------------------------------


@then(parsers.re(f'{ROLE} thấy hồ sơ ở trạng thái "(?P<status>.+)"'))
def _(people: People, dossier: Dossier, role: str, status: str) -> None:
    page = officer_page(people, role).open(dossier.code)
    expect(page.status, f"{role} thấy trạng thái của hồ sơ {dossier.code}").to_have_text(status)


@then(parsers.re(f"{ROLE} không còn thao tác xử lý nào với hồ sơ"))
def _(people: People, dossier: Dossier, role: str) -> None:
    page = officer_page(people, role).open(dossier.code)
    expect(page.actions, f"{role} không còn thao tác nào với hồ sơ đã kết thúc").to_have_count(0)
    expect(page.no_action, "trang nói rõ không có thao tác nào").to_be_visible()


@then(parsers.re(f"{ROLE} thấy giấy tờ công dân bổ sung trong hồ sơ"))
def _(people: People, dossier: Dossier, procedure: ProcedureSpec, role: str) -> None:
    paper = procedure.required_attachments[0].name
    page = officer_page(people, role).open(dossier.code)
    row = page.files.get_by_role("row").filter(has_text=paper).filter(has_text="Bổ sung")
    expect(row, f"{role} thấy “{paper}” công dân vừa bổ sung").to_have_count(1)


@then(parsers.parse('hồ sơ vẫn ở trạng thái "{status}" trên cổng và trên Cổng DVCQG'))
def _(
    people: People, dossier: Dossier, national_portal: ScenarioNationalPortal, status: str
) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(page.status, "trạng thái hồ sơ trên cổng không đổi").to_have_text(status)
    people.settle(national_portal, dossier.code)
    # the record it holds: what our mock and a look-up (@needs_national_record) both give
    held = (national_portal.dossier(dossier.code) or {}).get("record") or {}
    assert held.get("TrangThaiHoSo") == STATUS_CODES[status], (
        f"Cổng DVCQG phải vẫn giữ trạng thái {STATUS_CODES[status]}, nhưng đang giữ {held.get('TrangThaiHoSo')}"
    )


@then(parsers.re(f'{ROLE} thấy hồ sơ trong danh sách cần xử lý, đánh dấu "(?P<mark>.+)"'))
def _(people: People, dossier: Dossier, role: str, mark: str) -> None:
    queue = people.ui.officer_queue(people.officer(role)).is_current()
    expect(queue.row_of(dossier.code), f"hồ sơ {dossier.code} có trong danh sách").to_have_count(1)
    expect(
        queue.column(dossier.code, "Việc của tôi"), f"hồ sơ được đánh dấu “{mark}”"
    ).to_have_text(mark)


# --- Thì: what the citizen sees -------------------------------------------------------


@then(parsers.parse('công dân thấy hồ sơ của mình ở trạng thái "{status}"'))
def _(people: People, dossier: Dossier, status: str) -> None:
    page = citizen_page(people, dossier)
    expect(page.status, f"công dân thấy trạng thái hồ sơ {dossier.code}").to_have_text(status)


@then(parsers.parse('công dân thấy lý do "{reason}"'))
def _(people: People, dossier: Dossier, reason: str) -> None:
    expect(citizen_page(people, dossier).reason, "công dân thấy lý do").to_have_text(reason)


@then(parsers.parse('công dân thấy yêu cầu bổ sung "{note}"'))
def _(people: People, dossier: Dossier, note: str) -> None:
    request = citizen_page(people, dossier).supplement_request()
    expect(request, "công dân thấy cơ quan yêu cầu bổ sung gì").to_contain_text(note)


@then(parsers.parse("công dân thấy số tiền phải nộp {money}"))
def _(people: People, dossier: Dossier, money: str) -> None:
    page = citizen_page(people, dossier)
    expect(page.fee, "công dân thấy số tiền phải nộp").to_have_text(money)
    expect(page.pay_button, "công dân có nút thanh toán").to_be_visible()


@then(parsers.re(f'quá trình xử lý mà công dân thấy ghi "(?P<what>.+)" do {ROLE} thực hiện'))
def _(people: People, dossier: Dossier, role: str, what: str) -> None:
    rows = citizen_page(people, dossier).history_rows()
    name = people.ui.officer_dossier(people.officer(role)).officer_name()
    done = [r for r in rows if r["what"].startswith(what) and r["who"] == name]
    assert done, f"quá trình xử lý không ghi “{what}” do {name} ({role}) thực hiện: {rows}"
