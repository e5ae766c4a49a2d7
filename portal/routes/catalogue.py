"""The catalogue of procedures and each procedure's public page."""

from __future__ import annotations

import unicodedata

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.deps import procedure_or_404, procedures_of
from portal.procedures import Procedure
from portal.rendering import render

router = APIRouter()


def _fold(text: str) -> str:
    """Lower case without diacritics, so "dang ky khai sinh" finds "Đăng ký khai sinh"."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def search(procedures: list[Procedure], query: str) -> list[Procedure]:
    words = _fold(query).split()
    if not words:
        return procedures
    found = []
    for procedure in procedures:
        haystack = _fold(
            f"{procedure.code} {procedure.name} {procedure.agency} {procedure.field_of}"
        )
        if all(word in haystack for word in words):
            found.append(procedure)
    return found


@router.get("/thu-tuc")
async def catalogue(request: Request, q: str = "") -> Response:
    procedures = list(procedures_of(request).values())
    results = search(procedures, q.strip()[:100])
    return render(
        request,
        "catalogue/list.html",
        {"procedures": results, "query": q, "total": len(procedures)},
    )


@router.get("/thu-tuc/{code}")
async def procedure_page(request: Request, code: str) -> Response:
    return render(request, "catalogue/procedure.html", {"p": procedure_or_404(request, code)})
