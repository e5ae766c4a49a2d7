"""Payments left unsettled by a crash: asked about again when the portal starts.

A payer may pay while the portal is down (killed, restarting): the platform's callback
then finds nobody, and the browser's return fails too. The platform still holds the
result, so at start-up the portal queries every attempt that is still waiting for one
(``pending``, or ``timeout`` when the create call went unanswered) and records what the
platform says, through the same idempotent ``record_result`` as a callback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.integration.payment import PaymentClient, PaymentError
from portal.models import Payment
from portal.procedures import Procedure
from portal.services import payments
from portal.services.workflow import SyncContext

log = logging.getLogger(__name__)
UNSETTLED = ("pending", "timeout")
MAX_ATTEMPTS = 500


async def recover_unsettled_payments(
    maker: sessionmaker[Session],
    client: PaymentClient,
    *,
    procedures: dict[str, Procedure],
    now: Callable[[], datetime],
    ctx: SyncContext,
) -> int:
    """Query the platform for each unsettled attempt; return how many were settled."""
    with maker() as db:
        query = select(Payment.reference).where(Payment.state.in_(UNSETTLED))
        references = list(db.scalars(query.order_by(Payment.id).limit(MAX_ATTEMPTS)))
    settled = 0
    for reference in references:
        try:
            status = await client.query(reference)
        except PaymentError as exc:
            log.warning("payment %s still unsettled after start-up: %s", reference, exc)
            continue
        with maker.begin() as db:
            recorded = payments.record_result(
                db, result=status, source="query", now=now(), procedures=procedures, ctx=ctx
            )
            settled += recorded.payment is not None and recorded.payment.state not in UNSETTLED
    if references:
        log.info("start-up payment recovery: %d of %d attempts settled", settled, len(references))
    return settled


def start_payment_recovery(
    maker: sessionmaker[Session],
    client: PaymentClient,
    *,
    procedures: dict[str, Procedure],
    now: Callable[[], datetime],
    ctx: SyncContext,
) -> asyncio.Task[int]:
    """Run the recovery in the background: start-up does not wait for the platform."""
    work = recover_unsettled_payments(maker, client, procedures=procedures, now=now, ctx=ctx)
    return asyncio.get_running_loop().create_task(work, name="payment-recovery")


async def stop_payment_recovery(task: asyncio.Task[int]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
