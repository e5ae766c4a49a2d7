"""The national portal mock's own control routes: reconciliation and its clock.

``GET /_control/dossiers`` and ``/_control/dossiers/{MaHoSo}`` show what it holds for each
dossier (the record, every status in the order received, the progress steps, what it
refused); ``GET /_control/warehouse?SoDinhDanh=`` the documents in the data warehouse and
``/_control/warehouse/files/{MaBam}`` one of their PDFs; ``PUT /_control/clock
{"offset_days": N}`` moves the mock's clock like the portal's for an overdue test.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from mocks.common.app import json_object
from mocks.national_portal.store import NationalStore


def control_router(store: NationalStore) -> APIRouter:
    router = APIRouter(prefix="/_control")

    @router.get("/dossiers")
    async def dossiers() -> dict[str, Any]:
        return {
            "dossiers": {code: d.as_dict() for code, d in store.dossiers.items()},
            "rejected_without_MaHoSo": store.rejected_without_dossier,
        }

    @router.get("/dossiers/{code}", response_model=None)
    async def dossier(code: str) -> Response:
        found = store.dossiers.get(code)
        if found is None:
            return JSONResponse({"error": f"no dossier {code!r}"}, status_code=404)
        return JSONResponse(found.as_dict())

    @router.get("/warehouse")
    async def warehouse(SoDinhDanh: str | None = None) -> dict[str, Any]:
        documents = [
            d for d in store.documents if SoDinhDanh is None or d["SoDinhDanh"] == SoDinhDanh
        ]
        return {"documents": documents, "rejected": store.warehouse_rejected}

    @router.get("/warehouse/files/{digest}", response_model=None)
    async def warehouse_file(digest: str) -> Response:
        content = store.files.get(digest.lower())
        if content is None:
            return JSONResponse({"error": f"no file with MaBam {digest!r}"}, status_code=404)
        return Response(content, media_type="application/pdf")

    @router.get("/clock")
    async def clock() -> dict[str, Any]:
        return {"offset_days": store.clock_offset_days, "now": store.now_stamp()}

    @router.put("/clock", response_model=None)
    async def move_clock(request: Request) -> Response:
        body = await json_object(request)
        offset = body.get("offset_days")
        if not isinstance(offset, int) or isinstance(offset, bool):
            return JSONResponse({"error": "offset_days must be an integer"}, status_code=400)
        store.clock_offset_days = offset
        return JSONResponse({"offset_days": offset, "now": store.now_stamp()})

    return router
