"""Test-mode control routes (``PORTAL_MODE=test`` only; not even mounted otherwise).

Scenarios set their preconditions through these, over HTTP, instead of clicking:

- ``POST /_test/reset`` — empty the data tables (dossiers, files, history, payments,
  outbox, code sequences), put the clock back and forget the officer sign-in lockouts;
  officer accounts stay. Browser
  sessions stay too unless the body says ``{"sessions": true}``.
- ``GET /_test/clock`` / ``PUT /_test/clock {"offset_days": N}`` — read or move the
  portal's clock by whole days (due dates, overdue marks, timestamps sent);
  ``PUT /_test/clock {"at": "2026-12-08T09:00:00+07:00"}`` sets it to that moment (an
  ISO datetime with its offset), from which it runs on with the real time. The national
  portal mock has its own clock (``PUT /_control/clock``): move both together.
- ``POST /_test/dossiers`` — create a dossier for an identity directly in a given status:
  ``{"procedure": "1.001193", "identity": {"SoDinhDanh", "HoVaTen", "SoDienThoai",
  "ThuDienTu", ...}, "status": 1..10, "values": {...}, "paid": false}``. The dossier walks
  the normal path to that status (1→2→4→9→10, or 1→2→5 …) through the same services as
  the pages, so the national portal receives every step. Answers ``{"code", "status",
  "due_at", "received_at"}`` (201).
- ``POST /_test/sessions`` — ``{"identity": {...claims}}`` signs a citizen in,
  ``{"officer": "motcua"}`` an officer; answers ``{"cookie": {"name", "value"}}`` to put
  into the browser context.
- ``POST /_test/officers`` — ``{"role": "reception"}`` makes a back-office account of
  one scenario (random username and password), answered ``{"username", "password",
  "role"}`` (201); a reset does not remove it.
- ``GET /_test/outbox`` — ``{"pending", "delivered", "rejected", ...}``;
  ``POST /_test/outbox/drain {"timeout_s": 10}`` waits (bounded) until nothing is pending.

No web page may call them: a request whose ``Sec-Fetch-Site`` is ``cross-site`` or
``same-site``, or whose ``Origin`` is not the portal's own, is refused (403) before
anything is read or changed — a page of another site could otherwise wipe the data with
a ``text/plain`` POST, which a browser sends without asking (no CORS preflight).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import delete, select

from portal import defects
from portal.deps import clock_of, maker_of, now, procedures_of, settings_of, sync_ctx
from portal.integration.outbox import OutboxMessage, outbox_stats
from portal.integration.timefmt import VN_TZ, vn_timestamp
from portal.models import (
    Dossier,
    DossierFile,
    DossierSequence,
    HistoryEntry,
    Officer,
    Payment,
    SubmissionKey,
    WebSession,
)
from portal.procedures import ROLE_NAMES
from portal.services import fixtures, officers
from portal.web_session import COOKIE, SessionData

log = logging.getLogger("portal.testing")
CROSS_SITE_FETCHES = ("cross-site", "same-site")
CROSS_SITE_REFUSED = "Đường dẫn kiểm thử không nhận yêu cầu gửi từ một trang web khác."


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def refuse_cross_site(request: Request) -> None:
    """The test API answers the suite (no Origin, no Sec-Fetch-Site), never a web page."""
    if defects.active("test_api_cross_site"):  # seeded defect: any page may call /_test
        return
    fetch_site = request.headers.get("sec-fetch-site", "")
    origin = request.headers.get("origin")
    own = {origin_of(settings_of(request).public_url), origin_of(str(request.base_url))}
    if fetch_site in CROSS_SITE_FETCHES or (origin is not None and origin not in own):
        log.warning(
            "refused %s %s from Origin %r (Sec-Fetch-Site %r)",
            request.method,
            request.url.path,
            origin,
            fetch_site,
        )
        raise HTTPException(status_code=403, detail=CROSS_SITE_REFUSED)


router = APIRouter(prefix="/_test", tags=["test"], dependencies=[Depends(refuse_cross_site)])


class ResetBody(BaseModel):
    sessions: bool = False


@router.post("/reset")
async def reset(request: Request, body: ResetBody | None = None) -> dict[str, Any]:
    with maker_of(request).begin() as db:
        data = (OutboxMessage, Payment, HistoryEntry, DossierFile, SubmissionKey, Dossier)
        for table in (*data, DossierSequence):
            db.execute(delete(table))
        if body is not None and body.sessions:
            db.execute(delete(WebSession))
    clock_of(request).set_offset(0)
    request.app.state.sign_in_throttle.clear()  # officer sign-in lockouts: scenarios stay apart
    return {"ok": True}


class ClockBody(BaseModel):
    """Either ``offset_days`` (whole days from the real time) or ``at`` (a moment)."""

    offset_days: int | None = Field(default=None, ge=-3650, le=3650)
    at: datetime | None = None

    @model_validator(mode="after")
    def one_of(self) -> ClockBody:
        if (self.offset_days is None) == (self.at is None):
            raise ValueError("give either offset_days or at, not both nor neither")
        if self.at is not None and self.at.utcoffset() is None:
            raise ValueError("at needs its UTC offset, e.g. 2026-12-08T09:00:00+07:00")
        return self


def _clock_view(request: Request) -> dict[str, Any]:
    moment = now(request)
    return {
        "offset_days": clock_of(request).offset_days,
        "offset_seconds": clock_of(request).offset_seconds,
        "now": _iso(moment),
        "now_vn": vn_timestamp(moment),
    }


@router.get("/clock")
async def get_clock(request: Request) -> dict[str, Any]:
    return _clock_view(request)


@router.put("/clock")
async def put_clock(request: Request, body: ClockBody) -> dict[str, Any]:
    if body.at is not None:
        clock_of(request).set_moment(body.at)
    elif body.offset_days is not None:
        clock_of(request).set_offset(body.offset_days)
    return _clock_view(request)


class DossierBody(BaseModel):
    procedure: str
    identity: dict[str, Any]
    status: int = Field(default=1, ge=1, le=10)
    values: dict[str, str] = Field(default_factory=dict)
    paid: bool = False


@router.post("/dossiers")
async def create_dossier(request: Request, body: DossierBody) -> JSONResponse:
    procedure = procedures_of(request).get(body.procedure)
    if procedure is None:
        return JSONResponse({"error": f"unknown procedure {body.procedure}"}, status_code=404)
    identity = body.identity
    if not str(identity.get("SoDinhDanh", "")).isdigit() or len(str(identity["SoDinhDanh"])) != 12:
        return JSONResponse({"error": "identity.SoDinhDanh must be 12 digits"}, status_code=400)
    try:
        dossier = await fixtures.dossier_in_status(
            maker_of(request),
            procedure=procedure,
            identity=identity,
            status=body.status,
            values=body.values,
            paid=body.paid,
            settings=settings_of(request),
            pki=request.app.state.pki,
            now=now(request),
            ctx=sync_ctx(request),
        )
    except fixtures.FixtureError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    return JSONResponse(
        {
            "code": dossier.code,
            "status": dossier.status,
            "received_at": _iso(dossier.received_at),
            "due_at": _iso(dossier.due_at),
        },
        status_code=201,
    )


def _iso(moment: datetime | None) -> str | None:
    """Vietnam time, like ``GET /_test/clock``: the database hands back UTC, and between
    17:00 and 24:00 UTC the two dates differ."""
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds") if moment else None


class SessionBody(BaseModel):
    identity: dict[str, Any] | None = None
    officer: str | None = None


@router.post("/sessions")
async def create_session(request: Request, body: SessionBody) -> JSONResponse:
    session = SessionData(None, {})
    if body.officer:
        with maker_of(request)() as db:
            account = db.scalars(select(Officer).where(Officer.username == body.officer)).first()
            if account is None:
                return JSONResponse({"error": f"no officer {body.officer!r}"}, status_code=404)
            session["officer"] = officers.session_view(account)
    elif body.identity and str(body.identity.get("SoDinhDanh", "")).isdigit():
        session["user"] = {
            "sub": body.identity.get("sub", "test-" + body.identity["SoDinhDanh"]),
            "acr": "LoA2",
            **body.identity,
        }
    else:
        return JSONResponse(
            {"error": "give identity (with SoDinhDanh) or officer"}, status_code=400
        )
    session_id = request.app.state.session_store.save(session)
    return JSONResponse(
        {"cookie": {"name": COOKIE, "value": session_id, "path": "/"}}, status_code=201
    )


class OfficerBody(BaseModel):
    role: Literal["reception", "specialist", "approver"] = "reception"


@router.post("/officers")
async def create_officer(request: Request, body: OfficerBody) -> JSONResponse:
    """A back-office account of one scenario only (a random username and password), for a
    scenario that must not touch the shared demonstration accounts (e.g. locking one)."""
    username = f"kiemthu-{secrets.token_hex(4)}"
    password = f"Kt@{secrets.token_urlsafe(12)}"
    with maker_of(request).begin() as db:
        db.add(
            Officer(
                username=username,
                full_name="Cán bộ kiểm thử",
                role=body.role,
                title=ROLE_NAMES[body.role],
                unit=ROLE_NAMES[body.role],
                password_hash=officers.hash_password(password),
            )
        )
    return JSONResponse(
        {"username": username, "password": password, "role": body.role}, status_code=201
    )


@router.get("/outbox")
async def outbox(request: Request) -> dict[str, Any]:
    return outbox_stats(maker_of(request)).as_dict()


class DrainBody(BaseModel):
    timeout_s: float = Field(default=10.0, gt=0, le=60)


@router.post("/outbox/drain")
async def drain(request: Request, body: DrainBody | None = None) -> dict[str, Any]:
    worker = request.app.state.outbox_worker
    left = await worker.drain(timeout_s=(body or DrainBody()).timeout_s)
    return {"left": left, **outbox_stats(maker_of(request)).as_dict()}
