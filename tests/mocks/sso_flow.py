"""The authorization code flow against the SSO mock, as a relying party walks it."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet

from mocks.sso.app import s256

CLIENT = ("dvc-portal", "dvc-portal-secret")
REDIRECT = "http://127.0.0.1:9/cb"
PERSONA = ("001090012345", "Matkhau@123")  # seeded citizen
BUSINESS = ("0109876543", "Matkhau@123")  # seeded business account
VERIFIER = "v" * 50


def start(sso: httpx.Client, verifier: str = VERIFIER, **extra: str) -> httpx.Response:
    params = {
        "response_type": "code",
        "client_id": CLIENT[0],
        "redirect_uri": REDIRECT,
        "scope": "openid profile",
        "state": "s-1",
        "nonce": "n-1",
        "code_challenge": s256(verifier),
        "code_challenge_method": "S256",
        **extra,
    }
    return sso.get("/authorize", params={k: v for k, v in params.items() if v is not None})


def request_id(page: httpx.Response) -> str:
    assert page.status_code == 200, page.text
    found = re.search(r'name="request_id" value="([^"]+)"', page.text)
    assert found, "login page without request_id"
    return found.group(1)


def log_in(sso: httpx.Client, page: httpx.Response, persona: tuple[str, str]) -> httpx.Response:
    return sso.post(
        "/login",
        data={"request_id": request_id(page), "username": persona[0], "password": persona[1]},
    )


def redirect_query(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    return {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}


def authorize(
    sso: httpx.Client, verifier: str = VERIFIER, persona: tuple[str, str] = PERSONA
) -> str:
    """Walk the authorization request and the login form; return the authorization code."""
    query = redirect_query(log_in(sso, start(sso, verifier), persona))
    assert query["state"] == "s-1"
    return query["code"]


def exchange(
    sso: httpx.Client, code: str, verifier: str = VERIFIER, auth: tuple[str, str] = CLIENT
) -> httpx.Response:
    return sso.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        auth=auth,
    )


def tokens(sso: httpx.Client, persona: tuple[str, str] = PERSONA) -> dict[str, Any]:
    answer = exchange(sso, authorize(sso, persona=persona))
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def verified_claims(sso: httpx.Client, id_token: str) -> dict[str, Any]:
    """Verify the signature against the published JWKS; return the claims unchecked."""
    keys = KeySet.import_key_set(sso.get("/jwks").json())
    return dict(jwt.decode(id_token, keys, algorithms=["RS256"]).claims)


def unverified_claims(id_token: str) -> dict[str, Any]:
    payload = id_token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def sub_of(sso: httpx.Client, username: str) -> str:
    personas = sso.get("/_control/persona").json()["personas"]
    return str(next(p["sub"] for p in personas if p["username"] == username))
