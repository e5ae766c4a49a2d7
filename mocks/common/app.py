"""What every mock shares: the journal middleware, strict errors and the control API.

``/_control/reset``, ``/_control/faults`` and ``/_control/journal`` behave alike on all
mocks; a mock adds its own control routes (``/_control/persona``) through ``extra``.
Every request outside ``/_control`` and ``/health`` is journaled with its verdict; an
unexpected request (unknown route, wrong method, malformed body) is answered with an
error and journaled as rejected, never a silent 404.

The control API answers only calls that carry the mock's control token in the
``X-Control-Token`` header and come from no web page: a request with a foreign
``Origin`` or a ``Sec-Fetch-Site`` other than ``same-origin``/``none`` is refused (403),
so is one without the token or with another (401). A refused control call is journaled
with its reason (the token itself never is).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from mocks.common.faults import FaultRegistry, UnknownFault
from mocks.common.journal import Journal, JournalEntry, parse_body

UNJOURNALED_PREFIXES = ("/_control", "/health", "/favicon.ico")
CONTROL_PREFIX = "/_control"
CONTROL_HEADER = "X-Control-Token"
# What a browser says of a request made by a page of this very origin, or typed by the user.
SAME_SITE_FETCHES = ("same-origin", "none")


class MockState:
    """The state of one mock server: its journal, its faults and what reset clears.

    ``match_keys`` names what a fault's ``match`` may name on this mock (None: anything).
    """

    def __init__(
        self, name: str, faults: dict[str, str], match_keys: tuple[str, ...] | None = None
    ) -> None:
        self.name = name
        self.journal = Journal()
        self.faults = FaultRegistry(faults, match_keys)
        self._reset_hooks: list[Callable[[], None]] = []

    def on_reset(self, hook: Callable[[], None]) -> None:
        self._reset_hooks.append(hook)

    def reset(self) -> None:
        self.journal.clear()
        self.faults.clear()
        for hook in self._reset_hooks:
            hook()


def entry_of(request: Request) -> JournalEntry | None:
    return getattr(request.state, "journal_entry", None)


def note(request: Request, *, service: str | None = None, **extra: Any) -> None:
    """Annotate the request's journal entry (the operation, extra facts)."""
    entry = entry_of(request)
    if entry is None:
        return
    if service:
        entry.service = service
    entry.extra.update(extra)


def reject(request: Request, reason: str, *, verdict: str = "rejected") -> None:
    """Mark the request's journal entry as refused, with the reason a reader will see."""
    entry = entry_of(request)
    if entry is not None:
        entry.verdict = verdict
        entry.reason = reason


class MalformedRequest(Exception):
    """Raised by a handler for a body it cannot read: answered 400 ``{"error": ...}``."""


async def json_object(request: Request) -> dict[str, Any]:
    """The request's body as a JSON object, or MalformedRequest."""
    try:
        body = await request.json()
    except ValueError:
        raise MalformedRequest("malformed request: the body is not JSON") from None
    if not isinstance(body, dict):
        raise MalformedRequest("malformed request: the body is not a JSON object")
    return body


async def slow_or_down(
    state: MockState, request: Request, down_body: dict[str, Any], **context: Any
) -> Response | None:
    """The availability faults every mock has: ``slow`` waits ``params.delay_s`` (default 5)
    before answering, ``down`` answers 503 with ``down_body``. Both may be matched on
    ``context`` (e.g. ``endpoint``)."""
    slow = state.faults.take("slow", **context)
    if slow:
        delay = float(slow.params.get("delay_s", 5))
        note(request, fault_slow_s=delay)
        await asyncio.sleep(delay)  # the fault itself: the mock answers late
    if state.faults.take("down", **context):
        reject(request, "fault: down", verdict="fault")
        return JSONResponse(down_body, status_code=503)
    return None


class FaultRequest(BaseModel):
    name: str
    times: int = Field(default=1, ge=0)
    params: dict[str, Any] = Field(default_factory=dict)
    match: dict[str, str] = Field(default_factory=dict)


