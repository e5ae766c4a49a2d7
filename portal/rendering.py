"""Template rendering shared by the portal's routes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from portal.web_session import session_of

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    session = session_of(request)
    base = {
        "user": session.get("user"),
        "csrf_token": session.csrf_token,
        "agency_name": request.app.state.settings.agency_name,
    }
    return templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status
    )


def render_error(request: Request, message: str, status: int) -> HTMLResponse:
    return render(request, "error.html", {"message": message}, status=status)


def sign_in_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/dang-nhap?next={target}", status_code=303)
