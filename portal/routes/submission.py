"""Online submission: the e-form of a procedure, drafts, attachments, the receipt."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from portal import defects
from portal.deps import PostedForm, citizen, maker_of, now, procedure_or_404, settings_of, sync_ctx
from portal.models import Dossier, SubmissionKey
from portal.procedures import Procedure
from portal.rendering import redirect, render, sign_in_redirect
from portal.routes.uploading import read_uploads
from portal.services import dossiers, forms
from portal.web_session import require_csrf

router = APIRouter()
SUBMIT, SAVE_DRAFT = "nop", "luu-nhap"
KEY_FIELD = "ma_lan_nop"  # the e-form's key: one form posted twice is one dossier


def _form_context(
    procedure: Procedure,
    identity: dict[str, Any],
    *,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    dossier: Dossier | None = None,
    key: str = "",
) -> dict[str, Any]:
    files = dossiers.files_by_component(dossier) if dossier is not None else {}
    return {
        "submission_key": key or secrets.token_urlsafe(16),
        "p": procedure,
        "values": values,
        "errors": errors or {},
        "locked": {f.name for f in procedure.fields if forms.is_locked(f, identity)},
        "draft_id": dossier.id if dossier is not None else None,
        "files": files,
    }


@router.get("/thu-tuc/{code}/nop-ho-so")
async def form_page(request: Request, code: str) -> Response:
    procedure = procedure_or_404(request, code)
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    draft_param = request.query_params.get("ban-nhap", "")
    with maker_of(request)() as db:
        draft = None
        if draft_param:
            draft = (
                dossiers.owned_draft(db, draft_id=int(draft_param), owner_id=identity["SoDinhDanh"])
                if draft_param.isdigit()
                else None
            )
            if draft is None or draft.procedure_code != procedure.code:
                raise HTTPException(status_code=404)
            values = {**draft.values, **forms.initial_values_locked(procedure, identity)}
        else:
            values = forms.initial_values(procedure, identity)
        context = _form_context(procedure, identity, values=values, dossier=draft)
        return render(request, "submission/form.html", context)


def _too_large(request: Request, procedure: Procedure) -> bool:
    limit = sum(a.max_bytes for a in procedure.attachments) + 2 * 1024 * 1024
    length = request.headers.get("content-length", "")
    return length.isdigit() and int(length) > limit


def refuse_too_large(request: Request, code: str) -> None:
    """Before the body is read (the CSRF check parses it): larger than all the papers together."""
    if _too_large(request, procedure_or_404(request, code)):
        raise HTTPException(status_code=413, detail="Tệp tải lên vượt quá dung lượng cho phép.")


@router.post(
    "/thu-tuc/{code}/nop-ho-so",
    dependencies=[Depends(refuse_too_large), Depends(require_csrf)],
)
async def submit_form(request: Request, form: PostedForm, code: str) -> Response:
    procedure = procedure_or_404(request, code)
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    action = str(form.get("hanh_dong", SUBMIT))
    values = forms.collect(procedure, form, identity)
    uploads, errors = await read_uploads(procedure, form)
    moment = now(request)
    settings = settings_of(request)
    key = str(form.get(KEY_FIELD, ""))[:64]
    if defects.active("same_form_twice_two_dossiers"):  # seeded defect: the key is ignored
        key = ""
    with maker_of(request).begin() as db:
        done = db.get(SubmissionKey, key) if key and action == SUBMIT else None
        if done is not None and done.owner_id == identity["SoDinhDanh"]:
            earlier = db.get(Dossier, done.dossier_id)
            if earlier is not None and earlier.code is not None:
                return redirect(f"/ho-so/{earlier.code}/bien-nhan")  # already submitted
        draft_param = str(form.get("ban_nhap", ""))
        dossier = None
        if draft_param.isdigit():
            dossier = dossiers.owned_draft(
                db, draft_id=int(draft_param), owner_id=identity["SoDinhDanh"]
            )
            if dossier is None or dossier.procedure_code != procedure.code:
                raise HTTPException(status_code=404)
        if dossier is None:
            dossier = dossiers.new_draft(procedure=procedure, identity=identity, now=moment)
            db.add(dossier)
        dossier.values = values
        dossier.updated_at = moment
        for component, checked in uploads.items():
            dossiers.store_file(
                db, dossier=dossier, component=component, checked=checked, now=moment
            )
        if action == SUBMIT:
            errors = {**forms.validate(procedure, values, today=moment.date()).errors, **errors}
            for attachment in dossiers.missing_attachments(procedure, dossier):
                errors.setdefault(f"tep_{attachment.code}", f"Vui lòng đính kèm {attachment.name}.")
        db.flush()
        if errors or action == SAVE_DRAFT:
            context = _form_context(
                procedure, identity, values=values, errors=errors, dossier=dossier, key=key
            )
            if action == SAVE_DRAFT and not errors:
                context["saved"] = True
            return render(request, "submission/form.html", context, status=422 if errors else 200)
        dossiers.submit(
            db,
            dossier=dossier,
            procedure=procedure,
            identity=identity,
            prefix=settings.dossier_prefix,
            now=moment,
            ctx=sync_ctx(request),
        )
        if key and done is None:
            db.add(SubmissionKey(key=key, owner_id=identity["SoDinhDanh"], dossier_id=dossier.id))
        dossier_code = dossier.code
    return redirect(f"/ho-so/{dossier_code}/bien-nhan")


@router.get("/ho-so/{code}/bien-nhan")
async def receipt(request: Request, code: str) -> Response:
    identity = citizen(request)
    if identity is None:
        return sign_in_redirect(request)
    with maker_of(request)() as db:
        dossier = dossiers.owned_dossier(db, code=code, owner_id=identity["SoDinhDanh"])
        if dossier is None:
            raise HTTPException(status_code=404)
        procedure = procedure_or_404(request, dossier.procedure_code)
        return render(
            request,
            "submission/receipt.html",
            {"d": dossier, "p": procedure, "payments": list(dossier.payments)},
        )
