"""What the national portal mock holds: sessions, dossiers, the data warehouse, its clock."""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from mocks.common.vn_time import now_vn, stamp


@dataclass
class Dossier:
    record: dict[str, Any] | None = None  # the last accepted DongBoHoSoMC record
    statuses: list[int] = field(default_factory=list)  # every accepted record's status, in order
    progress: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> int | None:
        return self.statuses[-1] if self.statuses else None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class NationalStore:
    sessions: dict[str, float] = field(default_factory=dict)  # session -> expiry (monotonic)
    dossiers: dict[str, Dossier] = field(default_factory=dict)
    rejected_without_dossier: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # MaBam -> PDF
    warehouse_rejected: list[dict[str, Any]] = field(default_factory=list)
    clock_offset_days: int = 0

    def reset(self) -> None:
        self.sessions.clear()
        self.dossiers.clear()
        self.rejected_without_dossier.clear()
        self.documents.clear()
        self.files.clear()
        self.warehouse_rejected.clear()
        self.clock_offset_days = 0

    def now(self) -> datetime:
        """Vietnam's time as this mock sees it (moved by PUT /_control/clock)."""
        return now_vn(self.clock_offset_days)

    def now_stamp(self) -> str:
        return stamp(self.now())

    # sessions ---------------------------------------------------------------------
    def open_session(self, ttl_s: int) -> str:
        session = secrets.token_urlsafe(24)
        self.sessions[session] = time.monotonic() + ttl_s
        return session

    def session_valid(self, session: object) -> bool:
        if not isinstance(session, str) or session not in self.sessions:
            return False
        if time.monotonic() > self.sessions[session]:
            del self.sessions[session]
            return False
        return True

    def end_session(self, session: object) -> None:
        if isinstance(session, str):
            self.sessions.pop(session, None)

    # dossiers -----------------------------------------------------------------------
    def keep_rejected(self, service: str, reason: str, data: Any) -> None:
        """A refused call is a finding: keep it with its dossier (or apart if it names none)."""
        refusal = {"service": service, "reason": reason, "data": data, "time": self.now_stamp()}
        code = data.get("MaHoSo") if isinstance(data, dict) else None
        if isinstance(code, str) and code:
            self.dossiers.setdefault(code, Dossier()).rejected.append(refusal)
        else:
            self.rejected_without_dossier.append(refusal)
