"""The citizen's dossiers: list, detail, supplement, withdrawal, result; public lookup.

A citizen sees only their own dossiers: another's code answers 404 (not 403), so the
portal never confirms that a code exists. The public lookup shows only the status.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from portal import defects
from portal.deps import (
    PostedForm,
    citizen,
    maker_of,
    now,
    procedure_or_404,
    procedures_of,
    sync_ctx,
)
from portal.models import Dossier
from portal.rendering import redirect, render, sign_in_redirect
from portal.routes.uploading import read_uploads
from portal.services import dossiers, processing
from portal.services.dossiers import citizen_actor
from portal.services.processing import ActionRefused, Change
from portal.views import dossier_view
from portal.web_session import require_csrf

router = APIRouter()


@router.get("/ho-so")
async def my_dossiers(request: Request) -> Response:
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    with maker_of(request)() as db:
        rows = dossiers.my_dossiers(db, owner_id=identity["SoDinhDanh"])
    procedures = procedures_of(request)
    return render(
        request,
        "dossiers/list.html",
        {
            "drafts": [d for d in rows if d.status == 0],
            "submitted": [d for d in rows if d.status != 0],
            "procedures": procedures,
        },
    )


def _owned(request: Request, db: Session, code: str) -> Dossier:
    identity = citizen(request)
    assert identity is not None
    dossier = dossiers.owned_dossier(db, code=code, owner_id=identity["SoDinhDanh"])
    if dossier is None:
        raise HTTPException(status_code=404)
    return dossier


@router.get("/ho-so/{code}")
async def detail(request: Request, code: str) -> Response:
    if citizen(request) is None:
        return sign_in_redirect(request)
    with maker_of(request)() as db:
        dossier = _owned(request, db, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        context = dossier_view(dossier, procedure, now(request))
        context["withdrawable"] = dossier.status in processing.CITIZEN_WITHDRAWABLE
        return render(request, "dossiers/detail.html", context)


@router.post("/ho-so/{code}/bo-sung", dependencies=[Depends(require_csrf)])
async def supplement(request: Request, form: PostedForm, code: str) -> Response:
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    note = str(form.get("ghi_chu", "")).strip()
    moment = now(request)
    with maker_of(request)() as db:
        dossier = _owned(request, db, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        received, errors = await read_uploads(procedure, form)
        errors.update(dossiers.supplement_problems(procedure, dossier, sent=set(received)))
        if errors:
            context = dossier_view(dossier, procedure, moment)
            context.update(supplement_errors=errors, supplement_note=note, withdrawable=True)
            return render(request, "dossiers/detail.html", context, status=422)
        for component, checked in received.items():
            dossiers.store_file(
                db,
                dossier=dossier,
                component=component,
                checked=checked,
                now=moment,
                kind="bo_sung",
                note=note,
            )
        change = Change(db, dossier, procedure, citizen_actor(identity), moment, sync_ctx(request))
        processing.supplement_done(change, note=note)
        db.commit()
    notice = "Đã gửi giấy tờ bổ sung. Hồ sơ tiếp tục được xử lý."
    return redirect(f"/ho-so/{code}", notice=notice, request=request)


@router.get("/ho-so/{code}/rut")
async def withdraw_page(request: Request, code: str) -> Response:
    if citizen(request) is None:
        return sign_in_redirect(request)
    with maker_of(request)() as db:
        dossier = _owned(request, db, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        return render(request, "dossiers/withdraw.html", {"d": dossier, "p": procedure})


@router.post("/ho-so/{code}/rut", dependencies=[Depends(require_csrf)])
async def withdraw(request: Request, form: PostedForm, code: str) -> Response:
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    reason = str(form.get("ly_do", ""))
    with maker_of(request)() as db:
        dossier = _owned(request, db, code)
        procedure = procedure_or_404(request, dossier.procedure_code)
        change = Change(
            db, dossier, procedure, citizen_actor(identity), now(request), sync_ctx(request)
        )
        try:
            processing.withdraw(change, reason=reason)
        except ActionRefused as exc:
            context = {"d": dossier, "p": procedure, "error": str(exc), "reason": reason}
            return render(request, "dossiers/withdraw.html", context, status=422)
        db.commit()
    return redirect(f"/ho-so/{code}", notice="Đã rút hồ sơ.", request=request)


@router.get("/ho-so/{code}/ket-qua.pdf")
async def result_pdf(request: Request, code: str) -> Response:
    if citizen(request) is None:
        return sign_in_redirect(request)
    with maker_of(request)() as db:
        dossier = _owned(request, db, code)
        if dossier.status not in (9, 10) or not dossier.result_pdf:
            raise HTTPException(status_code=404)
        pdf = dossier.result_pdf
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="ket-qua-{code}.pdf"'},
    )


@router.get("/tra-cuu")
async def lookup(request: Request, ma: str = "") -> Response:
    """Anyone with a dossier code sees its status and progress, never personal data."""
    code = ma.strip()[:40]
    context: dict[str, Any] = {"query": code, "found": None}
    context["owner_shown"] = defects.active("lookup_shows_owner")  # seeded defect
    with maker_of(request)() as db:
        dossier = dossiers.by_code(db, code=code) if code else None
        procedure = procedures_of(request).get(dossier.procedure_code) if dossier else None
        if dossier is not None and procedure is not None:
            view = dossier_view(dossier, procedure, now(request))
            identity = citizen(request)
            view["mine"] = identity is not None and identity["SoDinhDanh"] == dossier.owner_id
            context["found"] = view
        status = 404 if code and context["found"] is None else 200
        return render(request, "dossiers/lookup.html", context, status=status)
