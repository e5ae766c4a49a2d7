"""The portal as an OpenID Connect relying party of the national SSO.

Authorization code flow with PKCE (S256), state and nonce; client_secret_basic at the
token endpoint; the id_token verified with joserfc (RS256 signature against the
provider's JWKS, iss, aud, exp, iat, nonce) before any session starts.

What the header must say (docs/sso.md): ``alg`` RS256 and nothing else (not ``none``, not
HS256 with the public key as secret), and a ``kid`` naming a key of the JWKS. A ``kid``
the cached JWKS lacks makes the portal fetch the JWKS once more (the provider rotated its
key); a key the provider no longer publishes is refused. ``iat`` and ``nbf`` in the future
beyond ``leeway_s`` are refused (joserfc's claims registry).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from portal import defects

ALGORITHMS = ["RS256"]
# Seeded defects (portal/defects.py) that leave one claim of the id_token unchecked.
SEEDED_UNCHECKED_CLAIMS = {
    "id_token_nonce_ignored": "nonce",
    "id_token_audience_unchecked": "aud",
    "id_token_issuer_unchecked": "iss",
    "id_token_expiry_unchecked": "exp",
}


class SsoError(Exception):
    """The identity provider could not be reached or answered with an error."""


class SsoUnavailable(SsoError):
    """The identity provider is down, overloaded or too slow (timeout, 5xx): try again later."""


class SsoGrantRefused(SsoError):
    """The token endpoint refused the authorization code (``invalid_grant``): expired,
    used already, or not this client's. The citizen must sign in again."""


class IdTokenError(Exception):
    """The id_token must not be trusted; ``str(exc)`` says why."""


