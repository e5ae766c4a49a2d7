"""The transactional outbox: same-transaction enqueue, order per dossier, retries, restarts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from portal.db import Base, make_engine, make_sessionmaker
from portal.integration.outbox import OutboxMessage, OutboxWorker, enqueue
from tests.portal.integration.helpers import let_others_run

pytestmark = pytest.mark.anyio


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 9, 2, 1, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Unavailable(Exception):
    retryable = True


class Rejected(Exception):
    retryable = False


class Recorder:
    """A ``send`` that records what it delivered and fails as told."""

    def __init__(self) -> None:
        self.sent: list[int] = []
        self.failures: dict[int, list[Exception]] = {}

    async def __call__(self, message: OutboxMessage) -> None:
        await let_others_run()
        queue = self.failures.get(message.id)
        if queue:
            raise queue.pop(0)
        self.sent.append(message.id)


def make_db(path: Path) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine, tables=[OutboxMessage.__table__])  # type: ignore[list-item]
    return engine, make_sessionmaker(engine)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "portal.db"


@pytest.fixture
def maker(db_path: Path) -> Iterator[sessionmaker[Session]]:
    engine, maker = make_db(db_path)
    yield maker
    engine.dispose()


def add(maker: sessionmaker[Session], *items: tuple[str, str]) -> list[int]:
    """Enqueue (dossier, service) pairs in one committed transaction; return their ids."""
    with maker() as db:
        messages = [
            enqueue(db, service=service, dossier_code=code, payload={"MaHoSo": code})
            for code, service in items
        ]
        db.commit()
        return [m.id for m in messages]


def states(maker: sessionmaker[Session]) -> dict[int, str]:
    with maker() as db:
        return {m.id: m.state for m in db.scalars(select(OutboxMessage))}


def test_enqueue_joins_the_callers_transaction(maker: sessionmaker[Session]) -> None:
    woken: list[str] = []
    with maker() as db:
        enqueue(
            db,
            service="DongBoHoSoMC",
            dossier_code="H1",
            payload={"a": 1},
            on_commit=lambda: woken.append("x"),
        )
        db.rollback()
        db.commit()
    assert states(maker) == {} and woken == [], "a rolled-back message wakes nobody"
    with maker() as db:
        message = enqueue(
            db,
            service="DongBoHoSoMC",
            dossier_code="H1",
            payload={"TrangThaiHoSo": 1, "ChuHoSo": "Nguyễn Thị Ánh"},
            on_commit=lambda: woken.append("x"),
        )
        assert woken == []
        db.commit()
        assert woken == ["x"]
        db.commit()  # the callback is one-shot
        assert woken == ["x"]
    with maker() as db:
        stored = db.get(OutboxMessage, message.id)
        assert stored is not None
        assert stored.state == "pending" and stored.attempts == 0
        assert stored.payload == {"TrangThaiHoSo": 1, "ChuHoSo": "Nguyễn Thị Ánh"}
        assert stored.created_at.tzinfo is not None


def test_enqueue_refuses_an_unknown_service(maker: sessionmaker[Session]) -> None:
    with maker() as db, pytest.raises(ValueError, match="unknown outbox service"):
        enqueue(db, service="TraCuuHoSo", dossier_code="H1", payload={})


async def test_messages_of_a_dossier_go_in_id_order(maker: sessionmaker[Session]) -> None:
    ids = add(
        maker,
        ("A", "DongBoHoSoMC"),
        ("B", "DongBoHoSoMC"),
        ("A", "CapNhatTienDoHoSoMC"),
        ("B", "CapNhatTienDoHoSoMC"),
        ("A", "DongBoHoSoMC"),
        ("A", "KhoDuLieu"),
    )
    send = Recorder()
    assert await OutboxWorker(maker, send).drain(timeout_s=5) == 0
    assert sorted(send.sent) == ids, "every message delivered exactly once"
    a_ids = [ids[0], ids[2], ids[4], ids[5]]
    assert [i for i in send.sent if i in a_ids] == a_ids
    assert set(states(maker).values()) == {"delivered"}
    with maker() as db:
        assert all(
            m.delivered_at is not None and m.attempts == 1
            for m in db.scalars(select(OutboxMessage))
        )


async def test_a_failing_message_blocks_its_dossier_only(maker: sessionmaker[Session]) -> None:
    a1, b1, a2, b2 = add(
        maker,
        ("A", "DongBoHoSoMC"),
        ("B", "DongBoHoSoMC"),
        ("A", "DongBoHoSoMC"),
        ("B", "KhoDuLieu"),
    )
    send = Recorder()
    send.failures[a1] = [Unavailable("Cổng DVCQG: 503")]
    worker = OutboxWorker(maker, send, clock=FakeClock())
    assert await worker.run_once() == 3
    assert send.sent == [b1, b2]
    assert states(maker) == {a1: "pending", b1: "delivered", a2: "pending", b2: "delivered"}
    with maker() as db:
        failed = db.get(OutboxMessage, a1)
        assert failed is not None and failed.attempts == 1
        assert failed.last_error == "Unavailable: Cổng DVCQG: 503"


async def test_retries_back_off_exponentially(maker: sessionmaker[Session]) -> None:
    a1, a2 = add(maker, ("A", "DongBoHoSoMC"), ("A", "CapNhatTienDoHoSoMC"))
    clock, send = FakeClock(), Recorder()
    send.failures[a1] = [Unavailable("1"), Unavailable("2")]
    worker = OutboxWorker(maker, send, base_delay_s=0.2, max_delay_s=5, clock=clock)
    t0 = clock.now

    assert await worker.run_once() == 1
    with maker() as db:
        first = db.get(OutboxMessage, a1)
        assert first is not None and first.next_attempt_at == t0 + timedelta(seconds=0.2)
    clock.advance(0.19)
    assert await worker.run_once() == 0, "not due before the back-off delay"
    clock.advance(0.01)
    assert await worker.run_once() == 1
    with maker() as db:
        second = db.get(OutboxMessage, a1)
        assert second is not None and second.attempts == 2
        assert second.next_attempt_at == clock.now + timedelta(seconds=0.4)
    clock.advance(0.39)
    assert await worker.run_once() == 0
    clock.advance(0.01)
    assert await worker.run_once() == 2
    assert send.sent == [a1, a2]
    assert [worker.backoff_s(n) for n in range(1, 8)] == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0]


async def test_a_rejection_is_kept_and_later_states_still_go(maker: sessionmaker[Session]) -> None:
    a1, a2, a3 = add(maker, ("A", "DongBoHoSoMC"), ("A", "DongBoHoSoMC"), ("A", "DongBoHoSoMC"))
    send = Recorder()
    send.failures[a2] = [Rejected("error_code 2: chuyển trạng thái không hợp lệ")]
    worker = OutboxWorker(maker, send, clock=FakeClock())
    assert await worker.run_once() == 3, "one pass: the rejection does not stop the dossier"
    assert send.sent == [a1, a3]
    assert states(maker) == {a1: "delivered", a2: "rejected", a3: "delivered"}
    with maker() as db:
        rejected = db.get(OutboxMessage, a2)
        assert rejected is not None and "chuyển trạng thái" in (rejected.last_error or "")
    stats = worker.stats()
    assert (stats.pending, stats.delivered, stats.rejected) == (0, 2, 1)


async def test_a_new_worker_delivers_what_a_stopped_one_left(db_path: Path) -> None:
    engine, maker = make_db(db_path)
    ids = add(maker, ("A", "DongBoHoSoMC"), ("A", "DongBoHoSoMC"), ("B", "DongBoHoSoMC"))
    down = Recorder()
    down.failures = {i: [Unavailable("down")] for i in ids}
    first = OutboxWorker(maker, down, base_delay_s=0.001, max_delay_s=0.001)
    assert await first.run_once() == 2  # the heads of A and B
    stats = first.stats()
    assert stats.pending == 3 and stats.max_attempts_pending == 1
    assert stats.oldest_pending_at is not None and stats.oldest_pending_at.tzinfo is not None
    engine.dispose()  # "restart": a new engine and worker on the same file

    engine, maker = make_db(db_path)
    up = Recorder()
    second = OutboxWorker(maker, up, base_delay_s=0.001, max_delay_s=0.001)
    assert await second.drain(timeout_s=5) == 0
    assert sorted(up.sent) == ids and len(up.sent) == 3
    third = Recorder()
    assert await OutboxWorker(maker, third).drain(timeout_s=1) == 0
    assert third.sent == [], "nothing delivered twice"
    engine.dispose()


async def test_concurrent_passes_never_send_a_message_twice(maker: sessionmaker[Session]) -> None:
    ids = add(maker, *[(f"H{i % 3}", "DongBoHoSoMC") for i in range(9)])
    send = Recorder()
    worker = OutboxWorker(maker, send, poll_interval_s=0.001)
    worker.start()
    await asyncio.gather(worker.run_once(), worker.run_once(), worker.drain(timeout_s=5))
    await worker.stop()
    assert sorted(send.sent) == ids


async def test_stop_lets_the_message_in_flight_finish_and_be_marked(
    maker: sessionmaker[Session],
) -> None:
    (a1,) = add(maker, ("A", "DongBoHoSoMC"))
    entered, release = asyncio.Event(), asyncio.Event()
    sent: list[int] = []

    async def slow_send(message: OutboxMessage) -> None:
        entered.set()
        await release.wait()
        sent.append(message.id)

    async def release_once_stop_began() -> None:
        assert worker._stopping, "stop() has begun while the message is in flight"
        release.set()

    worker = OutboxWorker(maker, slow_send)
    worker.start()
    await asyncio.wait_for(entered.wait(), timeout=5)
    await asyncio.gather(worker.stop(timeout_s=5), release_once_stop_began())
    assert sent == [a1] and states(maker) == {a1: "delivered"}


async def test_a_failed_mark_is_retried_without_sending_again(
    maker: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    a1, a2 = add(maker, ("A", "DongBoHoSoMC"), ("A", "DongBoHoSoMC"))
    send = Recorder()
    worker = OutboxWorker(maker, send, clock=FakeClock())
    real_write = worker._write_delivered
    calls = {"n": 0}

    def flaky_write(message_id: int, at: datetime) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        real_write(message_id, at)

    monkeypatch.setattr(worker, "_write_delivered", flaky_write)
    await worker.run_once()
    assert send.sent == [a1, a2]
    assert states(maker) == {a1: "pending", a2: "delivered"}
    assert worker.pending_count() == 0, "the unmarked message counts as delivered"
    await worker.run_once()
    assert send.sent == [a1, a2], "the delivered message is not sent again"
    assert states(maker) == {a1: "delivered", a2: "delivered"}


async def test_wake_from_another_thread_delivers_without_waiting_for_the_poll(
    maker: sessionmaker[Session],
) -> None:
    delivered = asyncio.Event()

    async def send(message: OutboxMessage) -> None:
        delivered.set()

    worker = OutboxWorker(maker, send, poll_interval_s=60)
    worker.start()
    assert await worker.drain(timeout_s=5) == 0  # its first pass is done: it now waits 60 s

    def route_in_threadpool() -> None:
        with maker() as db:
            enqueue(db, service="DongBoHoSoMC", dossier_code="A", payload={}, on_commit=worker.wake)
            db.commit()

    await asyncio.to_thread(route_in_threadpool)
    try:
        await asyncio.wait_for(delivered.wait(), timeout=5)
    finally:
        await worker.stop()
    assert worker.pending_count() == 0


async def test_a_failing_pass_still_waits_for_every_dossier(
    maker: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    a1, b1 = add(maker, ("A", "DongBoHoSoMC"), ("B", "DongBoHoSoMC"))

    async def send(message: OutboxMessage) -> None:
        if message.id == a1:
            raise Unavailable("down")
        for _ in range(5):  # B's call takes a few turns of the loop
            await let_others_run()

    worker = OutboxWorker(maker, send, clock=FakeClock())

    def broken_db(*args: object, **kwargs: object) -> None:
        raise OperationalError("UPDATE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(worker, "_record_failure", broken_db)
    with pytest.raises(OperationalError):
        await worker.run_once()
    assert states(maker)[b1] == "delivered", "no send outlives the pass that started it"
