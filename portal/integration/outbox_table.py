"""The outbox table: what the national portal must hear, stored with the change.

A status change and the message announcing it are written in the same database
transaction (``enqueue`` adds to the caller's session and never commits), so a change
is never announced without having happened nor happens without being announced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import JSON, DateTime, Dialect, Integer, String, Text, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from portal.db import Base

Service = Literal["DongBoHoSoMC", "CapNhatTienDoHoSoMC", "KhoDuLieu"]
SERVICES: tuple[str, ...] = ("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "KhoDuLieu")

log = logging.getLogger(__name__)

PENDING = "pending"
DELIVERED = "delivered"
REJECTED = "rejected"


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; read back aware (SQLite forgets offsets)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("outbox times must be aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class OutboxMessage(Base):
    """One call owed to the national portal (or to the citizen data warehouse).

    ``state``: ``pending`` (to deliver; ``next_attempt_at`` NULL means now), ``delivered``
    (``delivered_at`` set), ``rejected`` (the other side refused it for good; kept with
    ``last_error`` for the officers and the reconciliation report).
    """

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_code: Mapped[str] = mapped_column(String(64), index=True)
    service: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    def __repr__(self) -> str:
        return (
            f"OutboxMessage(id={self.id}, dossier={self.dossier_code!r}, "
            f"service={self.service!r}, state={self.state!r}, attempts={self.attempts})"
        )


def enqueue(
    db: Session,
    *,
    service: str,
    dossier_code: str,
    payload: dict[str, Any],
    now: datetime | None = None,
    on_commit: Callable[[], None] | None = None,
) -> OutboxMessage:
    """Add a message to the caller's session, in the caller's transaction; never commits.

    ``on_commit`` (e.g. ``worker.wake``) is called once, after the caller's transaction
    commits, so the worker wakes when the message is visible (not before, not on rollback).
    """
    if service not in SERVICES:
        raise ValueError(f"unknown outbox service {service!r}; expected one of {SERVICES}")
    if not dossier_code:
        raise ValueError("an outbox message needs a dossier code")
    message = OutboxMessage(
        dossier_code=dossier_code,
        service=service,
        payload=payload,
        created_at=now or utc_now(),
        attempts=0,
        next_attempt_at=None,
        state=PENDING,
    )
    db.add(message)
    if on_commit is not None:
        _call_after_commit(db, on_commit)
    return message


_ON_COMMIT_KEY = "outbox_on_commit"


def _call_after_commit(db: Session, callback: Callable[[], None]) -> None:
    """Run ``callback`` once after the session's transaction commits; drop it on rollback."""
    if _ON_COMMIT_KEY not in db.info:
        db.info[_ON_COMMIT_KEY] = []
        event.listen(db, "after_commit", _run_callbacks)
        event.listen(db, "after_rollback", _drop_callbacks)
    db.info[_ON_COMMIT_KEY].append(callback)


def _run_callbacks(db: Session) -> None:
    callbacks, db.info[_ON_COMMIT_KEY] = db.info[_ON_COMMIT_KEY], []
    for callback in callbacks:
        try:
            callback()
        except Exception:  # waking the worker must never undo a committed change
            log.exception("outbox on_commit callback failed")


def _drop_callbacks(db: Session) -> None:
    db.info[_ON_COMMIT_KEY] = []


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    delivered: int
    rejected: int
    oldest_pending_at: datetime | None
    max_attempts_pending: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "delivered": self.delivered,
            "rejected": self.rejected,
            "oldest_pending_at": self.oldest_pending_at.isoformat()
            if self.oldest_pending_at
            else None,
            "max_attempts_pending": self.max_attempts_pending,
        }


def pending_count(
    maker: sessionmaker[Session],
    dossier_code: str | None = None,
    *,
    exclude_ids: Iterable[int] = (),
) -> int:
    """How many messages still wait for delivery (of one dossier, or of all)."""
    query = select(func.count(OutboxMessage.id)).where(
        OutboxMessage.state == PENDING, OutboxMessage.id.not_in(list(exclude_ids))
    )
    if dossier_code is not None:
        query = query.where(OutboxMessage.dossier_code == dossier_code)
    with maker() as db:
        return int(db.scalar(query) or 0)


def outbox_stats(maker: sessionmaker[Session]) -> OutboxStats:
    with maker() as db:
        counts = dict(
            db.execute(
                select(OutboxMessage.state, func.count(OutboxMessage.id)).group_by(
                    OutboxMessage.state
                )
            ).all()
        )
        oldest, max_attempts = db.execute(
            select(func.min(OutboxMessage.created_at), func.max(OutboxMessage.attempts)).where(
                OutboxMessage.state == PENDING
            )
        ).one()
    if oldest is not None and oldest.tzinfo is None:  # aggregates bypass the type decorator
        oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=UTC)
    return OutboxStats(
        pending=int(counts.get(PENDING, 0)),
        delivered=int(counts.get(DELIVERED, 0)),
        rejected=int(counts.get(REJECTED, 0)),
        oldest_pending_at=oldest,
        max_attempts_pending=int(max_attempts or 0),
    )
