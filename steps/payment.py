"""Checklist item 3: paying the fee through the payment platform (thanh toán trực tuyến).

A scenario's dossier is a precondition (fixtures/preconditions.py: the target's test API,
or the citizen's form without one) unless the scenario is about submitting it. The platform's faults are armed with ``match`` on the scenario's own
dossier code (MaHoSo), so they cannot touch another scenario's payments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen
from fixtures.control import MockControl
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.polling import poll
from fixtures.preconditions import Preconditions
from fixtures.procedures import ProcedureSpec
from pages.protocols import PageSet, PaymentResult
from steps.world import PAID, PAID_ACTION, UNPAID, Submitted, settle

ArmPaymentFault = Callable[..., None]


def money(amount: int) -> str:
    """``200000`` → ``200.000 đồng``, as the portal writes amounts."""
    return f"{amount:,} đồng".replace(",", ".")


@pytest.fixture
def arm_payment_fault(payment_control: MockControl, submitted: Submitted) -> ArmPaymentFault:
    """Arm a fault of the payment platform for this scenario's dossier only."""

    def arm(name: str, *, params: dict[str, Any] | None = None) -> None:
        payment_control.arm_fault(name, match={"MaHoSo": submitted.code}, params=params)

    return arm


def answers_to_callbacks(txn: dict[str, Any]) -> list[str | None]:
    """The MaLoi the portal answered to each callback of a transaction."""
    return [(c["portal_answer"].get("body") or {}).get("MaLoi") for c in txn["callbacks"]]


def pay_on_platform(ui: PageSet, page: Page, channel: str) -> PaymentResult:
    ui.hosted_payment(page).pay(channel)
    return ui.payment_result(page).is_current()


# --- Cho ---------------------------------------------------------------------------


@given("công dân đã nộp hồ sơ một thủ tục có lệ phí", target_fixture="submitted")
def _(
    preconditions: Preconditions, page: Page, procedure: ProcedureSpec, citizen: Citizen
) -> Submitted:
    """A dossier of the procedure with a fee that the scenario takes (@co_le_phi)."""
    assert procedure.has_fee, f"thủ tục {procedure.code} không có lệ phí ({procedure.source})"
    made = preconditions.dossier(procedure, citizen, 1, lambda: page)
    return Submitted(made.code, procedure)


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


@given("nền tảng thanh toán sẽ gửi trùng thông báo kết quả của hồ sơ")
def _(arm_payment_fault: ArmPaymentFault) -> None:
    arm_payment_fault("callback_duplicated")


@given("nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ với mã xác thực sai")
def _(arm_payment_fault: ArmPaymentFault) -> None:
    arm_payment_fault("callback_bad_checksum")


@given(
    parsers.parse(
        "nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ với số tiền {amount:d} đồng"
    )
)
def _(arm_payment_fault: ArmPaymentFault, amount: int) -> None:
    arm_payment_fault("callback_other_amount", params={"amount": amount})


@given("nền tảng thanh toán sẽ không gửi thông báo kết quả của hồ sơ")
def _(arm_payment_fault: ArmPaymentFault) -> None:
    arm_payment_fault("no_callback")


@given(
    parsers.parse("nền tảng thanh toán sẽ gửi thông báo kết quả của hồ sơ chậm {seconds:d} giây")
)
def _(arm_payment_fault: ArmPaymentFault, seconds: int) -> None:
    arm_payment_fault("callback_delayed", params={"delay_s": seconds})


# --- Khi ---------------------------------------------------------------------------


@when(parsers.parse('công dân thanh toán lệ phí hồ sơ qua "{channel}"'))
def _(ui: PageSet, page: Page, submitted: Submitted, channel: str) -> None:
    ui.dossier_detail(page, submitted.code).open().pay()
    pay_on_platform(ui, page, channel)


@when(parsers.parse('công dân thanh toán lệ phí ngay trên giấy tiếp nhận qua "{channel}"'))
def _(ui: PageSet, page: Page, channel: str) -> None:
    ui.receipt(page).is_current().pay()
    pay_on_platform(ui, page, channel)


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


@when(
    parsers.parse(
        'công dân thanh toán lệ phí hồ sơ qua "{channel}" nhưng đóng trình duyệt trước khi về lại cổng'
    )
)
def _(ui: PageSet, page: Page, submitted: Submitted, channel: str) -> None:
    ui.dossier_detail(page, submitted.code).open().pay().pay_and_leave(channel)


# --- Thì ---------------------------------------------------------------------------


