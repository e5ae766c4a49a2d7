"""Request-scoped access to what the app factory put on ``app.state``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from portal.procedures import Procedure
from portal.services.clock import Clock
from portal.services.workflow import SyncContext
from portal.settings import PortalSettings
from portal.web_session import session_of


def settings_of(request: Request) -> PortalSettings:
    settings: PortalSettings = request.app.state.settings
    return settings


def maker_of(request: Request) -> sessionmaker[Session]:
    maker: sessionmaker[Session] = request.app.state.db
    return maker


def procedures_of(request: Request) -> dict[str, Procedure]:
    procedures: dict[str, Procedure] = request.app.state.procedures
    return procedures


def procedure_or_404(request: Request, code: str) -> Procedure:
    procedure = procedures_of(request).get(code)
    if procedure is None:
        raise HTTPException(status_code=404)
    return procedure


def clock_of(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def now(request: Request) -> datetime:
    return clock_of(request).now()


def sync_ctx(request: Request) -> SyncContext:
    worker = getattr(request.app.state, "outbox_worker", None)
    return SyncContext(
        public_url=settings_of(request).public_url.rstrip("/"),
        on_commit=worker.wake if worker is not None else None,
    )


def citizen(request: Request) -> dict[str, Any] | None:
    user = session_of(request).get("user")
    return user if isinstance(user, dict) and user.get("SoDinhDanh") else None


def officer(request: Request) -> dict[str, Any] | None:
    account = session_of(request).get("officer")
    return account if isinstance(account, dict) else None


async def posted_form(request: Request) -> AsyncIterator[FormData]:
    """The request's form (parsed once, shared with ``require_csrf``); its uploaded files
    are closed when the request is done."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


PostedForm = Annotated[FormData, Depends(posted_form)]
