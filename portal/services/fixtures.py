"""Dossiers made directly in a given status, for the test-mode API (``POST /_test/dossiers``).

The dossier walks the normal path to the status through the same services the pages
use (one transaction per step, as officers would), so history, due dates and the
messages to the national portal are those of a dossier processed by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.models import Dossier, Officer
from portal.procedures import ROLE_NAMES, FormField, Procedure
from portal.services import dossiers, forms, officers, processing, results
from portal.services.dossiers import citizen_actor
from portal.services.processing import Change
from portal.services.uploads import CheckedFile
from portal.services.workflow import Actor, SyncContext
from portal.settings import PortalSettings

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class FixtureError(ValueError):
    pass


def _placeholder(field: FormField, identity: Mapping[str, Any], now: datetime) -> str:
    if field.type == "select":
        return field.choices[0]
    if field.type == "date":
        return (now - timedelta(days=30)).date().isoformat()
    if field.type == "cccd":
        return str(identity["SoDinhDanh"])
    if field.type == "phone":
        return str(identity.get("SoDienThoai") or "0912345678")
    if field.type == "email":
        return str(identity.get("ThuDienTu") or "congdan@example.vn")
    if field.pattern:
        return "Nguyễn Văn An"
    return "Nội dung thử nghiệm"


def _paths(procedure: Procedure) -> dict[int, list[str]]:
    specialists = ["tham-dinh"] * sum(1 for s in procedure.steps if s.role == "specialist")
    done = ["tiep-nhan", *specialists, "phe-duyet"]
    return {
        1: [],
        2: ["tiep-nhan"],
        3: ["tu-choi"],
        4: ["tiep-nhan", "tham-dinh"],
        5: ["tiep-nhan", "yeu-cau-bo-sung"],
        6: ["tiep-nhan", "nghia-vu-tai-chinh"],
        7: ["rut"],
        8: ["tiep-nhan", "dung-xu-ly"],
        9: done,
        10: [*done, "tra-ket-qua"],
    }


def _actor(db: Session, role: str) -> tuple[Actor, dict[str, Any]]:
    account = db.scalars(select(Officer).where(Officer.role == role).order_by(Officer.id)).first()
    if account is not None:
        view = officers.session_view(account)
        return officers.actor_of(view), view
    view = {
        "full_name": f"Cán bộ thử nghiệm ({ROLE_NAMES[role]})",
        "title": ROLE_NAMES[role],
        "unit": "",
        "role": role,
    }
    return officers.actor_of(view), view


async def dossier_in_status(
    maker: sessionmaker[Session],
    *,
    procedure: Procedure,
    identity: Mapping[str, Any],
    status: int,
    values: Mapping[str, str],
    paid: bool,
    settings: PortalSettings,
    pki: Any,
    now: datetime,
    ctx: SyncContext,
) -> Dossier:
    filled = forms.initial_values(procedure, identity)
    for field in procedure.fields:
        filled.setdefault(field.name, _placeholder(field, identity, now) if field.required else "")
    filled.update(values)
    with maker.begin() as db:
        draft = dossiers.new_draft(procedure=procedure, identity=identity, now=now)
        draft.values = filled
        db.add(draft)
        for attachment in procedure.attachments:
            if attachment.required:
                checked = CheckedFile(
                    file_name=f"{attachment.code.lower()}.pdf",
                    content_type="application/pdf",
                    data=TINY_PDF,
                    sha256=hashlib.sha256(TINY_PDF).hexdigest(),
                )
                dossiers.store_file(
                    db, dossier=draft, component=attachment.code, checked=checked, now=now
                )
        dossiers.submit(
            db,
            dossier=draft,
            procedure=procedure,
            identity=identity,
            prefix=settings.dossier_prefix,
            now=now,
            ctx=ctx,
        )
        if paid or (procedure.has_fee and status in (9, 10)):
            draft.fee_paid = True
            draft.fee_transaction = f"TEST{draft.id:08d}"
        dossier_id = draft.id
    for action in _paths(procedure)[status]:
        await _step(
            maker,
            dossier_id,
            action,
            procedure=procedure,
            identity=identity,
            settings=settings,
            pki=pki,
            now=now,
            ctx=ctx,
        )
    with maker() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return dossier


async def _step(
    maker: sessionmaker[Session],
    dossier_id: int,
    action: str,
    *,
    procedure: Procedure,
    identity: Mapping[str, Any],
    settings: PortalSettings,
    pki: Any,
    now: datetime,
    ctx: SyncContext,
) -> None:
    signed = None
    if action == "phe-duyet":
        with maker() as db:
            dossier = db.get(Dossier, dossier_id)
            assert dossier is not None
            _, view = _actor(db, "approver")
            signed = await results.make_signed_result(
                pki,
                dossier=dossier,
                procedure=procedure,
                signer=view,
                agency=settings.agency_name,
                public_url=settings.public_url.rstrip("/"),
                now=now,
            )
    with maker.begin() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        if action == "rut":
            change = Change(db, dossier, procedure, citizen_actor(identity), now, ctx)
            processing.withdraw(change, reason="Công dân không còn nhu cầu (dữ liệu thử nghiệm).")
            return
        role = next(iter(sorted(processing.ACTIONS[action].roles)))
        actor, _ = _actor(db, role)
        change = Change(db, dossier, procedure, actor, now, ctx)
        try:
            processing.check(action, dossier=dossier, procedure=procedure, role=role, now=now)
        except processing.ActionRefused as exc:
            raise FixtureError(f"{action}: {exc}") from None
        note = "Dữ liệu thử nghiệm."
        if action == "tiep-nhan":
            processing.receive(change)
        elif action == "tu-choi":
            processing.refuse(change, reason="Hồ sơ không thuộc thẩm quyền (dữ liệu thử nghiệm).")
        elif action == "tham-dinh":
            processing.appraise(change, note=note)
        elif action == "yeu-cau-bo-sung":
            codes = [a.code for a in procedure.attachments if a.required][:1]
            processing.request_supplement(
                change, note="Bổ sung bản rõ nét hơn (dữ liệu thử nghiệm).", components=codes
            )
        elif action == "nghia-vu-tai-chinh":
            processing.request_obligation(change, amount=procedure.fee.amount or 50000, note=note)
        elif action == "dung-xu-ly":
            processing.stop(change, reason="Dừng xử lý (dữ liệu thử nghiệm).")
        elif action == "phe-duyet":
            processing.approve(change, result=signed, note=note)
        elif action == "tra-ket-qua":
            processing.return_result(change, agency=settings.agency_name)
