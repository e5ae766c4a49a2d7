"""SSO mock: an OpenID Connect provider modelled on Cổng DVCQG / VNeID.

Authorization code flow with PKCE (S256 only), client_secret_basic at the token
endpoint, RS256 id_tokens, userinfo with the national portal's claim names, and
RP-initiated logout. Faults (``/_control/faults``) break exactly one thing each.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from joserfc import jwt
from joserfc.jwk import RSAKey
from pydantic import ValidationError

from mocks.common.app import (
    MockState,
    create_mock_app,
    json_object,
    note,
    reject,
    slow_or_down,
)
from mocks.sso.personas import Persona, seed_personas
from mocks.sso.settings import SsoSettings

FAULTS = {
    "access_denied": "authorize answers error=access_denied (the user or the provider refuses)",
    "temporarily_unavailable": "authorize answers error=temporarily_unavailable",
    "wrong_iss": "the next id_token carries another issuer",
    "wrong_aud": "the next id_token is for another client",
    "bad_signature": "the next id_token is signed with a key not in the JWKS",
    "expired_token": "the next id_token expired an hour ago",
    "nonce_mismatch": "the next id_token carries another nonce",
    "alg_none": "the next id_token is unsigned: header alg none, empty signature",
    "alg_hs256": "the next id_token is signed HS256 with the provider's public key (PEM) as "
    "the HMAC secret",
    "iat_future": "the next id_token says it was issued an hour from now (iat)",
    "nbf_future": "the next id_token is not valid before an hour from now (nbf)",
    "kid_missing": "the next id_token's header names no key (no kid); signed with the right key",
    "kid_unknown": "the next id_token names a key the JWKS lacks, and is signed with it",
    "retired_key": "the next id_token is signed with the key retired by the last rotation "
    "(POST /_control/keys/rotate)",
    "sub_mismatch": "userinfo answers another subject (sub) than the id_token's",
    "invalid_grant": "the token endpoint refuses the authorization code (invalid_grant)",
    "wrong_state": "authorize sends the browser back with another state than the portal sent",
    "slow": "the endpoint answers after params.delay_s seconds (default 5)",
    "down": "the endpoint answers 503",
}
# What a fault's match may name: the endpoint (discovery, jwks, authorize, login, token,
# userinfo, logout) and the persona's sub, where the request names one.
MATCH_KEYS = ("endpoint", "sub")
REFUSALS = ("access_denied", "temporarily_unavailable")
ID_TOKEN_FAULTS = (
    "wrong_iss",
    "wrong_aud",
    "bad_signature",
    "expired_token",
    "nonce_mismatch",
    "alg_none",
    "alg_hs256",
    "iat_future",
    "nbf_future",
    "kid_missing",
    "kid_unknown",
    "retired_key",
)
SESSION_COOKIE = "sso_sid"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


@dataclass
class AuthRequest:
    client_id: str
    redirect_uri: str
    state: str
    nonce: str
    code_challenge: str
    scope: str


@dataclass
class Grant:
    request: AuthRequest
    persona: Persona
    sid: str
    issued_at: float
    used: bool = False


@dataclass
class SsoStore:
    personas: dict[str, Persona] = field(default_factory=dict)
    pending: dict[str, AuthRequest] = field(default_factory=dict)
    codes: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, Persona] = field(default_factory=dict)
    sessions: dict[str, Persona] = field(default_factory=dict)  # IdP session id -> persona
    silent: str | None = None  # username to sign in without the login page

    def reset(self) -> None:
        self.personas = {p.username: p for p in seed_personas()}
        self.pending.clear()
        self.codes.clear()
        self.access_tokens.clear()
        self.sessions.clear()
        self.silent = None


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact(header: dict[str, Any], claims: dict[str, Any], sign: Any) -> str:
    """A JWS made by hand (what a library refuses to make: alg none, HS256 with a public
    key): ``sign(signing_input) -> signature bytes``."""
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode("utf-8")) for part in (header, claims)
    )
    return f"{signing_input}.{b64url(sign(signing_input.encode('ascii')))}"


class KeyRing:
    """The provider's signing key, the keys it retired, and a rogue key never published."""

    def __init__(self) -> None:
        self.generation = 0
        self.current = self._new()
        self.retired: list[RSAKey] = []

    def _new(self) -> RSAKey:
        self.generation += 1
        kid = f"sso-{self.generation}"
        return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})

    def rotate(self) -> RSAKey:
        """A new signing key; the old one leaves the JWKS at once (retired)."""
        self.retired.append(self.current)
        self.current = self._new()
        return self.current

    def reset(self) -> None:
        if self.retired:
            self.current = self.retired[0]
            self.retired.clear()
            self.generation = 1


def oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def create_app(public_url: str, settings: SsoSettings | None = None) -> Any:
    settings = settings or SsoSettings()
    issuer = public_url.rstrip("/")
    state = MockState("sso", FAULTS, MATCH_KEYS)
    store = SsoStore()
    store.reset()
    state.on_reset(store.reset)
    keys = KeyRing()
    state.on_reset(keys.reset)
    rogue_key = RSAKey.generate_key(2048, parameters={"kid": "sso-1", "use": "sig", "alg": "RS256"})
    router = APIRouter()

    async def endpoint_faults(
        request: Request, endpoint: str, sub: str | None = None
    ) -> Response | None:
        """``slow`` and ``down`` apply to any endpoint, matched by endpoint and, where the
        request names a persona, by sub."""
        note(request, service=endpoint)
        return await slow_or_down(
            state,
            request,
            {"error": "temporarily_unavailable", "error_description": "service unavailable"},
            endpoint=endpoint,
            sub=sub,
        )

    def session_persona(request: Request) -> Persona | None:
        sid = request.cookies.get(SESSION_COOKIE)
        return store.sessions.get(sid) if sid else None

    def refusal(request: Request, auth: AuthRequest, sub: str | None) -> RedirectResponse | None:
        """``access_denied`` / ``temporarily_unavailable``: checked when the authorization
        request arrives (sub known only from an IdP session) and again when a persona signs
        in, so that a fault matched on sub fires for that persona only."""
        for name in REFUSALS:
            if state.faults.take(name, endpoint="authorize", sub=sub):
                reject(request, f"fault: {name}", verdict="fault")
                return redirect_with(auth.redirect_uri, {"error": name, "state": auth.state})
        return None

    def redirect_with(uri: str, params: dict[str, str]) -> RedirectResponse:
        sep = "&" if "?" in uri else "?"
        return RedirectResponse(f"{uri}{sep}{urlencode(params)}", status_code=302)

    def issue_code(request: AuthRequest, persona: Persona, sid: str) -> RedirectResponse:
        code = secrets.token_urlsafe(24)
        store.codes[code] = Grant(request=request, persona=persona, sid=sid, issued_at=time.time())
        params = {"code": code}
        if request.state:
            params["state"] = request.state
        if state.faults.take("wrong_state", endpoint="authorize", sub=persona.sub):
            params["state"] = secrets.token_urlsafe(24)
        return redirect_with(request.redirect_uri, params)

    def sign_in(request: AuthRequest, persona: Persona) -> RedirectResponse:
        sid = secrets.token_urlsafe(16)
        store.sessions[sid] = persona
        response = issue_code(request, persona, sid)
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="lax", path="/")
        return response

    @router.get("/.well-known/openid-configuration")
    async def discovery(request: Request) -> Response:
        down = await endpoint_faults(request, "discovery")
        if down:
            return down
        return JSONResponse(
            {
                "issuer": issuer,
                "authorization_endpoint": f"{issuer}/authorize",
                "token_endpoint": f"{issuer}/token",
                "userinfo_endpoint": f"{issuer}/userinfo",
                "jwks_uri": f"{issuer}/jwks",
                "end_session_endpoint": f"{issuer}/logout",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                "scopes_supported": ["openid", "profile"],
                "acr_values_supported": ["LoA1", "LoA2", "LoA3"],
                "claims_supported": [
                    "sub",
                    "acr",
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
                ],
            }
        )

    @router.get("/jwks")
    async def jwks(request: Request) -> Response:
        down = await endpoint_faults(request, "jwks")
        if down:
            return down
        return JSONResponse({"keys": [keys.current.as_dict(private=False)]})

    @router.get("/authorize", response_model=None)
    async def authorize(request: Request) -> Response:
        known = session_persona(request)
        down = await endpoint_faults(request, "authorize", known.sub if known else None)
        if down:
            return down
        q = request.query_params
        client_id, redirect_uri = q.get("client_id", ""), q.get("redirect_uri", "")
        # Errors about the client or the redirect URI must not redirect (RFC 6749 §4.1.2.1).
        if client_id != settings.client_id:
            reject(request, f"unknown client_id {client_id!r}")
            return HTMLResponse("Ứng dụng không được đăng ký (client_id không hợp lệ).", 400)
        if not settings.allowed(redirect_uri, settings.redirect_uris):
            reject(request, f"redirect_uri not registered: {redirect_uri!r}")
            return HTMLResponse("Địa chỉ chuyển hướng không được đăng ký.", 400)
        state_param = q.get("state", "")
        problems = []
        if q.get("response_type") != "code":
            problems.append("response_type must be code")
        if "openid" not in q.get("scope", "").split():
            problems.append("scope must include openid")
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            problems.append("PKCE with code_challenge_method=S256 is required")
        if not q.get("nonce"):
            problems.append("nonce is required")
        if not state_param:
            problems.append("state is required")
        if problems:
            reject(request, "; ".join(problems))
            return redirect_with(
                redirect_uri,
                {
                    "error": "invalid_request",
                    "error_description": "; ".join(problems),
                    "state": state_param,
                },
            )
        auth = AuthRequest(
            client_id=client_id,
            redirect_uri=redirect_uri,
            state=state_param,
            nonce=q["nonce"],
            code_challenge=q["code_challenge"],
            scope=q.get("scope", ""),
        )
        # the sub is known here only from an IdP session; else again once a persona signs in
        refused = refusal(request, auth, known.sub if known else None)
        if refused:
            return refused
        sid = request.cookies.get(SESSION_COOKIE, "")
        if known and q.get("prompt") != "login":
            note(request, persona=known.username, silent="idp-session")
            return issue_code(auth, known, sid)
        if store.silent and store.silent in store.personas:
            persona = store.personas[store.silent]
            refused = refusal(request, auth, persona.sub)
            if refused:
                return refused
            note(request, persona=store.silent, silent="control")
            return sign_in(auth, persona)
        request_id = secrets.token_urlsafe(16)
        store.pending[request_id] = auth
        return TEMPLATES.TemplateResponse(
            request,
            "login.html",
            {"request_id": request_id, "personas": list(store.personas.values()), "error": None},
        )

    @router.post("/login", response_model=None)
    async def login(
        request: Request,
        request_id: str = Form(...),
        action: str = Form("login"),
        username: str = Form(""),
        password: str = Form(""),
    ) -> Response:
        named = store.personas.get(username.strip())
        down = await endpoint_faults(request, "login", named.sub if named else None)
        if down:
            return down
        auth = store.pending.get(request_id)
        if auth is None:
            reject(request, "unknown or finished authorization request")
            return HTMLResponse(
                "Phiên đăng nhập đã hết hạn. Vui lòng thử lại từ cổng dịch vụ công.", 400
            )
        if action == "cancel":
            del store.pending[request_id]
            return redirect_with(auth.redirect_uri, {"error": "access_denied", "state": auth.state})
        persona = store.personas.get(username.strip())
        if persona is None or not secrets.compare_digest(persona.password, password):
            reject(request, "wrong username or password")
            return TEMPLATES.TemplateResponse(
                request,
                "login.html",
                {
                    "request_id": request_id,
                    "personas": list(store.personas.values()),
                    "error": "Tên đăng nhập hoặc mật khẩu không đúng.",
                },
                status_code=401,
            )
        del store.pending[request_id]
        note(request, persona=persona.username)
        return refusal(request, auth, persona.sub) or sign_in(auth, persona)

    def id_token_for(grant: Grant, request: Request) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": grant.request.client_id,
            "sub": grant.persona.sub,
            "iat": now,
            "exp": now + settings.id_token_ttl_s,
            "auth_time": int(grant.issued_at),
            "nonce": grant.request.nonce,
            "acr": grant.persona.acr,
            "sid": grant.sid,
        }
        key = keys.current
        header: dict[str, Any] = {"alg": "RS256", "kid": key.kid}
        context = {"endpoint": "token", "sub": grant.persona.sub}
        fault = state.faults.take_any(ID_TOKEN_FAULTS, **context)
        if fault is not None:
            note(request, id_token_fault=fault.name)
            if fault.name == "alg_none":
                return compact({"alg": "none", "kid": key.kid}, claims, lambda _: b"")
            if fault.name == "alg_hs256":
                secret = key.as_pem(private=False)
                return compact(
                    {"alg": "HS256", "kid": key.kid},
                    claims,
                    lambda data: hmac.new(secret, data, hashlib.sha256).digest(),
                )
            if fault.name == "iat_future":
                claims["iat"] = now + 3600
                claims["exp"] = now + 3600 + settings.id_token_ttl_s
            elif fault.name == "nbf_future":
                claims["nbf"] = now + 3600
            elif fault.name == "kid_missing":
                header.pop("kid")
            elif fault.name == "kid_unknown":
                key, header["kid"] = rogue_key, "sso-khong-cong-bo"
            elif fault.name == "retired_key":
                if keys.retired:
                    key = keys.retired[-1]
                    header["kid"] = key.kid
                else:  # a misuse of the control API: said in the journal, token left whole
                    reject(request, "retired_key armed but no key was retired: rotate first")
            elif fault.name == "wrong_iss":
                claims["iss"] = "https://sso.gia-mao.example"
            elif fault.name == "wrong_aud":
                claims["aud"] = "ung-dung-khac"
            elif fault.name == "bad_signature":
                key = rogue_key
            elif fault.name == "expired_token":
                claims["iat"], claims["exp"] = now - 7200, now - 3600
            elif fault.name == "nonce_mismatch":
                claims["nonce"] = secrets.token_urlsafe(12)
        return jwt.encode(header, claims, key)

    def client_credentials(request: Request) -> tuple[str, str] | None:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return None
        try:
            decoded = base64.b64decode(header[6:]).decode("utf-8")
        except ValueError:
            return None
        client_id, sep, secret = decoded.partition(":")
        return (client_id, secret) if sep else None

    @router.post("/token", response_model=None)
    async def token(request: Request) -> Response:
        form = await request.form()
        peeked = store.codes.get(str(form.get("code", "")))
        down = await endpoint_faults(request, "token", peeked.persona.sub if peeked else None)
        if down:
            return down
        credentials = client_credentials(request)
        if (
            credentials is None
            or credentials[0] != settings.client_id
            or not secrets.compare_digest(credentials[1], settings.client_secret)
        ):
            reject(request, "client authentication failed (client_secret_basic)")
            return oauth_error("invalid_client", "client authentication failed", 401)
        if form.get("grant_type") != "authorization_code":
            reject(request, "grant_type must be authorization_code")
            return oauth_error("unsupported_grant_type", "only authorization_code")
        code = str(form.get("code", ""))
        grant = store.codes.get(code)
        if grant is not None and state.faults.take(
            "invalid_grant", endpoint="token", sub=grant.persona.sub
        ):
            reject(request, "fault: invalid_grant", verdict="fault")
            return oauth_error("invalid_grant", "authorization code is invalid or has expired")
        if grant is None:
            reject(request, "unknown authorization code")
            return oauth_error("invalid_grant", "unknown authorization code")
        if grant.used:
            # A replayed code: refuse, and revoke what the first use gave (RFC 6749 §4.1.2).
            for token_value in [t for t, p in store.access_tokens.items() if p is grant.persona]:
                del store.access_tokens[token_value]
            reject(request, "authorization code already used")
            return oauth_error("invalid_grant", "authorization code already used")
        if time.time() - grant.issued_at > settings.code_ttl_s:
            reject(request, "authorization code expired")
            return oauth_error("invalid_grant", "authorization code expired")
        if grant.request.client_id != credentials[0]:
            reject(request, "code was issued to another client")
            return oauth_error("invalid_grant", "code was issued to another client")
        if form.get("redirect_uri") != grant.request.redirect_uri:
            reject(request, "redirect_uri differs from the authorization request")
            return oauth_error("invalid_grant", "redirect_uri mismatch")
        verifier = str(form.get("code_verifier", ""))
        if not verifier or not secrets.compare_digest(s256(verifier), grant.request.code_challenge):
            reject(request, "PKCE verification failed")
            return oauth_error("invalid_grant", "PKCE verification failed")
        grant.used = True
        access_token = secrets.token_urlsafe(32)
        store.access_tokens[access_token] = grant.persona
        note(request, persona=grant.persona.username)
        return JSONResponse(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": settings.id_token_ttl_s,
                "id_token": id_token_for(grant, request),
                "scope": grant.request.scope,
            },
            headers={"Cache-Control": "no-store"},
        )

    @router.get("/userinfo", response_model=None)
    async def userinfo(request: Request) -> Response:
        header = request.headers.get("authorization", "")
        persona = (
            store.access_tokens.get(header[7:]) if header.lower().startswith("bearer ") else None
        )
        down = await endpoint_faults(request, "userinfo", persona.sub if persona else None)
        if down:
            return down
        if persona is None:
            reject(request, "missing or unknown access token")
            return JSONResponse(
                {"error": "invalid_token"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        claims = persona.claims()
        if state.faults.take("sub_mismatch", endpoint="userinfo", sub=persona.sub):
            note(request, fault="sub_mismatch")
            claims["sub"] = f"khac-{secrets.token_hex(8)}"
        return JSONResponse(claims)

    @router.get("/logout", response_model=None)
    async def logout(request: Request) -> Response:
        known = session_persona(request)
        down = await endpoint_faults(request, "logout", known.sub if known else None)
        if down:
            return down
        sid = request.cookies.get(SESSION_COOKIE)
        ended = store.sessions.pop(sid, None) if sid else None
        note(request, ended_session=ended.username if ended else None)
        target = request.query_params.get("post_logout_redirect_uri")
        if target and not settings.allowed(target, settings.post_logout_redirect_uris):
            reject(request, f"post_logout_redirect_uri not registered: {target!r}")
            target = None
        if target:
            params = (
                {"state": request.query_params["state"]} if "state" in request.query_params else {}
            )
            response: Response = (
                redirect_with(target, params) if params else RedirectResponse(target, 302)
            )
        else:
            response = HTMLResponse("<p>Bạn đã đăng xuất khỏi hệ thống định danh.</p>")
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @router.post("/_control/persona")
    async def add_persona(request: Request) -> JSONResponse:
        try:
            persona = Persona.model_validate(await request.json())
        except (ValidationError, ValueError) as exc:
            return JSONResponse({"error": f"invalid persona: {exc}"}, status_code=400)
        store.personas[persona.username] = persona
        return JSONResponse({"username": persona.username, "sub": persona.sub})

    @router.get("/_control/persona")
    async def list_personas() -> dict[str, Any]:
        return {
            "personas": [p.model_dump() for p in store.personas.values()],
            "silent": store.silent,
        }

    @router.post("/_control/keys/rotate")
    async def rotate_key() -> dict[str, Any]:
        """A new signing key in the JWKS; the old one is retired (out of the JWKS) at once.
        ``/_control/reset`` goes back to the first key."""
        retired = keys.current.kid
        return {"kid": keys.rotate().kid, "retired": retired}

    @router.get("/_control/keys")
    async def list_keys() -> dict[str, Any]:
        return {"current": keys.current.kid, "retired": [k.kid for k in keys.retired]}

    @router.put("/_control/persona/silent")
    async def set_silent(request: Request) -> JSONResponse:
        username = (await json_object(request)).get("username")
        if username is not None and username not in store.personas:
            return JSONResponse({"error": f"unknown persona {username!r}"}, status_code=404)
        store.silent = username
        return JSONResponse({"silent": username})

    return create_mock_app(
        state,
        title="SSO mock (Cổng DVCQG / VNeID)",
        extra=router,
        control_token=settings.control_token,
    )