@then("cổng báo thanh toán thành công đủ lệ phí với mã giao dịch của nền tảng thanh toán")
def _(ui: PageSet, page: Page, payment_control: MockControl, submitted: Submitted) -> None:
    amount = submitted.procedure.fee_amount
    result = ui.payment_result(page).is_current()
    expect(result.success, "thông báo thanh toán thành công").to_have_text("Thanh toán thành công.")
    expect(result.amount, "số tiền đã thanh toán").to_have_text(money(amount))
    expect(result.payment_state, "tình trạng thanh toán của hồ sơ").to_have_text(PAID)
    number = payment_control.paid_transaction(submitted.code)["MaGiaoDich"]
    expect(result.transaction_no, "mã giao dịch do nền tảng thanh toán cấp").to_have_text(number)


@then("giấy tiếp nhận của hồ sơ ghi đã thanh toán đủ lệ phí với mã giao dịch đó")
def _(ui: PageSet, page: Page, payment_control: MockControl, submitted: Submitted) -> None:
    amount = submitted.procedure.fee_amount
    receipt = ui.receipt(page).open(submitted.code).is_current()
    expect(receipt.fee, "phí, lệ phí trên giấy tiếp nhận").to_have_text(money(amount))
    expect(receipt.payment_state, "tình trạng thanh toán trên giấy tiếp nhận").to_have_text(PAID)
    number = payment_control.paid_transaction(submitted.code)["MaGiaoDich"]
    expect(receipt.transaction_no, "mã giao dịch trên giấy tiếp nhận").to_have_text(number)


@then(parsers.parse('cổng báo "{message}" và hồ sơ vẫn chưa thanh toán'))
def _(ui: PageSet, page: Page, message: str) -> None:
    result = ui.payment_result(page).is_current()
    expect(result.failure, "thông báo thanh toán không thành công").to_contain_text(message)
    expect(result.payment_state, "tình trạng thanh toán của hồ sơ").to_have_text(UNPAID)
    expect(result.transaction_no, "không có mã giao dịch thành công").to_have_count(0)


@then("công dân có thể thanh toán lại")
def _(ui: PageSet, page: Page) -> None:
    expect(ui.payment_result(page).pay_button, "nút thanh toán lại lệ phí").to_be_visible()


@then(parsers.parse("hồ sơ ghi nhận đúng {count:d} lần thanh toán thành công"))
def _(ui: PageSet, page: Page, submitted: Submitted, count: int) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    expect(detail.payment_state, "tình trạng thanh toán trên trang hồ sơ").to_have_text(PAID)
    expect(
        detail.payment_rows("Thanh toán thành công"), "giao dịch thành công của hồ sơ"
    ).to_have_count(count)
    expect(detail.history_rows(PAID_ACTION), "bước thanh toán trong quá trình xử lý").to_have_count(
        count
    )


@then("hồ sơ vẫn chưa thanh toán")
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    expect(detail.payment_state, "tình trạng thanh toán trên trang hồ sơ").to_have_text(UNPAID)
    expect(detail.history_rows(PAID_ACTION), "không có bước thanh toán nào").to_have_count(0)
    expect(detail.pay_button, "nút thanh toán lệ phí vẫn còn").to_be_visible()


@then("hồ sơ không còn nút thanh toán lệ phí")
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    expect(detail.payment_state, "tình trạng thanh toán trên trang hồ sơ").to_have_text(PAID)
    expect(detail.pay_button, "nút thanh toán lệ phí của hồ sơ đã thanh toán").to_have_count(0)


@then("giấy tiếp nhận ghi hồ sơ được miễn phí và không có nút thanh toán lệ phí")
def _(ui: PageSet, page: Page) -> None:
    receipt = ui.receipt(page).is_current()
    expect(receipt.fee, "phí, lệ phí trên giấy tiếp nhận").to_have_text("Miễn phí")
    expect(receipt.pay_button, "nút thanh toán lệ phí của hồ sơ miễn phí").to_have_count(0)


@then("giấy tiếp nhận ghi lệ phí của thủ tục, chưa thanh toán")
def _(ui: PageSet, page: Page, procedure: ProcedureSpec) -> None:
    receipt = ui.receipt(page).is_current()
    expected = money(procedure.fee_amount)
    expect(receipt.fee, "phí, lệ phí trên giấy tiếp nhận").to_have_text(expected)
    expect(receipt.payment_state, "tình trạng thanh toán trên giấy tiếp nhận").to_have_text(UNPAID)


@then("nền tảng thanh toán không nhận giao dịch nào của hồ sơ")
def _(payment_control: MockControl, submitted: Submitted) -> None:
    made = payment_control.transactions(submitted.code)
    assert made == [], f"cổng đã tạo {len(made)} giao dịch cho hồ sơ miễn phí {submitted.code}"


