"""The SSO mock's token endpoint, through its HTTP API."""

from __future__ import annotations

import httpx
import pytest

from tests.mocks.sso_flow import VERIFIER, authorize, exchange


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
