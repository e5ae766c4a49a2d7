"""Checklist item 3: a payment that does not go through (thanh_toan_khong_thanh_cong) — the
bank declines, the citizen cancels, the platform answers late, refuses to open a
transaction or answers with an HTTP error: the dossier stays unpaid and the citizen can
pay again. The platform's faults are armed on the scenario's own dossier
(``arm_payment_fault``)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import MockControl
from pages.protocols import PageSet
from steps.world import UNPAID, ArmPaymentFault, Submitted, pay_on_platform


@given("ngân hàng sẽ từ chối giao dịch thanh toán của hồ sơ")
def _(arm_payment_fault: ArmPaymentFault) -> None:
    arm_payment_fault("decline")


@given(
    parsers.parse(
        "nền tảng thanh toán sẽ không trả lời cổng trong {seconds:d} giây khi cổng tạo giao dịch"
    )
)
def _(arm_payment_fault: ArmPaymentFault, seconds: int) -> None:
    arm_payment_fault("timeout", params={"delay_s": seconds})


@given(parsers.parse('nền tảng thanh toán sẽ từ chối tạo giao dịch của hồ sơ với lý do "{reason}"'))
def _(arm_payment_fault: ArmPaymentFault, reason: str) -> None:
    arm_payment_fault("refuse", params={"message": reason})


@given(
    parsers.parse(
        'nền tảng thanh toán sẽ trả lời việc tạo giao dịch của hồ sơ bằng MaLoi "00" '
        "kèm mã HTTP {status:d}"
    )
)
def _(arm_payment_fault: ArmPaymentFault, status: int) -> None:
    arm_payment_fault("contradictory_status", params={"status": status})


@when(parsers.parse('công dân thanh toán lại qua "{channel}"'))
def _(ui: PageSet, page: Page, channel: str) -> None:
    ui.payment_result(page).is_current().pay()
    pay_on_platform(ui, page, channel)


@when("công dân mở trang thanh toán rồi hủy giao dịch")
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    ui.dossier_detail(page, submitted.code).open().pay().cancel()
    ui.payment_result(page).is_current()


@when("công dân bắt đầu thanh toán lệ phí hồ sơ")
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    ui.dossier_detail(page, submitted.code).open().start_paying()
    ui.payment_result(page).is_current()


@then(parsers.parse('cổng báo "{message}" và hồ sơ vẫn chưa thanh toán'))
def _(ui: PageSet, page: Page, message: str) -> None:
    result = ui.payment_result(page).is_current()
    expect(result.failure, "thông báo thanh toán không thành công").to_contain_text(message)
    expect(result.payment_state, "tình trạng thanh toán của hồ sơ").to_have_text(UNPAID)
    expect(result.transaction_no, "không có mã giao dịch thành công").to_have_count(0)


@then("công dân có thể thanh toán lại")
def _(ui: PageSet, page: Page) -> None:
    expect(ui.payment_result(page).pay_button, "nút thanh toán lại lệ phí").to_be_visible()


@then(
    parsers.parse(
        "nền tảng thanh toán có {count:d} giao dịch của hồ sơ, mỗi lần một mã tham chiếu riêng"
    )
)
def _(payment_control: MockControl, submitted: Submitted, count: int) -> None:
    made = payment_control.transactions(submitted.code)
    references = {t["MaThamChieu"] for t in made}
    assert len(made) == len(references) == count, (
        f"{len(made)} giao dịch với {len(references)} mã tham chiếu (đúng ra {count} và {count})"
    )
