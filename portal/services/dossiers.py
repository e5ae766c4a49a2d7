"""Dossiers on the citizen's side: drafts, attachments, submission, lookups.

A dossier is saved (status 1, with its code and due date) before any payment. Only its
owner (``owner_id`` = the SoDinhDanh of the signed-in identity) can see it; the others
get "not found", never "forbidden" (no confirmation that a code exists).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from portal import defects
from portal.integration.timefmt import VN_TZ
from portal.models import DRAFT, Dossier, DossierFile, DossierSequence, HistoryEntry
from portal.procedures import Attachment, Procedure
from portal.services import calendar, workflow
from portal.services.uploads import CheckedFile
from portal.services.workflow import Actor, SyncContext


def citizen_actor(identity: Mapping[str, Any]) -> Actor:
    return Actor(name=str(identity.get("HoVaTen", "")), title="Công dân", role="citizen")


def new_draft(*, procedure: Procedure, identity: Mapping[str, Any], now: datetime) -> Dossier:
    return Dossier(
        procedure_code=procedure.code,
        status=DRAFT,
        step_index=0,
        owner_id=str(identity["SoDinhDanh"]),
        owner_name=str(identity.get("HoVaTen", "")),
        owner_phone=str(identity.get("SoDienThoai") or ""),
        owner_email=str(identity.get("ThuDienTu") or ""),
        owner_kind=int(identity.get("LoaiTaiKhoan") or 1),
        values={},
        created_at=now,
        updated_at=now,
    )


def owned_draft(db: Session, *, draft_id: int, owner_id: str) -> Dossier | None:
    dossier = db.get(Dossier, draft_id)
    if dossier is None or dossier.owner_id != owner_id or dossier.status != DRAFT:
        return None
    return dossier


def owned_dossier(db: Session, *, code: str, owner_id: str) -> Dossier | None:
    dossier = db.scalars(select(Dossier).where(Dossier.code == code)).first()
    if dossier is None:
        return None
    if dossier.owner_id != owner_id and not defects.active("dossier_owner_unchecked"):  # seeded
        return None
    return dossier


def by_code(db: Session, *, code: str) -> Dossier | None:
    return db.scalars(select(Dossier).where(Dossier.code == code)).first()


def my_dossiers(db: Session, *, owner_id: str) -> list[Dossier]:
    query = (
        select(Dossier)
        .where(Dossier.owner_id == owner_id)
        .order_by(Dossier.updated_at.desc(), Dossier.id.desc())
        .limit(200)
    )
    return list(db.scalars(query))


def store_file(
    db: Session,
    *,
    dossier: Dossier,
    component: str,
    checked: CheckedFile,
    now: datetime,
    kind: str = "nop",
    note: str = "",
) -> DossierFile:
    """Keep an attachment; a new submission file replaces the component's earlier one."""
    if kind == "nop":
        for old in [f for f in dossier.files if f.component == component and f.kind == "nop"]:
            dossier.files.remove(old)
    stored = DossierFile(
        component=component,
        kind=kind,
        file_name=checked.file_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
        uploaded_at=now,
        data=checked.data,
    )
    dossier.files.append(stored)
    return stored


def files_by_component(dossier: Dossier) -> dict[str, DossierFile]:
    latest: dict[str, DossierFile] = {}
    for stored in dossier.files:
        latest[stored.component] = stored
    return latest


def missing_attachments(procedure: Procedure, dossier: Dossier) -> list[Attachment]:
    present = files_by_component(dossier)
    if defects.active("attachments_not_required"):  # seeded defect: nothing is required
        return []
    return [a for a in procedure.attachments if a.required and a.code not in present]


def supplement_problems(
    procedure: Procedure, dossier: Dossier, *, sent: set[str]
) -> dict[str, str]:
    """What is wrong with a supplement that sends the components ``sent``."""
    if dossier.status != workflow.SUPPLEMENT:
        return {"ghi_chu": "Hồ sơ không ở trạng thái yêu cầu bổ sung."}
    problems = {}
    for missing in [c for c in dossier.supplement_codes or [] if c not in sent]:
        attachment = procedure.attachment(missing)
        name = attachment.name if attachment is not None else missing
        problems[f"tep_{missing}"] = f"Vui lòng đính kèm {name}."
    if not sent and not problems:
        problems["ghi_chu"] = "Vui lòng đính kèm ít nhất một giấy tờ bổ sung."
    return problems


def _reserve_code(db: Session, *, prefix: str, now: datetime) -> str:
    day = now.astimezone(VN_TZ).strftime("%y%m%d")
    key = f"{prefix}-{day}"
    bumped = db.execute(
        update(DossierSequence)
        .where(DossierSequence.day == key)
        .values(last=DossierSequence.last + 1)
    )
    if getattr(bumped, "rowcount", 0) == 0:
        db.add(DossierSequence(day=key, last=1))
        db.flush()
    last = db.scalar(select(DossierSequence.last).where(DossierSequence.day == key))
    return f"{key}-{int(last or 1):04d}"


def submit(
    db: Session,
    *,
    dossier: Dossier,
    procedure: Procedure,
    identity: Mapping[str, Any],
    prefix: str,
    now: datetime,
    ctx: SyncContext,
) -> HistoryEntry:
    """Give the draft its code and due date, status 1, and announce it (never commits)."""
    values = dossier.values or {}
    dossier.owner_phone = str(values.get("SoDienThoai") or identity.get("SoDienThoai") or "")
    dossier.owner_email = str(values.get("Email") or identity.get("ThuDienTu") or "")
    if defects.active("contact_from_identity_not_form"):  # seeded defect: the identity's e-mail
        dossier.owner_email = str(identity.get("ThuDienTu") or dossier.owner_email)
    dossier.code = _reserve_code(db, prefix=prefix, now=now)
    dossier.received_at = now
    dossier.due_at = calendar.due_at(now, working_days=procedure.processing_days)
    dossier.fee_amount = procedure.fee.amount
    dossier.fee_paid = False
    dossier.step_index = 0
    return workflow.change_status(
        db,
        dossier=dossier,
        procedure=procedure,
        target=workflow.NEW,
        actor=citizen_actor(identity),
        now=now,
        action="Nộp hồ sơ trực tuyến",
        ctx=ctx,
    )


def load_full(db: Session, dossier_id: int) -> Dossier | None:
    query = (
        select(Dossier)
        .where(Dossier.id == dossier_id)
        .options(
            selectinload(Dossier.files),
            selectinload(Dossier.history),
            selectinload(Dossier.payments),
        )
    )
    return db.scalars(query).first()
