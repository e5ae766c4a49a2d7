"""Public verification of an electronic result (the QR code's target), for anyone.

``GET /xac-thuc/{MaHoSo}`` confirms the document issued for a dossier: agency, dossier
code, title, SHA-256 and signature status, without personal data. ``POST /xac-thuc``
takes a PDF and says whether it is a document this portal issued, unchanged, with a
valid signature. ``GET /xac-thuc/ca.pem`` publishes the agency's root CA certificate
(the trust root of the signatures).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from portal.deps import PostedForm, maker_of, procedures_of
from portal.integration.e_result_pki import AgencyPki, verify_pdf
from portal.models import Dossier
from portal.rendering import render
from portal.services import results

router = APIRouter()
MAX_PDF_BYTES = 20 * 1024 * 1024


def pki_of(request: Request) -> AgencyPki:
    pki: AgencyPki = request.app.state.pki
    return pki


@router.get("/xac-thuc")
async def verify_form(request: Request) -> Response:
    return render(request, "verify/page.html", {"doc": None, "checked": None, "code": ""})


@router.get("/xac-thuc/ca.pem")
async def agency_ca(request: Request) -> Response:
    """The agency's root CA certificate (PEM): the trust root anyone may check a result by."""
    pem = pki_of(request).root_cert.public_bytes(serialization.Encoding.PEM)
    return Response(
        pem,
        media_type="application/x-pem-file",
        headers={"Content-Disposition": 'attachment; filename="ca.pem"'},
    )


@router.get("/xac-thuc/{code}")
async def document(request: Request, code: str) -> Response:
    with maker_of(request)() as db:
        dossier = db.scalars(select(Dossier).where(Dossier.code == code)).first()
        if dossier is None or not dossier.result_sha256 or dossier.status not in (9, 10):
            raise HTTPException(
                status_code=404, detail="Không tìm thấy văn bản điện tử của mã hồ sơ này."
            )
        pdf = dossier.result_pdf or b""
        procedure = procedures_of(request).get(dossier.procedure_code)
        doc = {
            "code": dossier.code,
            "title": procedure.result_name if procedure else "",
            "number": dossier.result_number,
            "sha256": dossier.result_sha256,
            "signed_at": dossier.result_signed_at,
            "agency": request.app.state.settings.agency_name,
        }
    signature = await verify_pdf(pdf, pki_of(request).trust_roots)
    return render(
        request,
        "verify/page.html",
        {"doc": doc, "signature": signature, "checked": None, "code": code},
    )


@router.post("/xac-thuc")
async def check_upload(request: Request, form: PostedForm) -> Response:
    upload = form.get("tep")
    code = str(form.get("ma", "")).strip()
    context: dict[str, Any] = {"doc": None, "checked": None, "code": code}
    if not isinstance(upload, UploadFile) or not upload.filename:
        context["error"] = "Vui lòng chọn tệp PDF cần kiểm tra."
        return render(request, "verify/page.html", context, status=422)
    data = await upload.read(MAX_PDF_BYTES + 1)
    if len(data) > MAX_PDF_BYTES or not data.startswith(b"%PDF-"):
        context["error"] = "Tệp không phải là tệp PDF hoặc lớn hơn 20 MB."
        return render(request, "verify/page.html", context, status=422)
    with maker_of(request)() as db:
        checked = await results.verify_file(db, pki_of(request), pdf=data)
        found = checked.dossier
        context["checked"] = {
            "sha256": checked.sha256,
            "signature": checked.signature,
            "code": found.code if found is not None else None,
            "matches_code": (found is not None and found.code == code) if code else None,
        }
    return render(request, "verify/page.html", context)