@then("nền tảng thanh toán ghi nhận giao dịch đủ lệ phí đã thanh toán cho hồ sơ")
def _(payment_control: MockControl, submitted: Submitted) -> None:
    amount = submitted.procedure.fee_amount
    txn = payment_control.paid_transaction(submitted.code)
    assert (txn["SoTien"], txn["MaTTHC"]) == (amount, submitted.procedure.code), (
        f"giao dịch tại nền tảng thanh toán: {txn['SoTien']} đồng, thủ tục {txn['MaTTHC']}"
    )


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


@then(parsers.parse('cổng trả lời mã "{code}" cho {count:d} thông báo kết quả nhận được'))
def _(payment_control: MockControl, submitted: Submitted, code: str, count: int) -> None:
    def answered() -> list[str | None] | None:
        made = payment_control.transactions(submitted.code)
        got = [a for t in made for a in answers_to_callbacks(t)]
        return got if len(got) >= count else None

    got = poll(
        answered, what=f"{count} thông báo kết quả của hồ sơ {submitted.code} được cổng trả lời"
    )
    assert got == [code] * count, (
        f"cổng trả lời các thông báo kết quả: {got} (đúng ra {[code] * count})"
    )


@then(parsers.parse('cổng từ chối thông báo kết quả với mã lỗi "{code}"'))
def _(payment_control: MockControl, submitted: Submitted, code: str) -> None:
    (txn,) = payment_control.transactions(submitted.code)
    got = answers_to_callbacks(txn)
    assert got == [code], (
        f"cổng trả lời thông báo kết quả sai lệch: {got} (đúng ra từ chối với {code})"
    )


@then("cổng đã hỏi lại nền tảng thanh toán về giao dịch")
def _(payment_control: MockControl, submitted: Submitted) -> None:
    (txn,) = payment_control.transactions(submitted.code)
    journal = payment_control.journal(service="query")
    asked = [
        e
        for e in journal["entries"]
        if (e.get("body") or {}).get("MaThamChieu") == txn["MaThamChieu"]
        and e["verdict"] == "accepted"
    ]
    assert asked, f"cổng không tra cứu giao dịch {txn['MaThamChieu']} tại nền tảng thanh toán"


@then("Cổng Dịch vụ công quốc gia nhận được lệ phí đã thanh toán với cùng mã giao dịch")
def _(payment_control: MockControl, national_control: MockControl, submitted: Submitted) -> None:
    amount = submitted.procedure.fee_amount
    number = payment_control.paid_transaction(submitted.code)["MaGiaoDich"]
    expected = {"MucThuPhi": amount, "TrangThaiThanhToan": 1, "MaGiaoDich": number}

    def fees() -> list[dict[str, Any]] | None:
        held = national_control.dossier(submitted.code)
        listed = held["record"].get("DanhSachLePhi", []) if held else []
        return listed if [{k: f.get(k) for k in expected} for f in listed] == [expected] else None

    poll(
        fees,
        what=f"DanhSachLePhi của hồ sơ {submitted.code} trên Cổng DVCQG là {expected}",
        describe_last=lambda: str(
            (national_control.dossier(submitted.code) or {}).get("record", {}).get("DanhSachLePhi")
        ),
    )


@then("Cổng Dịch vụ công quốc gia nhận được hồ sơ không có khoản phí, lệ phí nào")
def _(national_control: MockControl, submitted: Submitted) -> None:
    held = poll(
        lambda: national_control.dossier(submitted.code),
        what=f"Cổng DVCQG nhận hồ sơ {submitted.code}",
    )
    fees = held["record"]["DanhSachLePhi"]
    assert fees == [], f"hồ sơ miễn phí mà Cổng DVCQG nhận được các khoản phí: {fees}"


@then(parsers.parse("Cổng Dịch vụ công quốc gia nhận đúng {count:d} bước xử lý về thanh toán"))
def _(
    national_control: MockControl, preconditions: Preconditions, page: Page,
    national_portal: ScenarioNationalPortal, submitted: Submitted, count: int,
) -> None:  # fmt: skip
    settle(preconditions, national_portal, submitted.code, lambda: page)
    held = national_control.dossier(submitted.code) or {"progress": []}
    steps = [p for p in held["progress"] if p["NoiDungXuLy"].startswith(PAID_ACTION)]
    assert len(steps) == count, f"Cổng DVCQG nhận {len(steps)} bước xử lý về thanh toán: {steps}"
