"""Checklist item 3: the browser returns before any callback and the portal asks the
payment platform, whose records still say the transaction is pending (fault
``query_pending``, docs/contracts.md §2.6): the portal falls back on the result the
browser brought back, which the platform signed."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, then

from fixtures.control import MockControl
from steps.world import Submitted

PENDING = "CHO_THANH_TOAN"  # TrangThai of a transaction not paid yet (contracts §2.4)


@given(
    "nền tảng thanh toán sẽ trả lời việc tra cứu giao dịch của hồ sơ rằng giao dịch còn chờ "
    "thanh toán"
)
def _(arm_payment_fault: Callable[..., None]) -> None:
    arm_payment_fault("query_pending")


@then("nền tảng thanh toán đã trả lời cổng rằng giao dịch còn chờ thanh toán")
def _(payment_control: MockControl, submitted: Submitted) -> None:
    (txn,) = payment_control.transactions(submitted.code)
    answered = [
        e
        for e in payment_control.journal_entries(service="query")
        if (e.get("body") or {}).get("MaThamChieu") == txn["MaThamChieu"]
        and e["verdict"] == "fault"
        and PENDING in (e.get("reason") or "")
    ]
    assert answered, (
        f"cổng phải hỏi lại nền tảng thanh toán về giao dịch {txn['MaThamChieu']} và được trả "
        f"lời “{PENDING}”, nhưng nhật ký tra cứu không có lần hỏi ấy: kịch bản chưa thử điều nó nêu"
    )
