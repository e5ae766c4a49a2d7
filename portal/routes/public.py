"""Home page and the citizen's own page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.rendering import render, sign_in_redirect
from portal.services.identity_claims import acr_label
from portal.web_session import session_of

router = APIRouter()


@router.get("/")
async def home(request: Request) -> Response:
    return render(request, "home.html")


@router.get("/ca-nhan")
async def my_page(request: Request) -> Response:
    user = session_of(request).get("user")
    if not user:
        return sign_in_redirect(request)
    return render(
        request,
        "citizen/me.html",
        {"identity": user, "acr": acr_label(user.get("acr")), "notes": user.get("claim_notes", [])},
    )
