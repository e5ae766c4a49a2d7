"""The reference portal's app factory: ``create_app(settings)``."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from portal import defects
from portal.adapters.sso import SsoClient
from portal.db import Base, make_engine, make_sessionmaker
from portal.integration.e_result import prepare_fonts
from portal.integration.e_result_pki import AgencyPki, prepare_signing
from portal.integration.national import NationalPortalClient, outbox_sender
from portal.integration.outbox import OutboxWorker
from portal.integration.payment import PaymentClient
from portal.integration.payment_recovery import start_payment_recovery, stop_payment_recovery
from portal.procedures import load_procedures
from portal.rendering import render_error
from portal.routes import auth, catalogue, dossiers, officer, payment, public, submission, verify
from portal.security_headers import security_headers_middleware
from portal.services import officers
from portal.services.clock import Clock
from portal.services.throttle import SignInThrottle
from portal.services.workflow import SyncContext
from portal.settings import PortalSettings
from portal.web_session import SessionStore, session_middleware

log = logging.getLogger("portal")
ERROR_MESSAGES = {
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy trang bạn yêu cầu.",
    405: "Thao tác không được hỗ trợ.",
}


def prepare_documents() -> None:
    prepare_fonts()
    prepare_signing()


def create_app(settings: PortalSettings | None = None) -> FastAPI:
    settings = settings or PortalSettings()
    defects.enable(defects.parse(settings.defects) if settings.test_mode else ())
    if defects.active_names():
        log.warning("seeded defects switched on: %s", ", ".join(sorted(defects.active_names())))
    procedures = load_procedures(settings.procedures_dir)
    engine = make_engine(settings.database_url)
    Base.metadata.create_all(engine)
    maker = make_sessionmaker(engine)
    if settings.seed_officers:
        with maker.begin() as db:
            officers.seed_demo_accounts(db, passwords=settings.officer_passwords)
    clock = Clock()
    store = SessionStore(maker, settings.session_ttl_s, now=clock.now)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=settings.http_timeout_s) as http:
            app.state.sso = SsoClient(
                issuer=settings.sso_issuer,
                client_id=settings.sso_client_id,
                client_secret=settings.sso_client_secret,
                redirect_uri=f"{settings.public_url}/auth/callback",
                http=http,
                scope=settings.sso_scope,
                algorithms=settings.sso_algorithm_list,
            )
            app.state.payment = PaymentClient(
                settings.payment_url,
                settings.payment_partner_code,
                settings.payment_secret,
                http,
                timeout_s=settings.payment_timeout_s,
            )
            app.state.national = NationalPortalClient(
                settings.national_url,
                settings.national_username,
                settings.national_password,
                settings.national_madonvi,
                http,
            )
            worker = OutboxWorker(maker, outbox_sender(app.state.national))
            app.state.outbox_worker = worker
            worker.start()
            # The result documents' fonts and the signing library are prepared once; do it
            # now, off the event loop, rather than in the first request that signs a result.
            threading.Thread(target=prepare_documents, name="documents", daemon=True).start()
            recovery = start_payment_recovery(
                maker,
                app.state.payment,
                procedures=procedures,
                now=clock.now,
                ctx=SyncContext(settings.public_url.rstrip("/"), on_commit=worker.wake),
            )
            try:
                yield
            finally:
                await stop_payment_recovery(recovery)
                await worker.stop()
        engine.dispose()

    app = FastAPI(
        title="Cổng dịch vụ công tham chiếu", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings = settings
    app.state.db = maker
    app.state.procedures = procedures
    app.state.clock = clock
    app.state.session_store = store
    app.state.pki = AgencyPki.load_or_create(settings.pki_path, settings.agency_name)
    app.state.outbox_worker = None
    app.state.sign_in_throttle = SignInThrottle(
        max_failures=settings.officer_max_failures,
        max_failures_per_client=settings.officer_max_failures_per_client,
        lockout=timedelta(seconds=settings.officer_lockout_s),
    )
    app.middleware("http")(session_middleware(store, secure=settings.secure_cookies))
    app.middleware("http")(security_headers_middleware(settings))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail: str | None = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code in (404, 405) or detail in (None, "Not Found", "Forbidden"):
            detail = None
        message = detail or ERROR_MESSAGES.get(exc.status_code, "Đã có lỗi xảy ra.")
        return render_error(request, message, exc.status_code)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "mode": settings.mode}

    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for router in (public, auth, catalogue, submission, dossiers, payment, officer, verify):
        app.include_router(router.router)
    app.add_api_route(settings.sso_post_logout_path, auth.signed_out, methods=["GET"])
    if settings.test_mode:
        from portal.routes import testing

        app.include_router(testing.router)
    return app