def control_router(state: MockState) -> APIRouter:
    router = APIRouter(prefix="/_control", tags=["control"])

    # async: reset hooks run on the event loop (they may cancel the mock's own tasks)
    @router.post("/reset")
    async def reset() -> dict[str, Any]:
        state.reset()
        return {"ok": True, "journal_seq": state.journal.last_seq}

    @router.get("/faults")
    async def list_faults() -> dict[str, Any]:
        return {"known": state.faults.known, "armed": state.faults.armed()}

    @router.post("/faults")
    async def arm_fault(body: FaultRequest) -> JSONResponse:
        try:
            fault = state.faults.arm(
                body.name, times=body.times, params=body.params, match=body.match
            )
        except UnknownFault as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(
            {
                "armed": fault.name,
                "times": fault.times,
                "params": fault.params,
                "match": fault.match,
            }
        )

    @router.delete("/faults")
    async def clear_faults() -> dict[str, Any]:
        state.faults.clear()
        return {"ok": True}

    @router.get("/journal/cursor")
    async def journal_cursor() -> dict[str, int]:
        """Only the last sequence number: where a reader's next ``since`` starts."""
        return {"last_seq": state.journal.last_seq}

    @router.get("/journal")
    async def journal(since: int = 0, service: str | None = None) -> dict[str, Any]:
        return {
            "last_seq": state.journal.last_seq,
            "entries": state.journal.entries(since=since, service=service),
        }

    return router


def control_refusal(request: Request, token: str) -> tuple[int, str] | None:
    """Why a control call is refused (HTTP status, reason), or None to answer it."""
    fetch_site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    own_origin = f"{request.url.scheme}://{request.url.netloc}"
    if (fetch_site and fetch_site not in SAME_SITE_FETCHES) or (origin and origin != own_origin):
        return 403, (
            f"cross-site control call refused (Origin {origin or '-'}, "
            f"Sec-Fetch-Site {fetch_site or '-'})"
        )
    given = request.headers.get(CONTROL_HEADER)
    if not given:
        return 401, f"control call without the {CONTROL_HEADER} header"
    if not secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return 401, f"control call with a wrong {CONTROL_HEADER}"
    return None


def create_mock_app(
    state: MockState,
    *,
    title: str,
    extra: APIRouter | None = None,
    control_token: str = "",
) -> FastAPI:
    """``control_token``: what ``/_control`` calls must carry in ``X-Control-Token``;
    empty: a random one, in ``app.state.control_token`` (``app.state.control_token_made``)."""
    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url="/_control/openapi.json")
    app.state.mock = state
    app.state.control_token_made = not control_token
    app.state.control_token = control_token or secrets.token_urlsafe(24)

    async def open_entry(request: Request) -> JournalEntry:
        raw = await request.body()
        return state.journal.open(
            method=request.method,
            path=request.url.path,
            query=dict(request.query_params),
            body=parse_body(raw, request.headers.get("content-type", "")),
        )

    @app.middleware("http")
    async def journal_requests(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith(CONTROL_PREFIX):
            refused = control_refusal(request, app.state.control_token)
            if refused is None:
                return await call_next(request)
            status, reason = refused
            entry = await open_entry(request)
            entry.service, entry.status = "control", status
            entry.verdict, entry.reason = "rejected", reason
            return JSONResponse({"error": reason}, status_code=status)
        if request.url.path.startswith(UNJOURNALED_PREFIXES):
            return await call_next(request)
        entry = await open_entry(request)
        request.state.journal_entry = entry
        try:
            response = await call_next(request)
        except Exception as exc:  # the mock's own bug: journal it, then let it surface
            entry.status = 500
            entry.verdict = "rejected"
            entry.reason = f"mock error: {exc!r}"
            raise
        entry.status = response.status_code
        if response.status_code >= 400 and entry.verdict == "accepted":
            entry.verdict = "rejected"
            entry.reason = entry.reason or f"HTTP {response.status_code}"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def strict_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code in (404, 405):
            reason = f"unexpected request: {request.method} {request.url.path}"
        else:
            reason = str(exc.detail)
        reject(request, reason)
        return JSONResponse({"error": reason}, status_code=exc.status_code)

    @app.exception_handler(MalformedRequest)
    async def malformed_body(request: Request, exc: MalformedRequest) -> JSONResponse:
        reject(request, str(exc))
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def strict_validation_error(
        request: Request, exc: RequestValidationError
    ) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        reason = f"malformed request: {problems}"
        reject(request, reason)
        return JSONResponse({"error": reason}, status_code=400)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "service": state.name}

    app.include_router(control_router(state))
    if extra is not None:
        app.include_router(extra)
    return app
