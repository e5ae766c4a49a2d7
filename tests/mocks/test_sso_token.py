"""The SSO mock's token endpoint, through its HTTP API."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from mocks.sso.app import s256

CLIENT = ("dvc-portal", "dvc-portal-secret")
REDIRECT = "http://127.0.0.1:9/cb"
PERSONA = ("001090012345", "Matkhau@123")  # seeded persona


def authorize(sso: httpx.Client, verifier: str) -> str:
    """Walk the authorization request and the login form; return the authorization code."""
    page = sso.get(
        "/authorize",
        params={
            "response_type": "code",
            "client_id": CLIENT[0],
            "redirect_uri": REDIRECT,
            "scope": "openid profile",
            "state": "s-1",
            "nonce": "n-1",
            "code_challenge": s256(verifier),
            "code_challenge_method": "S256",
        },
    )
    assert page.status_code == 200, page.text
    request_id = re.search(r'name="request_id" value="([^"]+)"', page.text)
    assert request_id, "login page without request_id"
    answer = sso.post(
        "/login",
        data={"request_id": request_id.group(1), "username": PERSONA[0], "password": PERSONA[1]},
    )
    assert answer.status_code == 302, answer.text
    query = parse_qs(urlparse(answer.headers["location"]).query)
    assert query["state"] == ["s-1"]
    return query["code"][0]


def exchange(
    sso: httpx.Client, code: str, verifier: str, auth: tuple[str, str] = CLIENT
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


VERIFIER = "v" * 50


def test_a_correct_exchange_gives_an_id_token(sso: httpx.Client) -> None:
    answer = exchange(sso, authorize(sso, VERIFIER), VERIFIER)
    assert answer.status_code == 200, answer.text
    assert {"id_token", "access_token"} <= answer.json().keys()


def test_wrong_pkce_verifier_is_refused(sso: httpx.Client) -> None:
    answer = exchange(sso, authorize(sso, VERIFIER), "w" * 50)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert sso.get("/_control/journal", params={"service": "token"}).json()["entries"][-1][
        "reason"
    ] == ("PKCE verification failed")


def test_reused_code_is_refused_and_revokes_the_first_access_token(sso: httpx.Client) -> None:
    code = authorize(sso, VERIFIER)
    first = exchange(sso, code, VERIFIER)
    assert first.status_code == 200
    again = exchange(sso, code, VERIFIER)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    userinfo = sso.get(
        "/userinfo", headers={"Authorization": f"Bearer {first.json()['access_token']}"}
    )
    assert userinfo.status_code == 401


@pytest.mark.parametrize(
    "auth", [("dvc-portal", "wrong-secret"), ("another-client", "dvc-portal-secret")]
)
def test_wrong_client_credentials_are_refused(sso: httpx.Client, auth: tuple[str, str]) -> None:
    answer = exchange(sso, authorize(sso, VERIFIER), VERIFIER, auth=auth)
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    entry = sso.get("/_control/journal", params={"service": "token"}).json()["entries"][-1]
    assert entry["verdict"] == "rejected"
