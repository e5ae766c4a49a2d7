"""Citizen sign-in through the national SSO, and sign-out of both sessions."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from portal.adapters.sso import IdTokenError, LoginRequest, SsoClient, SsoError
from portal.rendering import render, render_error
from portal.web_session import require_csrf, session_of

log = logging.getLogger("portal.auth")
router = APIRouter()

PROVIDER_ERRORS = {
    "access_denied": "Đăng nhập bị từ chối bởi hệ thống định danh. Bạn chưa được đăng nhập.",
    "temporarily_unavailable": "Hệ thống định danh quốc gia tạm thời không phục vụ. Vui lòng thử lại sau ít phút.",
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
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/ca-nhan"
    return target


def sso_client(request: Request) -> SsoClient:
    client: SsoClient = request.app.state.sso
    return client


@router.get("/dang-nhap")
async def sign_in(request: Request, next: str | None = None) -> Response:
    session = session_of(request)
    login = LoginRequest.new()
    try:
        url = await sso_client(request).authorization_url(login)
    except SsoError as exc:
        log.warning("sign-in could not start: %s", exc)
        return render_error(
            request,
            "Không kết nối được hệ thống định danh quốc gia. Vui lòng thử lại sau ít phút.",
            503,
        )
    pending: dict[str, Any] = dict(session.get("oidc_pending", {}))
    pending[login.state] = {
        "nonce": login.nonce,
        "code_verifier": login.code_verifier,
        "next": safe_next(next),
    }
    session["oidc_pending"] = dict(list(pending.items())[-5:])  # a few tabs at once, no more
    return RedirectResponse(url, status_code=302)


@router.get("/auth/callback")
async def callback(request: Request) -> Response:
    session = session_of(request)
    q = request.query_params
    pending: dict[str, Any] = dict(session.get("oidc_pending", {}))
    attempt = pending.pop(q.get("state", ""), None)
    session["oidc_pending"] = pending  # a state is good for one callback only
    if q.get("error"):
        message = PROVIDER_ERRORS.get(
            q["error"], "Hệ thống định danh báo lỗi. Bạn chưa được đăng nhập."
        )
        return render_error(request, message, 401 if q["error"] == "access_denied" else 503)
    if attempt is None:
        return render_error(
            request,
            "Yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng. Vui lòng đăng nhập lại.",
            400,
        )
    sso = sso_client(request)
    try:
        tokens = await sso.exchange_code(
            code=q.get("code", ""), code_verifier=attempt["code_verifier"]
        )
        claims = await sso.verify_id_token(tokens["id_token"], nonce=attempt["nonce"])
        identity = await sso.userinfo(tokens["access_token"])
    except IdTokenError as exc:
        log.warning("id_token refused: %s", exc)
        return render_error(
            request,
            "Thông tin xác thực từ hệ thống định danh không hợp lệ. Bạn chưa được đăng nhập.",
            401,
        )
    except SsoError as exc:
        log.warning("sign-in failed: %s", exc)
        return render_error(
            request, "Không hoàn tất được đăng nhập với hệ thống định danh. Vui lòng thử lại.", 502
        )
    if identity.get("sub") != claims["sub"]:
        log.warning(
            "userinfo sub %r differs from id_token sub %r", identity.get("sub"), claims["sub"]
        )
        return render_error(
            request,
            "Thông tin xác thực từ hệ thống định danh không hợp lệ. Bạn chưa được đăng nhập.",
            401,
        )
    session.rotate()
    session.pop("csrf", None)
    session["user"] = {
        "sub": claims["sub"],
        "acr": claims.get("acr"),
        "id_token": tokens["id_token"],
        **{key: identity.get(key) for key in IDENTITY_KEYS if identity.get(key) is not None},
    }
    return RedirectResponse(attempt["next"], status_code=303)


@router.post("/dang-xuat", dependencies=[Depends(require_csrf)])
async def sign_out(request: Request) -> Response:
    session = session_of(request)
    id_token = (session.get("user") or {}).get("id_token")
    session.end()
    settings = request.app.state.settings
    try:
        url = await sso_client(request).end_session_url(
            id_token_hint=id_token, post_logout_redirect_uri=f"{settings.public_url}/da-dang-xuat"
        )
    except SsoError as exc:
        log.warning("could not reach the identity provider to end its session: %s", exc)
        url = "/da-dang-xuat?idp=loi"
    return RedirectResponse(url, status_code=303)


@router.get("/da-dang-xuat")
async def signed_out(request: Request, idp: str | None = None) -> Response:
    return render(request, "auth/signed_out.html", {"idp_failed": idp == "loi"})
