"""The reference portal's app factory: ``create_app(settings)``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from portal.adapters.sso import SsoClient
from portal.db import Base, make_engine, make_sessionmaker
from portal.rendering import render_error
from portal.routes import auth, public
from portal.settings import PortalSettings
from portal.web_session import SessionStore, session_middleware


def create_app(settings: PortalSettings | None = None) -> FastAPI:
    settings = settings or PortalSettings()
    engine = make_engine(settings.database_url)
    Base.metadata.create_all(engine)
    maker = make_sessionmaker(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=settings.http_timeout_s) as http:
            app.state.sso = SsoClient(
                issuer=settings.sso_issuer,
                client_id=settings.sso_client_id,
                client_secret=settings.sso_client_secret,
                redirect_uri=f"{settings.public_url}/auth/callback",
                http=http,
            )
            yield
        engine.dispose()

    app = FastAPI(
        title="Cổng dịch vụ công tham chiếu", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings
    app.state.db = maker
    app.middleware("http")(
        session_middleware(
            SessionStore(maker, settings.session_ttl_s), secure=settings.secure_cookies
        )
    )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "Không tìm thấy trang bạn yêu cầu.", 405: "Thao tác không được hỗ trợ."}
        message = (
            exc.detail if isinstance(exc.detail, str) and exc.status_code not in messages else None
        )
        return render_error(
            request, message or messages.get(exc.status_code, "Đã có lỗi xảy ra."), exc.status_code
        )

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "mode": settings.mode}

    app.include_router(public.router)
    app.include_router(auth.router)
    return app
