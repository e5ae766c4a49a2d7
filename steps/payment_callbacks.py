"""Checklist item 3: the payment platform's result notices (thong_bao_ket_qua) — sent twice,
with a wrong signature or another amount, late or never: the portal records one payment
only, and only one the platform signed, asking the platform when no notice came. What the
portal answered to each notice is read from the payment platform mock's records."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import MockControl
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.polling import poll
from fixtures.preconditions import Preconditions
from pages.protocols import PageSet
from steps.world import PAID_ACTION, UNPAID, ArmPaymentFault, Submitted, settle


def answers_to_callbacks(txn: dict[str, Any]) -> list[str | None]:
    """The MaLoi the portal answered to each callback of a transaction."""
    return [(c["portal_answer"].get("body") or {}).get("MaLoi") for c in txn["callbacks"]]


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


@when(
    parsers.parse(
        'công dân thanh toán lệ phí hồ sơ qua "{channel}" nhưng đóng trình duyệt trước khi về lại cổng'
    )
)
def _(ui: PageSet, page: Page, submitted: Submitted, channel: str) -> None:
    ui.dossier_detail(page, submitted.code).open().pay().pay_and_leave(channel)


@then("hồ sơ vẫn chưa thanh toán")
def _(ui: PageSet, page: Page, submitted: Submitted) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    expect(detail.payment_state, "tình trạng thanh toán trên trang hồ sơ").to_have_text(UNPAID)
    expect(detail.history_rows(PAID_ACTION), "không có bước thanh toán nào").to_have_count(0)
    expect(detail.pay_button, "nút thanh toán lệ phí vẫn còn").to_be_visible()


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


@then(parsers.parse("Cổng Dịch vụ công quốc gia nhận đúng {count:d} bước xử lý về thanh toán"))
def _(
    national_control: MockControl, preconditions: Preconditions, page: Page,
    national_portal: ScenarioNationalPortal, submitted: Submitted, count: int,
) -> None:  # fmt: skip
    settle(preconditions, national_portal, submitted.code, lambda: page)
    held = national_control.dossier(submitted.code) or {"progress": []}
    steps = [p for p in held["progress"] if p["NoiDungXuLy"].startswith(PAID_ACTION)]
    assert len(steps) == count, f"Cổng DVCQG nhận {len(steps)} bước xử lý về thanh toán: {steps}"
