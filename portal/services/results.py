"""The electronic result: made and signed at approval, verified on the public page.

Wraps ``portal.integration.e_result`` (the PDF in Vietnamese with a QR code to
``/xac-thuc/{MaHoSo}``) and ``e_result_pki`` (PAdES signature by the agency's test key,
offline verification against the test CA).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from portal import defects
from portal.integration.e_result import ResultContent, render_result_pdf, sha256_hex
from portal.integration.e_result_pki import AgencyPki, SignatureCheck, verify_pdf
from portal.models import Dossier
from portal.procedures import Procedure
from portal.rendering import iso_to_vn
from portal.services.processing import SignedResult


def place_of(agency: str) -> str:
    """ "Ủy ban nhân dân tỉnh Mẫu" → "Mẫu" (the place in the document's date line)."""
    for level in ("thành phố ", "tỉnh ", "xã ", "phường "):
        if level in agency:
            return agency.rsplit(level, 1)[1]
    return agency


def _lines(dossier: Dossier, procedure: Procedure) -> list[tuple[str, str] | str]:
    lines: list[tuple[str, str] | str] = [("Thủ tục", procedure.name)]
    values = dossier.values or {}
    for field in procedure.fields:
        if field.prefill in ("HoVaTen", "SoDinhDanh"):
            continue  # already in the document's header rows
        value = values.get(field.name, "")
        if value:
            lines.append((field.label, iso_to_vn(value) if field.type == "date" else value))
    return lines


async def make_signed_result(
    pki: AgencyPki,
    *,
    dossier: Dossier,
    procedure: Procedure,
    signer: dict[str, Any],
    agency: str,
    public_url: str,
    now: datetime,
) -> SignedResult:
    """The signed PDF of an approved dossier, and what identifies it."""
    assert dossier.code is not None
    number = f"KQ-{dossier.code}"
    target = dossier.code
    if defects.active("result_qr_wrong_target"):  # seeded defect: the internal row number
        target = str(dossier.id)
    content = ResultContent(
        agency=agency,
        title=procedure.result_name,
        dossier_code=dossier.code,
        citizen_name=dossier.owner_name,
        citizen_id=dossier.owner_id,
        issued_at=now,
        place=place_of(agency),
        signer_title=str(signer.get("title") or "Lãnh đạo"),
        signer_name=str(signer.get("full_name") or ""),
        verification_url=f"{public_url}/xac-thuc/{target}",
        document_number=f"Số: {number}",
        lines=_lines(dossier, procedure),
    )
    pdf = await run_in_threadpool(render_result_pdf, content)
    if defects.active("result_unsigned"):  # seeded defect: the PDF goes out unsigned
        signed = pdf
    else:
        signed = await pki.sign_pdf(pdf)
    hashed = pdf if defects.active("result_hash_of_unsigned_pdf") else signed  # seeded defect
    return SignedResult(
        number=number,
        pdf=signed,
        sha256=sha256_hex(hashed),
        signer=str(signer.get("full_name") or ""),
        signed_at=now,
    )


@dataclass(frozen=True)
class Verification:
    """What the public verification page says about a PDF."""

    dossier: Dossier | None  # the dossier whose result this file is (None: unknown file)
    sha256: str
    signature: SignatureCheck


async def verify_file(db: Session, pki: AgencyPki, *, pdf: bytes) -> Verification:
    digest = sha256_hex(pdf)
    same = Dossier.result_sha256 == digest
    if defects.active("verification_matches_by_size"):  # seeded defect: same size, same file
        same = func.length(Dossier.result_pdf) == len(pdf)
    dossier = db.scalars(select(Dossier).where(same)).first()
    return Verification(
        dossier=dossier, sha256=digest, signature=await verify_pdf(pdf, pki.trust_roots)
    )
