"""Template rendering shared by the portal's routes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from portal.integration.timefmt import VN_TZ
from portal.services.calendar import format_hours
from portal.services.workflow import status_name
from portal.web_session import session_of

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def vn_datetime(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if moment else ""


def vn_date(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%d/%m/%Y") if moment else ""


def money(amount: int | None) -> str:
    """``200000`` → ``200.000 đồng``."""
    return f"{int(amount or 0):,} đồng".replace(",", ".")


def iso_to_vn(value: str | None) -> str:
    """``2025-11-24`` → ``24/11/2025`` (other values unchanged)."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return value or ""


templates.env.filters.update(
    vn_datetime=vn_datetime,
    vn_date=vn_date,
    money=money,
    status_name=status_name,
    hours=format_hours,
    iso_to_vn=iso_to_vn,
)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    session = session_of(request)
    base = {
        "user": session.get("user"),
        "officer": session.get("officer"),
        "csrf_token": session.csrf_token,
        "agency_name": request.app.state.settings.agency_name,
        "notice": session.pop("notice", None) if "notice" in session else None,
    }
    return templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status
    )


def render_error(request: Request, message: str, status: int) -> HTMLResponse:
    return render(request, "error.html", {"message": message}, status=status)


def redirect(url: str, *, notice: str | None = None, request: Request | None = None) -> Response:
    """303 to ``url``; ``notice`` is shown once on the next page (role=status)."""
    if notice and request is not None:
        session_of(request)["notice"] = notice
    return RedirectResponse(url, status_code=303)


def sign_in_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/dang-nhap?next={quote(target, safe='/')}", status_code=303)
