"""Stronger oracles (issue 20), the browser as people use it: the submit button pressed
twice, the receipt reloaded, back and forward, the dossier open in two tabs, the payment
result reloaded. Whatever the browser does, one submission is one dossier and one fee is
paid once: on the portal, and on the national portal.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from fixtures.national_portal import ScenarioNationalPortal
from fixtures.oracles import post_form_twice, procedure_of_kind
from fixtures.procedures import ProcedureSpec, fill_values
from steps.world import Dossier, People

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PAID = "Thanh toán thành công"  # a successful row of the dossier's payments
TABS = ("thẻ thứ nhất", "thẻ thứ hai")
PAID_STEP = "Thanh toán phí, lệ phí"  # the history's row of a payment


def national_dossiers_of(
    people: People, national_portal: ScenarioNationalPortal, code: str
) -> dict[str, dict[str, object]]:
    """The national portal's records of this scenario's citizen, once the portal sent all
    it had to send about ``code``."""
    people.settle(national_portal, code)
    held = national_portal.all_dossiers()["dossiers"]
    cccd = people.the_citizen.cccd
    return {code: d["record"] for code, d in held.items() if d["record"].get("SoDinhDanh") == cccd}


# --- Khi: submitting ------------------------------------------------------------------


@when(
    parsers.re(
        r"công dân điền đủ tờ khai (?P<kind>một thủ tục có lệ phí|một thủ tục miễn phí) "
        r'và bấm "Nộp hồ sơ" (?P<how>hai lần liền|một lần, nhưng mạng gửi tờ khai đến cổng hai lần)'
    ),
    target_fixture="dossier",
)
def _(people: People, procedure: ProcedureSpec, fake: Faker, kind: str, how: str) -> Dossier:
    twice = how != "hai lần liền"
    procedure = procedure_of_kind(procedure, kind)
    page = people.citizen()
    form = people.ui.submission_form(page).open(procedure.code).is_current()
    values = fill_values(procedure, fake, people.the_citizen, today=datetime.now(VN).date())
    for spec in procedure.to_fill:
        form.fill(spec.label, values[spec.name], choice=bool(spec.choices))
    for paper in procedure.required_attachments:
        form.attach(paper.name, people.supplement_file(paper.name))
    if not twice:
        form.submit_button.dblclick()
        code = people.ui.receipt(page).is_current().code()
    else:
        statuses = post_form_twice(form.submit_button)
        assert all(s in (0, 200, 303) for s in statuses), f"cổng trả lời tờ khai: {statuses}"
        codes = list(people.ui.my_dossiers(page).open().statuses())
        assert codes, "không có hồ sơ nào trong “Hồ sơ của tôi” sau khi nộp"
        code = codes[-1]
    return Dossier(code, procedure.code, people.the_citizen, datetime.now(VN))


@when("công dân tải lại giấy tiếp nhận, bấm quay lại rồi tiến tới trên trình duyệt")
def _(people: People, dossier: Dossier) -> None:
    page = people.citizen()
    page.reload()
    receipt = people.ui.receipt(page).is_current()
    expect(receipt.dossier_code, "giấy tiếp nhận sau khi tải lại").to_have_text(dossier.code)
    page.go_back()
    page.go_forward()
    page.reload()
    receipt = people.ui.receipt(page).is_current()
    expect(receipt.dossier_code, "giấy tiếp nhận sau khi quay lại").to_have_text(dossier.code)


# --- Khi: paying ------------------------------------------------------------------------


def tab(people: People, which: str) -> Page:
    """The citizen's ``which`` tab: the first is their page, the second a new tab of the
    same browser (same session)."""
    first = people.citizen()
    if which == TABS[0]:
        return first
    key = f"công dân ({which})"
    if key not in people.pages:
        people.pages[key] = first.context.new_page()
    return people.pages[key]


@when("công dân mở hồ sơ ở hai thẻ của trình duyệt")
def _(people: People, dossier: Dossier) -> None:
    for which in TABS:
        page = people.ui.citizen_dossier(tab(people, which)).open(dossier.code)
        expect(page.pay_button, f"{which}: có nút thanh toán lệ phí").to_be_visible()


@when(parsers.parse("công dân thanh toán lệ phí ở {which} rồi tải lại trang kết quả thanh toán"))
def _(people: People, dossier: Dossier, which: str) -> None:
    page = tab(people, which)
    result = people.ui.citizen_dossier(page).pay_online()
    expect(result.success, "cổng báo thanh toán thành công").to_contain_text(PAID)
    page.reload()
    people.ui.payment_result(page).is_current()


@when(parsers.parse('công dân bấm "Thanh toán lệ phí" ở {which} mà chưa tải lại trang'))
def _(people: People, which: str) -> None:
    page = tab(people, which)
    people.ui.citizen_dossier(page).pay_button.click()


# --- Thì ------------------------------------------------------------------------------


@then("công dân có đúng một hồ sơ trong “Hồ sơ của tôi”, và Cổng DVCQG nhận đúng một hồ sơ")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    mine = people.ui.my_dossiers(people.citizen()).open().statuses()
    assert list(mine) == [dossier.code], (
        f"một lần nộp phải thành đúng một hồ sơ ({dossier.code}); “Hồ sơ của tôi” có {mine}"
    )
    national_portal.watch(dossier.code)
    national_portal.wait_for_status(dossier.code, 1)
    held = national_dossiers_of(people, national_portal, dossier.code)
    assert list(held) == [dossier.code], (
        f"Cổng DVCQG phải nhận đúng một hồ sơ của công dân, đã nhận {list(held)}"
    )


@then(
    "cổng không mở giao dịch thứ hai; hồ sơ có đúng một lần thanh toán thành công, trên "
    "cổng và trên Cổng DVCQG"
)
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    second = tab(people, TABS[1])
    expect(
        people.ui.payment_result(second).failure, "thẻ thứ hai: cổng từ chối thanh toán lại"
    ).to_be_visible()
    detail = people.ui.dossier_detail(people.citizen(), dossier.code).open()
    expect(detail.payment_rows(PAID), "đúng một giao dịch thành công").to_have_count(1)
    expect(
        detail.history_rows(PAID_STEP), "một bước thanh toán trong quá trình xử lý"
    ).to_have_count(1)
    transaction = detail.transaction_no.inner_text().strip()
    record = national_dossiers_of(people, national_portal, dossier.code)[dossier.code]
    fees = record.get("DanhSachLePhi") or []
    assert isinstance(fees, list) and len(fees) == 1, f"DanhSachLePhi phải có một khoản: {fees}"
    fee = fees[0]
    assert (fee["TrangThaiThanhToan"], fee["MaGiaoDich"]) == (1, transaction), (
        f"Cổng DVCQG phải giữ một khoản đã thanh toán với mã giao dịch {transaction}: {fee}"
    )
