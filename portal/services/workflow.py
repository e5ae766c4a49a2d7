"""The status machine of a dossier (TrangThaiHoSo of the national portal).

Allowed transitions are those of docs/contracts.md 3.2; anything else is refused with
``TransitionRefused``. Every status change, in the caller's database transaction:
updates the dossier, writes a history entry (who, role, when, what) and enqueues two
outbox messages — ``DongBoHoSoMC`` (the whole record) and ``CapNhatTienDoHoSoMC`` (the
progress entry) — so that the national portal hears of exactly the changes that
committed. A step that does not change the status (a second appraisal, an apology)
writes history and ``CapNhatTienDoHoSoMC``; the whole record is re-sent with the same
status only when the national portal must know at once (a payment: ``record_changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal import defects
from portal.integration import outbox
from portal.models import DRAFT, Dossier, HistoryEntry
from portal.procedures import Procedure
from portal.services import sync

NEW = 1
RECEIVED = 2
NOT_RECEIVED = 3
PROCESSING = 4
SUPPLEMENT = 5
OBLIGATION = 6
WITHDRAWN = 7
STOPPED = 8
DONE = 9
RETURNED = 10

STATUS_NAMES: dict[int, str] = {
    DRAFT: "Bản nháp",
    NEW: "Mới đăng ký",
    RECEIVED: "Được tiếp nhận",
    NOT_RECEIVED: "Không được tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    STOPPED: "Dừng xử lý",
    DONE: "Đã xử lý xong",
    RETURNED: "Đã trả kết quả",
}
ALLOWED: dict[int, frozenset[int]] = {
    DRAFT: frozenset({NEW}),
    NEW: frozenset({RECEIVED, NOT_RECEIVED, WITHDRAWN}),
    RECEIVED: frozenset({PROCESSING, SUPPLEMENT, OBLIGATION, WITHDRAWN, STOPPED}),
    NOT_RECEIVED: frozenset(),
    PROCESSING: frozenset({SUPPLEMENT, OBLIGATION, WITHDRAWN, STOPPED, DONE}),
    SUPPLEMENT: frozenset({PROCESSING, WITHDRAWN, STOPPED}),
    OBLIGATION: frozenset({PROCESSING, WITHDRAWN, STOPPED}),
    WITHDRAWN: frozenset(),
    STOPPED: frozenset(),
    DONE: frozenset({RETURNED}),
    RETURNED: frozenset(),
}
FINAL = frozenset(code for code, targets in ALLOWED.items() if not targets)
ACTIVE = frozenset({NEW, RECEIVED, PROCESSING, SUPPLEMENT, OBLIGATION, DONE})


class TransitionRefused(ValueError):
    """A status change the status machine does not allow."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a citizen, an officer or the portal itself."""

    name: str
    title: str  # ChucDanh, e.g. "Bộ phận Một cửa", "Công dân"
    unit: str = ""  # PhongBanXuLy
    role: str = "citizen"  # citizen | reception | specialist | approver | system


SYSTEM = Actor(name="Hệ thống", title="Cổng dịch vụ công", role="system")


def status_name(code: int) -> str:
    return STATUS_NAMES.get(code, f"Trạng thái {code}")


def can_transition(source: int, target: int) -> bool:
    return target in ALLOWED.get(source, frozenset())


@dataclass(frozen=True)
class SyncContext:
    """What the outbox messages need beyond the dossier: links, and the worker to wake."""

    public_url: str
    on_commit: Callable[[], None] | None = None


def change_status(
    db: Session,
    *,
    dossier: Dossier,
    procedure: Procedure,
    target: int,
    actor: Actor,
    now: datetime,
    action: str,
    note: str = "",
    ctx: SyncContext,
) -> HistoryEntry:
    """Move the dossier to ``target``, or raise TransitionRefused; never commits."""
    source = dossier.status
    if not can_transition(source, target):
        raise TransitionRefused(
            f"Không thể chuyển hồ sơ từ trạng thái “{status_name(source)}” "
            f"sang “{status_name(target)}”."
        )
    if dossier.code is None:
        raise TransitionRefused("Hồ sơ chưa có mã hồ sơ.")
    dossier.status = target
    dossier.updated_at = now
    entry = _history(dossier, actor=actor, now=now, action=action, note=note, source=source)
    db.add(entry)
    # The seeded defect status_change_not_synced sends the record at submission only.
    record = source == DRAFT or not defects.active("status_change_not_synced")
    _announce(db, dossier=dossier, procedure=procedure, entry=entry, ctx=ctx, record=record)
    return entry


def record_step(
    db: Session,
    *,
    dossier: Dossier,
    procedure: Procedure,
    actor: Actor,
    now: datetime,
    action: str,
    note: str = "",
    ctx: SyncContext,
    record_changed: bool = False,
) -> HistoryEntry:
    """A processing step that keeps the status: history + progress entry, and the whole
    record again (same status, an update) only when ``record_changed``."""
    if dossier.code is None or dossier.status in FINAL or dossier.status == DRAFT:
        raise TransitionRefused(f"Hồ sơ ở trạng thái “{status_name(dossier.status)}”.")
    dossier.updated_at = now
    entry = _history(dossier, actor=actor, now=now, action=action, note=note, source=dossier.status)
    db.add(entry)
    _announce(db, dossier=dossier, procedure=procedure, entry=entry, ctx=ctx, record=record_changed)
    return entry


def _history(
    dossier: Dossier, *, actor: Actor, now: datetime, action: str, note: str, source: int
) -> HistoryEntry:
    return HistoryEntry(
        dossier=dossier,
        at=now,
        actor_name=actor.name,
        actor_role=actor.title,
        actor_unit=actor.unit,
        action=action,
        status_from=source,
        status_to=dossier.status,
        note=note,
    )


def _announce(
    db: Session,
    *,
    dossier: Dossier,
    procedure: Procedure,
    entry: HistoryEntry,
    ctx: SyncContext,
    record: bool,
) -> None:
    assert dossier.code is not None
    if record:
        outbox.enqueue(
            db,
            service="DongBoHoSoMC",
            dossier_code=dossier.code,
            payload=sync.dossier_record(dossier, procedure=procedure, public_url=ctx.public_url),
            on_commit=ctx.on_commit,
        )
    if defects.active("sync_progress_missing"):  # seeded defect: no progress entries
        return
    outbox.enqueue(
        db,
        service="CapNhatTienDoHoSoMC",
        dossier_code=dossier.code,
        payload=sync.progress_entry(dossier, procedure=procedure, entry=entry),
        on_commit=ctx.on_commit,
    )
