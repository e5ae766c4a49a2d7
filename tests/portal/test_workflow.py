"""The status machine and its outbox wiring: each status change enqueues, in the same
transaction, exactly the record (DongBoHoSoMC) and the progress (CapNhatTienDoHoSoMC)."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.db import Base, make_engine, make_sessionmaker
from portal.integration.outbox import OutboxMessage
from portal.integration.timefmt import VN_TZ
from portal.models import Dossier, HistoryEntry
from portal.procedures import Procedure, load_procedures
from portal.services import dossiers, processing, workflow
from portal.services.processing import Change, SignedResult
from portal.services.workflow import SYSTEM, SyncContext, TransitionRefused
from portal.settings import ROOT
from tests.portal.conftest import identity

# docs/contracts.md 3.2, copied by hand: the specification the code must follow.
CONTRACT = {
    1: {2, 3, 7},
    2: {4, 5, 6, 7, 8},
    3: set(),
    4: {5, 6, 7, 8, 9},
    5: {4, 7, 8},
    6: {4, 7, 8},
    7: set(),
    8: set(),
    9: {10},
    10: set(),
}
NOW = datetime(2025, 10, 13, 9, 0, tzinfo=VN_TZ)
CTX = SyncContext(public_url="http://portal.test")
PROCEDURES = load_procedures(ROOT / "procedures")
KHAI_SINH: Procedure = PROCEDURES["1.001193"]


@pytest.fixture
def maker(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'wf.db'}")
    Base.metadata.create_all(engine)
    return make_sessionmaker(engine)


def submitted(maker: sessionmaker[Session], status: int = 1) -> int:
    with maker.begin() as db:
        dossier = dossiers.new_draft(procedure=KHAI_SINH, identity=identity(), now=NOW)
        db.add(dossier)
        dossiers.submit(
            db,
            dossier=dossier,
            procedure=KHAI_SINH,
            identity=identity(),
            prefix="H99.01",
            now=NOW,
            ctx=CTX,
        )
        dossier.status = status  # put it where the test needs it
        return dossier.id


def outbox(db: Session, code: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if code:
        query = query.where(OutboxMessage.dossier_code == code)
    return list(db.scalars(query))


def test_the_transitions_are_those_of_the_contract() -> None:
    for source in range(1, 11):
        for target in range(1, 11):
            assert workflow.can_transition(source, target) == (target in CONTRACT[source]), (
                f"{source} → {target}"
            )


def test_submission_enqueues_the_record_and_the_progress_with_status_1(
    maker: sessionmaker[Session],
) -> None:
    dossier_id = submitted(maker)
    with maker() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None and dossier.code is not None
        assert re.fullmatch(r"H99\.01-251013-0001", dossier.code)
        messages = outbox(db)
    assert [m.service for m in messages] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
    record, progress = messages[0].payload, messages[1].payload
    assert record["TrangThaiHoSo"] == 1 and progress["TrangThai"] == 1
    assert record["MaHoSo"] == dossier.code and record["SoDinhDanh"] == "001090012345"
    assert record["NgayTiepNhan"] == "20251013090000"
    assert record["NgayHenTra"] == "20251014090000"  # one working day later
    assert record["MaTTHC"] == "1.001193" and record["DanhSachLePhi"] == []


def test_codes_count_up_per_day(maker: sessionmaker[Session]) -> None:
    first, second = submitted(maker), submitted(maker)
    with maker() as db:
        codes = [db.get(Dossier, i).code for i in (first, second)]  # type: ignore[union-attr]
    assert codes == ["H99.01-251013-0001", "H99.01-251013-0002"]


@pytest.mark.parametrize(
    ("source", "target"), [(s, t) for s, targets in CONTRACT.items() for t in sorted(targets)]
)
def test_every_allowed_change_enqueues_exactly_record_and_progress(
    maker: sessionmaker[Session], source: int, target: int
) -> None:
    dossier_id = submitted(maker, status=source)
    with maker.begin() as db:
        before = len(outbox(db))
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        workflow.change_status(
            db,
            dossier=dossier,
            procedure=KHAI_SINH,
            target=target,
            actor=SYSTEM,
            now=NOW,
            action="thử",
            ctx=CTX,
        )
    with maker() as db:
        added = outbox(db)[before:]
        history = list(db.scalars(select(HistoryEntry).order_by(HistoryEntry.id)))
    assert [m.service for m in added] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
    assert added[0].payload["TrangThaiHoSo"] == target and added[1].payload["TrangThai"] == target
    assert (history[-1].status_from, history[-1].status_to) == (source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s in range(1, 11) for t in range(1, 11) if t not in CONTRACT[s]][::3],
)
def test_a_refused_change_changes_and_enqueues_nothing(
    maker: sessionmaker[Session], source: int, target: int
) -> None:
    dossier_id = submitted(maker, status=source)
    with maker() as db:
        before = len(outbox(db))
    with pytest.raises(TransitionRefused, match="Không thể chuyển hồ sơ"), maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        workflow.change_status(
            db,
            dossier=dossier,
            procedure=KHAI_SINH,
            target=target,
            actor=SYSTEM,
            now=NOW,
            action="thử",
            ctx=CTX,
        )
    with maker() as db:
        assert len(outbox(db)) == before
        assert db.get(Dossier, dossier_id).status == source  # type: ignore[union-attr]


def test_a_rolled_back_change_enqueues_nothing(maker: sessionmaker[Session]) -> None:
    dossier_id = submitted(maker)
    with maker() as db:
        before = len(outbox(db))
    with pytest.raises(RuntimeError), maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        workflow.change_status(
            db,
            dossier=dossier,
            procedure=KHAI_SINH,
            target=2,
            actor=SYSTEM,
            now=NOW,
            action="Tiếp nhận",
            ctx=CTX,
        )
        db.flush()
        raise RuntimeError("the request fails after the change")
    with maker() as db:
        assert len(outbox(db)) == before
        assert db.get(Dossier, dossier_id).status == 1  # type: ignore[union-attr]


def test_the_worker_is_woken_only_after_commit(maker: sessionmaker[Session]) -> None:
    woken: list[str] = []
    ctx = SyncContext(public_url="http://portal.test", on_commit=lambda: woken.append("x"))
    dossier_id = submitted(maker)
    with pytest.raises(RuntimeError), maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        processing.receive(Change(db, dossier, KHAI_SINH, SYSTEM, NOW, ctx))
        raise RuntimeError("rolled back")
    assert woken == []
    with maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        processing.receive(Change(db, dossier, KHAI_SINH, SYSTEM, NOW, ctx))
    assert woken, "the worker is woken once the change is committed"


def test_a_step_without_status_change_sends_progress_only(maker: sessionmaker[Session]) -> None:
    linked = PROCEDURES["1.012877"]
    with maker.begin() as db:
        dossier = dossiers.new_draft(procedure=linked, identity=identity(), now=NOW)
        db.add(dossier)
        dossiers.submit(
            db,
            dossier=dossier,
            procedure=linked,
            identity=identity(),
            prefix="H99.01",
            now=NOW,
            ctx=CTX,
        )
        processing.receive(Change(db, dossier, linked, SYSTEM, NOW, CTX))
        processing.appraise(Change(db, dossier, linked, SYSTEM, NOW, CTX), note="")  # 2 → 4
        before = len(outbox(db))
        processing.appraise(Change(db, dossier, linked, SYSTEM, NOW, CTX), note="Đủ điều kiện")
        added = outbox(db)[before:]
        assert dossier.status == 4 and dossier.step_index == 3
    assert [m.service for m in added] == ["CapNhatTienDoHoSoMC"]
    assert added[0].payload["TrangThai"] == 4


def test_returning_the_result_sends_status_10_with_the_result_and_the_warehouse_copy(
    maker: sessionmaker[Session],
) -> None:
    pdf = b"%PDF-1.7 signed"
    digest = hashlib.sha256(pdf).hexdigest()
    result = SignedResult(
        number="KQ-1", pdf=pdf, sha256=digest, signer="Lê Minh Quân", signed_at=NOW
    )
    dossier_id = submitted(maker, status=4)
    with maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        dossier.step_index = 2  # at the approver's step
        processing.approve(Change(db, dossier, KHAI_SINH, SYSTEM, NOW, CTX), result=result)
        before = len(outbox(db))
        processing.return_result(Change(db, dossier, KHAI_SINH, SYSTEM, NOW, CTX), agency="UBND")
        added = outbox(db)[before:]
    assert [m.service for m in added] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC", "KhoDuLieu"]
    record, warehouse = added[0].payload, added[2].payload
    assert record["TrangThaiHoSo"] == 10 and record["NgayTra"] == "20251013090000"
    assert record["DanhSachGiayToKetQua"][0]["MaBam"] == digest
    assert warehouse["MaBam"] == digest and warehouse["SoDinhDanh"] == "001090012345"
    assert base64.b64decode(warehouse["TepTin"]) == pdf
