"""The fee of a dossier through the payment platform (docs/contracts.md §2).

The dossier is saved before any payment; each attempt is a ``Payment`` with its own
``MaThamChieu``. The result arrives by the server callback and by the browser return;
both are verified (checksum, reference, amount) and recorded once: the first that says
"paid" marks the dossier paid, any later copy changes nothing. A browser return for an
attempt the callback has not settled makes the portal ask the platform (query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import defects
from portal.integration.payment import PaymentResult, PaymentStatus, new_reference
from portal.models import Dossier, Payment
from portal.procedures import Procedure
from portal.services import workflow
from portal.services.workflow import SYSTEM, SyncContext

PAYABLE = frozenset(
    {workflow.NEW, workflow.RECEIVED, workflow.PROCESSING, workflow.SUPPLEMENT, workflow.OBLIGATION}
)
STATE_OF_CODE = {"00": "paid", "07": "declined", "24": "cancelled", "99": "timeout"}
STATE_OF_QUERY = {
    "DA_THANH_TOAN": "paid",
    "THAT_BAI": "declined",
    "DA_HUY": "cancelled",
    "CHO_THANH_TOAN": "pending",
}
FINAL_STATES = frozenset({"paid", "declined", "cancelled"})


class NotPayable(ValueError):
    """``str(exc)`` says why this dossier cannot be paid now."""


def payable_problem(dossier: Dossier) -> str | None:
    if dossier.fee_amount <= 0:
        return "Hồ sơ này không phải nộp phí, lệ phí."
    if dossier.fee_paid:
        return "Hồ sơ đã được thanh toán phí, lệ phí."
    if dossier.status not in PAYABLE:
        return f"Không thể thanh toán hồ sơ ở trạng thái “{workflow.status_name(dossier.status)}”."
    return None


def new_attempt(db: Session, *, dossier: Dossier, now: datetime) -> Payment:
    problem = payable_problem(dossier)
    if problem:
        raise NotPayable(problem)
    assert dossier.code is not None
    payment = Payment(
        reference=new_reference(dossier.code),
        amount=dossier.fee_amount,
        state="pending",
        created_at=now,
        updated_at=now,
    )
    dossier.payments.append(payment)
    return payment


def by_reference(db: Session, reference: str) -> Payment | None:
    return db.scalars(select(Payment).where(Payment.reference == reference)).first()


@dataclass(frozen=True)
class Recorded:
    """What recording a result did. ``answer``: the MaLoi to give a callback."""

    answer: str  # "00" recorded (or already), "02" unknown reference or other amount
    payment: Payment | None = None
    newly_paid: bool = False


def record_result(
    db: Session,
    *,
    result: PaymentResult,
    source: str,
    now: datetime,
    procedures: dict[str, Procedure],
    ctx: SyncContext,
) -> Recorded:
    """Record a verified result (callback, browser return or query); idempotent."""
    payment = by_reference(db, result.reference)
    if payment is None:
        return Recorded(answer="02", payment=payment)
    if payment.amount != result.amount and not defects.active("payment_amount_unchecked"):
        return Recorded(answer="02", payment=payment)
    state = (
        STATE_OF_QUERY.get(result.state, "pending")
        if isinstance(result, PaymentStatus)
        else STATE_OF_CODE.get(result.code, "declined")
    )
    if state == "pending":
        return Recorded(answer="00", payment=payment)
    if state != "paid":
        if payment.state in ("pending", "timeout", "failed"):
            payment.state = state
            payment.error_code = result.code
            payment.transaction_no = result.transaction_id or payment.transaction_no
            payment.confirmed_by = source
            payment.updated_at = now
        if defects.active("dossier_saved_only_after_payment"):  # seeded defect: unpaid, discarded
            payment.dossier.code = None
            payment.dossier.status = workflow.DRAFT
        return Recorded(answer="00", payment=payment)
    # The conditional update takes the write lock first: of two concurrent copies of the
    # result, exactly one finds the attempt unpaid.
    marked = db.execute(
        update(Payment)
        .where(Payment.id == payment.id, Payment.state != "paid")
        .values(
            state="paid",
            error_code=result.code,
            transaction_no=result.transaction_id,
            confirmed_by=source,
            updated_at=now,
        )
    )
    twice = defects.active("payment_duplicate_recorded_twice")  # seeded defect: no idempotency
    if getattr(marked, "rowcount", 0) == 0 and not twice:
        return Recorded(answer="00", payment=payment)
    db.refresh(payment)
    dossier = payment.dossier
    dossier.fee_paid = True
    dossier.fee_transaction = result.transaction_id
    procedure = procedures[dossier.procedure_code]
    money = f"{result.amount:,}".replace(",", ".")
    action = f"Thanh toán phí, lệ phí {money} đồng thành công, mã giao dịch {result.transaction_id}"
    if dossier.status == workflow.OBLIGATION:
        workflow.change_status(
            db,
            dossier=dossier,
            procedure=procedure,
            target=workflow.PROCESSING,
            actor=SYSTEM,
            now=now,
            action=action,
            ctx=ctx,
        )
    elif dossier.status in PAYABLE:
        # The record changed (DanhSachLePhi: paid, MaGiaoDich): the national portal gets it.
        workflow.record_step(
            db,
            dossier=dossier,
            procedure=procedure,
            actor=SYSTEM,
            now=now,
            action=action,
            ctx=ctx,
            record_changed=True,
        )
    return Recorded(answer="00", payment=payment, newly_paid=True)
