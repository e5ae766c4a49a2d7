"""Citizen sign-in through the national SSO, and sign-out of both sessions."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from portal import defects
from portal.adapters.sso import (
    IdTokenError,
    LoginRequest,
    SsoClient,
    SsoError,
    SsoGrantRefused,
    SsoUnavailable,
)
from portal.rendering import render
from portal.services.identity_claims import ClaimError, read_identity
from portal.web_session import require_csrf, session_of

log = logging.getLogger("portal.auth")
router = APIRouter()

UNAVAILABLE = (
    "Hệ thống định danh quốc gia tạm thời không phục vụ. "
    "Bạn chưa được đăng nhập, vui lòng thử lại sau ít phút."
)
INVALID_TOKEN = "Thông tin xác thực từ hệ thống định danh không hợp lệ. Bạn chưa được đăng nhập."
UNKNOWN_ATTEMPT = "Yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng. Vui lòng đăng nhập lại."
GRANT_REFUSED = (
    "Mã đăng nhập do hệ thống định danh cấp không còn hiệu lực (đã hết hạn hoặc đã được dùng). "
    "Bạn chưa được đăng nhập, vui lòng đăng nhập lại."
)
FAILED = "Không hoàn tất được đăng nhập với hệ thống định danh. Bạn chưa được đăng nhập."
# OIDC error codes the provider may send back instead of a code (the user cancelling is
# access_denied too: the portal cannot tell the two apart, so it says both).
PROVIDER_ERRORS = {
    "access_denied": "Đăng nhập đã bị hủy hoặc bị hệ thống định danh từ chối. Bạn chưa được đăng nhập.",
    "temporarily_unavailable": UNAVAILABLE,
    "server_error": UNAVAILABLE,
    "login_required": "Bạn cần đăng nhập tại hệ thống định danh.",
}
IDENTITY_KEYS = (
    "SoDinhDanh",
    "HoVaTen",
    "NgayThangNamSinh",
    "GioiTinh",
    "ThuongTru",
    "SoDienThoai",
    "ThuDienTu",
    "LoaiTaiKhoan",
    "MaSoDoanhNghiep",
    "TenDoanhNghiep",
)


def safe_next(target: str | None) -> str:
    """Only a path on this portal: refuse absolute and scheme-relative URLs (open redirect)."""
    if defects.active("open_redirect_after_sign_in") and target:  # seeded: "/" checked only
        return target if target.startswith("/") else "/ca-nhan"
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/ca-nhan"
    return target


def requested_next(request: Request) -> str | None:
    """The page to return to after sign-in, query included.

    A redirect that put an unencoded ``/path?a=1&b=2`` into ``next`` reaches us as
    ``next=/path?a=1`` and ``b=2``: the parameters other than ``next`` belong to it.
    """
    items = request.query_params.multi_items()
    target = next((value for key, value in items if key == "next"), None)
    rest = [(key, value) for key, value in items if key != "next"]
    if target and rest:
        target += ("&" if "?" in target else "?") + urlencode(rest)
    return target


def failed(
    request: Request, message: str, status: int, *, retry_next: str | None = None
) -> Response:
    """The sign-in did not complete: say why, offer to try again, start no session."""
    return render(
        request,
        "auth/sign_in_failed.html",
        {"message": message, "retry_next": retry_next},
        status=status,
    )


def sso_client(request: Request) -> SsoClient:
    client: SsoClient = request.app.state.sso
    return client


@router.get("/dang-nhap")
async def sign_in(request: Request) -> Response:
    session = session_of(request)
    login = LoginRequest.new()
    target = safe_next(requested_next(request))
    try:
        url = await sso_client(request).authorization_url(login)
    except SsoError as exc:
        log.warning("sign-in could not start: %s", exc)
        return failed(request, UNAVAILABLE, 503, retry_next=target)
    pending: dict[str, Any] = dict(session.get("oidc_pending", {}))
    pending[login.state] = {
        "nonce": login.nonce,
        "code_verifier": login.code_verifier,
        "next": target,
    }
    session["oidc_pending"] = dict(list(pending.items())[-5:])  # a few tabs at once, no more
    return RedirectResponse(url, status_code=302)


@router.get("/auth/callback")
async def callback(request: Request) -> Response:
    session = session_of(request)
    q = request.query_params
    pending: dict[str, Any] = dict(session.get("oidc_pending", {}))
    if defects.active("oidc_state_ignored"):  # seeded defect: any attempt, state kept for reuse
        attempt = next(reversed(pending.values()), None)
    else:
        attempt = pending.pop(q.get("state", ""), None)
        session["oidc_pending"] = pending  # a state is good for one callback only
    retry_next = attempt["next"] if attempt else None
    if q.get("error"):
        log.info("identity provider answered error=%s", q["error"])
        message = PROVIDER_ERRORS.get(q["error"], FAILED)
        status = 401 if q["error"] == "access_denied" else 503
        return failed(request, message, status, retry_next=retry_next)
    if attempt is None:
        return failed(request, UNKNOWN_ATTEMPT, 400)
    sso = sso_client(request)
    try:
        tokens = await sso.exchange_code(
            code=q.get("code", ""), code_verifier=attempt["code_verifier"]
        )
        claims = await sso.verify_id_token(tokens["id_token"], nonce=attempt["nonce"])
        identity = await sso.userinfo(tokens["access_token"])
    except IdTokenError as exc:
        log.warning("id_token refused: %s", exc)
        return failed(request, INVALID_TOKEN, 401, retry_next=retry_next)
    except SsoUnavailable as exc:
        log.warning("identity provider unavailable: %s", exc)
        return failed(request, UNAVAILABLE, 503, retry_next=retry_next)
    except SsoGrantRefused as exc:
        log.warning("sign-in failed: %s", exc)
        return failed(request, GRANT_REFUSED, 400, retry_next=retry_next)
    except SsoError as exc:
        log.warning("sign-in failed: %s", exc)
        return failed(request, FAILED, 502, retry_next=retry_next)
    if identity.get("sub") != claims["sub"]:
        log.warning(
            "userinfo sub %r differs from id_token sub %r", identity.get("sub"), claims["sub"]
        )
        return failed(request, INVALID_TOKEN, 401, retry_next=retry_next)
    try:
        person = read_identity(identity)
    except ClaimError as exc:
        log.warning("identity claims refused: %s", exc)
        return failed(request, str(exc), 401, retry_next=retry_next)
    if not defects.active("session_not_rotated_at_sign_in"):  # seeded defect: fixation
        session.rotate()
    session.pop("csrf", None)
    session["user"] = {
        "sub": claims["sub"],
        "acr": claims.get("acr"),
        "id_token": tokens["id_token"],
        **{key: person.claims[key] for key in IDENTITY_KEYS if key in person.claims},
        "claim_notes": person.notes,
    }
    return RedirectResponse(attempt["next"], status_code=303)


@router.post("/dang-xuat", dependencies=[Depends(require_csrf)])
async def sign_out(request: Request) -> Response:
    session = session_of(request)
    id_token = (session.get("user") or {}).get("id_token")
    if not defects.active("logout_keeps_portal_session"):  # seeded defect: only the IdP logs out
        session.end()
    settings = request.app.state.settings
    try:
        url = await sso_client(request).end_session_url(
            id_token_hint=id_token,
            post_logout_redirect_uri=f"{settings.public_url}{settings.sso_post_logout_path}",
        )
    except SsoError as exc:
        log.warning("could not reach the identity provider to end its session: %s", exc)
        url = f"{settings.sso_post_logout_path}?idp=loi"
    return RedirectResponse(url, status_code=303)


async def signed_out(request: Request, idp: str | None = None) -> Response:
    """Where the provider sends the citizen after its own sign-out: served at
    ``PORTAL_SSO_POST_LOGOUT_PATH`` (the path registered at the provider), ``/da-dang-xuat``
    by default; the app factory adds the route (portal/app.py)."""
    return render(request, "auth/signed_out.html", {"idp_failed": idp == "loi"})
