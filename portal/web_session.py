"""Server-side browser sessions with a CSRF token.

The cookie holds only a random id; the data lives in the ``web_sessions`` table, so
logout ends the session on the server. The id is rotated at sign-in (no session
fixation). Every state-changing form carries ``csrf_token``, checked by ``require_csrf``.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import sessionmaker

from portal import defects
from portal.models import WebSession

COOKIE = "dvc_session"


class SessionData(dict[str, Any]):
    """The session of one request. Mutations mark it for saving."""

    def __init__(self, session_id: str | None, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.session_id = session_id
        self.modified = False
        self.rotate_requested = False
        self.clear_requested = False

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.modified = True

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.modified = True

    def pop(self, key: str, *default: Any) -> Any:
        self.modified = True
        return super().pop(key, *default)

    def rotate(self) -> None:
        """Give the session a new id (at sign-in), keeping its data."""
        self.rotate_requested = True
        self.modified = True

    def end(self) -> None:
        """Delete the session on the server and in the browser (logout)."""
        self.clear()
        self.clear_requested = True

    @property
    def csrf_token(self) -> str:
        token = self.get("csrf")
        if not token:
            token = secrets.token_urlsafe(24)
            self["csrf"] = token
        return str(token)


class SessionStore:
    def __init__(
        self,
        maker: sessionmaker,
        ttl_s: int,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``now`` is the portal's clock, so a session expires when test mode moves time on."""
        self._maker = maker
        self._ttl = timedelta(seconds=ttl_s)
        self._now = now

    def load(self, session_id: str | None) -> SessionData:
        if session_id:
            with self._maker() as db:
                row = db.get(WebSession, session_id)
                if row is not None and row.expires_at > self._now():
                    return SessionData(session_id, dict(row.data))
        return SessionData(None, {})

    def save(self, session: SessionData) -> str:
        now = self._now()
        with self._maker.begin() as db:
            if session.session_id and session.rotate_requested:
                old = db.get(WebSession, session.session_id)
                if old is not None:
                    db.delete(old)
                session.session_id = None
            if session.session_id is None:
                session.session_id = secrets.token_urlsafe(32)
                db.add(
                    WebSession(
                        id=session.session_id,
                        data=dict(session),
                        created_at=now,
                        expires_at=now + self._ttl,
                    )
                )
            else:
                row = db.get(WebSession, session.session_id)
                if row is None:
                    db.add(
                        WebSession(
                            id=session.session_id,
                            data=dict(session),
                            created_at=now,
                            expires_at=now + self._ttl,
                        )
                    )
                else:
                    row.data = dict(session)
                    row.expires_at = now + self._ttl
        return session.session_id

    def delete(self, session_id: str) -> None:
        with self._maker.begin() as db:
            row = db.get(WebSession, session_id)
            if row is not None:
                db.delete(row)


def session_middleware(
    store: SessionStore, *, secure: bool
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        session = store.load(request.cookies.get(COOKIE))
        request.state.session = session
        response = await call_next(request)
        if session.clear_requested:
            if session.session_id:
                store.delete(session.session_id)
            response.delete_cookie(COOKIE, path="/")
        elif session.modified:
            session_id = store.save(session)
            response.set_cookie(
                COOKIE, session_id, httponly=True, samesite="lax", secure=secure, path="/"
            )
        return response

    return middleware


def session_of(request: Request) -> SessionData:
    session: SessionData = request.state.session
    return session


async def require_csrf(request: Request) -> None:
    """Dependency for every state-changing form: the posted token must match the session's."""
    form = await request.form()
    posted = str(form.get("csrf_token", ""))
    expected = session_of(request).get("csrf")
    if not expected or not secrets.compare_digest(posted, str(expected)):
        if defects.active("csrf_unchecked"):  # seeded defect: the token is not enforced
            return
        raise HTTPException(
            status_code=403, detail="Phiên làm việc không hợp lệ (CSRF). Vui lòng tải lại trang."
        )