@dataclass(frozen=True)
class LoginRequest:
    state: str
    nonce: str
    code_verifier: str

    @classmethod
    def new(cls) -> LoginRequest:
        return cls(
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            code_verifier=secrets.token_urlsafe(48),
        )

    @property
    def code_challenge(self) -> str:
        digest = hashlib.sha256(self.code_verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class SsoClient:
    def __init__(
        self,
        *,
        issuer: str,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        http: httpx.AsyncClient,
        leeway_s: int = 30,
        scope: str = "openid profile",
        algorithms: list[str] | None = None,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.http = http
        self.leeway_s = leeway_s
        self.scope = scope
        self.algorithms = algorithms or ALGORITHMS
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    async def _get_json(self, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self.http.get(url, **kwargs)
        except httpx.HTTPError as exc:
            raise SsoUnavailable(
                f"identity provider unreachable: {exc.__class__.__name__}"
            ) from exc
        if response.status_code >= 500:
            raise SsoUnavailable(
                f"identity provider answered HTTP {response.status_code} for {url}"
            )
        if response.status_code != 200:
            raise SsoError(f"identity provider answered HTTP {response.status_code} for {url}")
        try:
            data = response.json()
        except ValueError as exc:
            raise SsoError(f"identity provider sent malformed JSON for {url}") from exc
        if not isinstance(data, dict):
            raise SsoError(f"identity provider sent unexpected JSON for {url}")
        return data

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            data = await self._get_json(f"{self.issuer}/.well-known/openid-configuration")
            if data.get("issuer") != self.issuer:
                raise SsoError(
                    f"discovery names issuer {data.get('issuer')!r}, expected {self.issuer!r}"
                )
            self._metadata = data
        return self._metadata

    async def keys(self, *, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            meta = await self.metadata()
            self._keys = KeySet.import_key_set(await self._get_json(meta["jwks_uri"]))  # type: ignore[arg-type]
        return self._keys

    async def authorization_url(self, login: LoginRequest) -> str:
        meta = await self.metadata()
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": self.scope,
            "state": login.state,
            "nonce": login.nonce,
            "code_challenge": login.code_challenge,
            "code_challenge_method": "S256",
        }
        return f"{meta['authorization_endpoint']}?{urlencode(params)}"

    async def exchange_code(self, *, code: str, code_verifier: str) -> dict[str, Any]:
        meta = await self.metadata()
        try:
            response = await self.http.post(
                meta["token_endpoint"],
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": self.redirect_uri,
                    "code_verifier": code_verifier,
                },
                auth=(self.client_id, self.client_secret),
            )
        except httpx.HTTPError as exc:
            raise SsoUnavailable(f"token endpoint unreachable: {exc.__class__.__name__}") from exc
        if response.status_code >= 500:
            raise SsoUnavailable(f"token endpoint answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise SsoError(
                f"token endpoint sent malformed JSON (HTTP {response.status_code})"
            ) from exc
        if response.status_code != 200 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            if error == "invalid_grant":
                raise SsoGrantRefused("token endpoint refused the code: invalid_grant")
            raise SsoError(
                f"token endpoint refused: HTTP {response.status_code} {error or ''}".strip()
            )
        if not body.get("id_token") or not body.get("access_token"):
            raise SsoError("token endpoint answered without id_token or access_token")
        return body

    async def verify_id_token(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        """Check signature, iss, aud, exp, iat and nonce; return the claims or raise IdTokenError."""
        check_header(id_token)
        try:
            if defects.active("id_token_signature_unchecked"):  # seeded: payload read, not verified
                token = _unverified(id_token)
            else:
                token = jwt.decode(id_token, await self.keys(), algorithms=self.algorithms)
        except JoseError:
            # The provider may have rotated its key: fetch the JWKS once more, then decide.
            try:
                token = jwt.decode(
                    id_token, await self.keys(refresh=True), algorithms=self.algorithms
                )
            except JoseError as exc:
                raise IdTokenError(f"signature: {exc.error or exc.__class__.__name__}") from exc
            except ValueError as exc:
                raise IdTokenError(f"malformed id_token: {exc}") from exc
        except ValueError as exc:
            raise IdTokenError(f"malformed id_token: {exc}") from exc
        rules: dict[str, Any] = {
            "iss": {"essential": True, "value": self.issuer},
            "aud": {"essential": True, "value": self.client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "iat": {"essential": True},
            "nonce": {"essential": True, "value": nonce},
        }
        checked = dict(token.claims)
        for defect, claim in SEEDED_UNCHECKED_CLAIMS.items():
            if defects.active(defect):  # seeded defect: this claim is not checked at all
                rules.pop(claim)
                checked.pop(claim, None)
        registry = jwt.JWTClaimsRegistry(leeway=self.leeway_s, **rules)
        try:
            registry.validate(checked)
        except JoseError as exc:
            raise IdTokenError(f"claims: {exc.description or exc.error}") from exc
        return dict(token.claims)

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        meta = await self.metadata()
        return await self._get_json(
            meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {access_token}"}
        )

    async def end_session_url(
        self, *, id_token_hint: str | None, post_logout_redirect_uri: str
    ) -> str:
        meta = await self.metadata()
        params = {"post_logout_redirect_uri": post_logout_redirect_uri, "client_id": self.client_id}
        if id_token_hint:
            params["id_token_hint"] = id_token_hint
        return f"{meta['end_session_endpoint']}?{urlencode(params)}"


def check_header(id_token: str) -> None:
    """``alg`` must be RS256 and ``kid`` present, before any key is looked for."""
    if defects.active("id_token_signature_unchecked"):  # seeded: the header is not read
        return
    try:
        header = jws.extract_compact(id_token.encode("ascii")).headers()
    except (ValueError, UnicodeError, JoseError) as exc:
        raise IdTokenError(f"malformed id_token: {exc}") from exc
    if header.get("alg") not in ALGORITHMS:
        raise IdTokenError(f"header: alg {header.get('alg')!r} refused, only RS256")
    if not header.get("kid"):
        raise IdTokenError("header: no kid naming the provider's signing key")


def _unverified(id_token: str) -> jwt.Token:
    """The token as its payload says, signature not checked (seeded defect only)."""
    try:
        compact = jws.extract_compact(id_token.encode("ascii"))
        return jwt.Token(compact.headers(), json.loads(compact.payload))
    except (ValueError, UnicodeError) as exc:
        raise ValueError(f"cannot read the id_token: {exc}") from exc
