"""The server-to-server callback: POST the signed result as JSON to the portal's UrlThongBao.

Each callback the mock sends is journaled as an ``outbound`` entry (service ``callback``)
with the portal's answer in ``extra.portal_answer``, and kept in the transaction. For an
outbound entry the verdict says how the portal took it: ``accepted`` (it answered
``{"MaLoi": "00"}``), ``rejected`` (any other answer, or none), ``fault`` (a callback that
an armed fault changed: delayed, duplicated, falsified; the reason names the faults and
the portal's answer).
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field
from typing import Any

import httpx

from mocks.common.app import MockState
from mocks.common.vn_time import now_vn, stamp
from mocks.payment.checksum import RESULT_FIELDS, signed
from mocks.payment.settings import PaymentSettings
from mocks.payment.store import Transaction


@dataclass
class CallbackPlan:
    """What the armed faults made of this transaction's callback."""

    send: bool = True
    delay_s: float = 0.0
    copies: int = 1
    bad_checksum: bool = False
    amount: int | None = None  # another amount than the transaction's
    faults: list[str] = field(default_factory=list)


def answer_summary(answer: dict[str, Any]) -> str:
    if "error" in answer:
        return f"the portal did not answer ({answer['error']})"
    body = answer.get("body")
    code = body.get("MaLoi") if isinstance(body, dict) else None
    return f"the portal answered HTTP {answer.get('status')} MaLoi {code!r}"


class CallbackSender:
    def __init__(self, state: MockState, settings: PaymentSettings) -> None:
        self.state = state
        self.settings = settings
        self._pending: set[asyncio.Task[None]] = set()
        self._tls = ssl.create_default_context()  # once: httpx builds one per client else

    def payload(self, txn: Transaction, plan: CallbackPlan) -> dict[str, Any]:
        values = txn.result()
        if plan.amount is not None:
            values["SoTien"] = plan.amount
        body = signed(self.settings.secret, RESULT_FIELDS, values)
        if plan.bad_checksum:
            # A valid-looking digest that is not the right one.
            body["MaXacThuc"] = signed("khoa-sai", RESULT_FIELDS, values)["MaXacThuc"]
        return body

    async def deliver(self, txn: Transaction, plan: CallbackPlan) -> None:
        """Send the callback (``plan.copies`` times), now."""
        for copy in range(1, plan.copies + 1):
            await self._send_one(txn, plan, copy=copy)

    def deliver_later(self, txn: Transaction, plan: CallbackPlan) -> None:
        """Send the callback after ``plan.delay_s`` in the background (callback_delayed)."""

        async def later() -> None:
            await asyncio.sleep(plan.delay_s)  # the fault itself: the callback comes late
            await self.deliver(txn, plan)

        task = asyncio.create_task(later())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def cancel_pending(self) -> None:
        """On reset: a delayed callback of an earlier test must not reach the next one."""
        for task in list(self._pending):
            task.cancel()
        self._pending.clear()

    async def _send_one(self, txn: Transaction, plan: CallbackPlan, *, copy: int) -> None:
        body = self.payload(txn, plan)
        entry = self.state.journal.open(
            method="POST", path=txn.UrlThongBao, query={}, body=body, direction="outbound"
        )
        entry.service = "callback"
        answer: dict[str, Any]
        try:
            async with httpx.AsyncClient(
                timeout=self.settings.callback_timeout_s, verify=self._tls
            ) as http:
                response = await http.post(txn.UrlThongBao, json=body)
            try:
                parsed: Any = response.json()
            except ValueError:
                parsed = response.text[:2000]
            answer = {"status": response.status_code, "body": parsed}
            entry.status = response.status_code
        except httpx.HTTPError as exc:
            answer = {"error": f"{exc.__class__.__name__}: {exc}"}
        accepted = answer.get("status") == 200 and (
            isinstance(answer.get("body"), dict) and answer["body"].get("MaLoi") == "00"
        )
        if plan.faults:
            entry.verdict = "fault"
            entry.reason = f"fault: {', '.join(plan.faults)}; {answer_summary(answer)}"
        elif not accepted:
            entry.verdict = "rejected"
            entry.reason = answer_summary(answer)
        entry.extra.update(
            MaGiaoDich=txn.MaGiaoDich,
            MaHoSo=txn.MaHoSo,
            MaThamChieu=txn.MaThamChieu,
            copy=copy,
            faults=plan.faults,
            portal_answer=answer,
        )
        txn.callbacks.append(
            {
                "time": stamp(now_vn()),
                "copy": copy,
                "faults": plan.faults,
                "body": body,
                "portal_answer": answer,
            }
        )
