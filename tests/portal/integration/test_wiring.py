"""The outbox delivering through the national portal adapter: outcomes end to end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.db import Base, make_engine, make_sessionmaker
from portal.integration.national import NationalPortalClient, outbox_sender
from portal.integration.outbox import OutboxMessage, OutboxWorker, enqueue

BASE = "https://dvcqg.test"
pytestmark = pytest.mark.anyio


@pytest.fixture
def maker(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    Base.metadata.create_all(engine, tables=[OutboxMessage.__table__])  # type: ignore[list-item]
    yield make_sessionmaker(engine)
    engine.dispose()


async def test_refusals_are_kept_and_outages_retried(maker: sessionmaker[Session]) -> None:
    with maker() as db:
        for code, status in (("A", 1), ("A", 9), ("B", 2)):
            enqueue(
                db,
                service="DongBoHoSoMC",
                dossier_code=code,
                payload={"MaHoSo": code, "TrangThaiHoSo": status},
            )
        db.commit()

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)["data"]
        if body["MaHoSo"] == "B":
            return httpx.Response(503, json={"error": "down"})
        if body["TrangThaiHoSo"] == 9:
            return httpx.Response(
                200,
                json={
                    "error_code": 2,
                    "message": "Không được chuyển 1 → 9",
                    "errors": ["TrangThaiHoSo: 1 → 9"],
                },
            )
        return httpx.Response(200, json={"error_code": 0, "message": "Thành công"})

    with respx.mock(base_url=BASE, assert_all_called=True) as api:
        api.post("/api/dang-nhap").respond(json={"session": "s1", "expires_in": 1800})
        api.post("/api/dich-vu").mock(side_effect=answer)
        async with httpx.AsyncClient() as http:
            client = NationalPortalClient(BASE, "u", "p", "000.00.00.H99", http)
            worker = OutboxWorker(maker, outbox_sender(client))
            await worker.run_once()

    with maker() as db:
        rows = {
            (m.dossier_code, m.payload["TrangThaiHoSo"]): m
            for m in db.scalars(select(OutboxMessage))
        }
    assert rows[("A", 1)].state == "delivered"
    assert rows[("A", 9)].state == "rejected"
    assert "TrangThaiHoSo: 1 → 9" in (rows[("A", 9)].last_error or "")
    assert rows[("B", 2)].state == "pending" and rows[("B", 2)].attempts == 1
    assert "HTTP 503" in (rows[("B", 2)].last_error or "")
