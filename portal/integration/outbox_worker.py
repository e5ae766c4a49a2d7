"""The outbox worker: delivers ``OutboxMessage`` rows, in order per dossier, at least once.

Rules (see docs/portal-integration.md):

- the messages of one dossier go strictly in id order; a message that fails with a
  retryable error stays ``pending`` and blocks the later messages of that dossier (not
  other dossiers) until it goes through, with exponential back-off between attempts;
- a failure whose exception has ``retryable = False`` (the national portal refused the
  data for good) marks the message ``rejected`` (kept, with ``last_error``) and the
  dossier's later messages continue: the national portal needs the later states, and
  a refusal is a finding to show, not a reason to stop announcing;
- success is marked ``delivered`` in its own transaction right after the answer; a stop
  lets the message in flight finish and be marked. Only a hard crash between the
  answer and that commit re-sends one message after a restart (at-least-once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from portal import defects
from portal.integration.outbox_table import (
    DELIVERED,
    PENDING,
    REJECTED,
    OutboxMessage,
    OutboxStats,
    outbox_stats,
    pending_count,
    utc_now,
)

log = logging.getLogger(__name__)

Send = Callable[[OutboxMessage], Awaitable[None]]


class OutboxWorker:
    """An asyncio task that delivers the outbox through ``send``.

    ``send(message)`` returns when the other side accepted the message and raises
    otherwise; an exception with ``retryable = False`` means "refused for good", any
    other exception is retried. One worker per database: two workers would both send.
    """

    def __init__(
        self,
        maker: sessionmaker[Session],
        send: Send,
        *,
        base_delay_s: float = 0.2,
        max_delay_s: float = 5.0,
        poll_interval_s: float = 0.1,
        clock: Callable[[], datetime] = utc_now,
        max_concurrency: int = 8,
    ) -> None:
        self._maker = maker
        self._send = send
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.poll_interval_s = poll_interval_s
        self._clock = clock
        self._max_concurrency = max_concurrency
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake_event: asyncio.Event | None = None
        self._pass_event: asyncio.Event | None = None
        self._pass_lock: asyncio.Lock | None = None
        self._stopping = False
        # Delivered, but the "delivered" commit failed: never sent again by this worker.
        self._unmarked: dict[int, datetime] = {}
        self.last_pass_error: str | None = None

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start the delivery task on the running event loop (idempotent)."""
        if self.running:
            return
        self._loop = asyncio.get_running_loop()
        self._wake_event = asyncio.Event()
        self._pass_event = asyncio.Event()
        self._pass_lock = self._pass_lock or asyncio.Lock()
        self._stopping = False
        self._task = self._loop.create_task(self._run(), name="outbox-worker")

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Stop after the message in flight is answered and marked; cancel after timeout_s."""
        task = self._task
        if task is None:
            return
        self._stopping = True
        self.wake()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=timeout_s)
        except TimeoutError:
            log.warning("outbox worker did not stop within %ss; cancelling it", timeout_s)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        finally:
            self._task = None
            self._stopping = False

    def wake(self) -> None:
        """Ask for a delivery pass now; safe from any thread (e.g. a sync route's)."""
        loop, event = self._loop, self._wake_event
        if loop is None or event is None or loop.is_closed():
            return
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        if current is loop:
            event.set()
        else:
            loop.call_soon_threadsafe(event.set)

    async def drain(self, timeout_s: float = 5.0) -> int:
        """Deliver until nothing is pending or timeout_s passes; return how many are left.

        Starts the task for the duration if it is not running. Meant for tests and tools.
        """
        started_here = not self.running
        if started_here:
            self.start()
        assert self._pass_event is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        try:
            self._pass_event.clear()
            self.wake()
            while True:
                with contextlib.suppress(TimeoutError):
                    remaining = max(deadline - loop.time(), 0.0)
                    await asyncio.wait_for(self._pass_event.wait(), timeout=remaining)
                self._pass_event.clear()
                left = self.pending_count()
                if left == 0 or loop.time() >= deadline:
                    return left
        finally:
            if started_here:
                await self.stop()

    async def _run(self) -> None:
        assert self._wake_event is not None and self._pass_event is not None
        while not self._stopping:
            self._wake_event.clear()  # a wake during the pass below triggers another one
            try:
                await self.run_once()
                self.last_pass_error = None
            except Exception as exc:  # the database may be briefly unavailable: try again
                self.last_pass_error = f"{exc.__class__.__name__}: {exc}"
                log.exception("outbox delivery pass failed")
            self._pass_event.set()
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake_event.wait(), timeout=self.poll_interval_s)

    # -- one pass ----------------------------------------------------------------------

    async def run_once(self) -> int:
        """One delivery pass over every dossier with a due message; return messages tried."""
        if self._pass_lock is None:
            self._pass_lock = asyncio.Lock()
        async with self._pass_lock:
            self._retry_unmarked()
            semaphore = asyncio.Semaphore(self._max_concurrency)

            async def one(code: str) -> int:
                async with semaphore:
                    return await self._deliver_dossier(code)

            # Wait for every dossier even if one fails, so no send outlives the pass lock.
            results = await asyncio.gather(
                *(one(code) for code in self._due_dossiers()), return_exceptions=True
            )
            for result in results:
                if isinstance(result, BaseException):
                    raise result
            return sum(r for r in results if isinstance(r, int))

    def _due_dossiers(self) -> list[str]:
        now = self._clock()
        heads = (
            select(func.min(OutboxMessage.id))
            .where(OutboxMessage.state == PENDING, OutboxMessage.id.not_in(self._unmarked))
            .group_by(OutboxMessage.dossier_code)
        )
        query = (
            select(OutboxMessage.dossier_code)
            .where(
                OutboxMessage.id.in_(heads),
                or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
            )
            .order_by(OutboxMessage.id)
        )
        with self._maker() as db:
            return list(db.scalars(query))

    def _due_head(self, dossier_code: str) -> OutboxMessage | None:
        query = (
            select(OutboxMessage)
            .where(
                OutboxMessage.dossier_code == dossier_code,
                OutboxMessage.state == PENDING,
                OutboxMessage.id.not_in(self._unmarked),
            )
            .order_by(
                OutboxMessage.id.desc()  # seeded defect: newest first
                if defects.active("sync_out_of_order")
                else OutboxMessage.id
            )
            .limit(1)
        )
        with self._maker() as db:
            message = db.scalars(query).first()
            if message is None:
                return None
            db.expunge(message)
        due = message.next_attempt_at is None or message.next_attempt_at <= self._clock()
        return message if due else None

    async def _deliver_dossier(self, dossier_code: str) -> int:
        tried = 0
        while not self._stopping:
            message = self._due_head(dossier_code)
            if message is None:
                break
            tried += 1
            try:
                await self._send(message)
            except Exception as exc:
                retryable = bool(getattr(exc, "retryable", True))
                if defects.active("sync_lost_when_national_down"):  # seeded defect: no retry
                    retryable = False
                self._record_failure(message, exc, retryable=retryable)
                if retryable:
                    break  # the dossier waits for this message
                continue  # refused for good: later states still go
            self._mark_delivered(message.id)
        return tried

    # -- bookkeeping -------------------------------------------------------------------

    def backoff_s(self, attempts: int) -> float:
        """Delay after the ``attempts``-th failed attempt: base · 2^(attempts-1), capped."""
        return float(min(self.max_delay_s, self.base_delay_s * 2 ** max(attempts - 1, 0)))

    def _record_failure(self, message: OutboxMessage, exc: Exception, *, retryable: bool) -> None:
        attempts = message.attempts + 1
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
        values: dict[str, object] = {"attempts": attempts, "last_error": error}
        if retryable:
            values["next_attempt_at"] = self._clock() + timedelta(seconds=self.backoff_s(attempts))
            log.warning("outbox message %s failed (attempt %s): %s", message.id, attempts, error)
        else:
            values["state"] = REJECTED
            log.error("outbox message %s rejected: %s", message.id, error)
        with self._maker() as db:
            db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message.id, OutboxMessage.state == PENDING)
                .values(**values)
            )
            db.commit()

    def _mark_delivered(self, message_id: int) -> None:
        at = self._clock()
        try:
            self._write_delivered(message_id, at)
        except SQLAlchemyError:
            log.exception("outbox message %s delivered but not marked; will retry", message_id)
            self._unmarked[message_id] = at

    def _write_delivered(self, message_id: int, at: datetime) -> None:
        with self._maker() as db:
            db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.state == PENDING)
                .values(
                    state=DELIVERED,
                    delivered_at=at,
                    attempts=OutboxMessage.attempts + 1,
                    last_error=None,
                )
            )
            db.commit()

    def _retry_unmarked(self) -> None:
        for message_id, at in list(self._unmarked.items()):
            try:
                self._write_delivered(message_id, at)
            except SQLAlchemyError:
                return
            del self._unmarked[message_id]

    # -- observation -------------------------------------------------------------------

    def pending_count(self, dossier_code: str | None = None) -> int:
        return pending_count(self._maker, dossier_code, exclude_ids=self._unmarked)

    def stats(self) -> OutboxStats:
        return outbox_stats(self._maker)
