"""What the citizen's and the officer's dossier pages show, computed once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from portal.models import Dossier
from portal.procedures import Procedure
from portal.services import calendar, workflow

PAYMENT_STATES = {
    "pending": "Đang chờ thanh toán",
    "paid": "Thanh toán thành công",
    "declined": "Ngân hàng từ chối",
    "cancelled": "Đã hủy giao dịch",
    "timeout": "Quá thời gian chờ",
    "failed": "Không tạo được giao dịch",
}


def diagram_position(dossier: Dossier) -> tuple[int | None, bool]:
    """(index of the current step or None, whether every step is done)."""
    if dossier.status == workflow.RETURNED:
        return None, True
    if dossier.status in workflow.ACTIVE:
        return dossier.step_index, False
    return None, False


def dossier_view(dossier: Dossier, procedure: Procedure, now: datetime) -> dict[str, Any]:
    current, finished = diagram_position(dossier)
    budget = None
    if dossier.received_at and dossier.due_at and dossier.status in workflow.ACTIVE:
        budget = calendar.time_budget(received_at=dossier.received_at, due=dossier.due_at, now=now)
    elif dossier.received_at and dossier.due_at:
        end = dossier.returned_at or dossier.updated_at
        budget = calendar.time_budget(received_at=dossier.received_at, due=dossier.due_at, now=end)
    current_step = procedure.steps[current] if current is not None else None
    return {
        "d": dossier,
        "p": procedure,
        "current": current,
        "finished": finished,
        "current_step": current_step,
        "budget": budget,
        "active": dossier.status in workflow.ACTIVE,
        "payment_states": PAYMENT_STATES,
        "requested": [procedure.attachment(c) for c in dossier.supplement_codes or []],
    }
