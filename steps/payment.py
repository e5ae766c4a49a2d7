"""Checklist item 3: paying the fee through the payment platform (thanh toán trực tuyến).

A scenario's dossier is a precondition (fixtures/preconditions.py: the target's test API,
or the citizen's form without one) unless the scenario is about submitting it. The platform's
faults are armed with ``match`` on the scenario's own dossier code (MaHoSo), so they cannot
touch another scenario's payments (``arm_payment_fault``, steps/world.py).

Here: paying and a free procedure (thanh_toan, mien_phi). A payment that does not go
through: steps/payment_failures.py; the platform's result notices:
steps/payment_callbacks.py and steps/payment_query.py.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen
from fixtures.control import MockControl
from fixtures.polling import poll
from fixtures.preconditions import Preconditions
from fixtures.procedures import ProcedureSpec
from pages.protocols import PageSet
from steps.world import PAID, PAID_ACTION, UNPAID, Submitted, pay_on_platform


def money(amount: int) -> str:
    """``200000`` → ``200.000 đồng``, as the portal writes amounts."""
    return f"{amount:,} đồng".replace(",", ".")


# --- Cho ---------------------------------------------------------------------------


@given("công dân đã nộp hồ sơ một thủ tục có lệ phí", target_fixture="submitted")
def _(
    preconditions: Preconditions, page: Page, procedure: ProcedureSpec, citizen: Citizen
) -> Submitted:
    """A dossier of the procedure with a fee that the scenario takes (@co_le_phi)."""
    assert procedure.has_fee, f"thủ tục {procedure.code} không có lệ phí ({procedure.source})"
    made = preconditions.dossier(procedure, citizen, 1, lambda: page)
    return Submitted(made.code, procedure)


# --- Khi ---------------------------------------------------------------------------


@when(parsers.parse('công dân thanh toán lệ phí hồ sơ qua "{channel}"'))
def _(ui: PageSet, page: Page, submitted: Submitted, channel: str) -> None:
    ui.dossier_detail(page, submitted.code).open().pay()
    pay_on_platform(ui, page, channel)


@when(parsers.parse('công dân thanh toán lệ phí ngay trên giấy tiếp nhận qua "{channel}"'))
def _(ui: PageSet, page: Page, channel: str) -> None:
    ui.receipt(page).is_current().pay()
    pay_on_platform(ui, page, channel)


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
