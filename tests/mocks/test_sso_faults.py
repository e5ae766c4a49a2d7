"""Every fault of the SSO mock, for the next request or matched on endpoint / sub."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from joserfc.errors import BadSignatureError

from tests.mocks.sso_flow import (
    BUSINESS,
    CLIENT,
    PERSONA,
    VERIFIER,
    exchange,
    log_in,
    redirect_query,
    start,
    sub_of,
    tokens,
    unverified_claims,
    verified_claims,
)


def arm(sso: httpx.Client, name: str, **spec: Any) -> None:
    answer = sso.post("/_control/faults", json={"name": name, **spec})
    assert answer.status_code == 200, answer.text


def test_without_faults_the_id_token_is_sound(sso: httpx.Client, sso_server: Any) -> None:
    claims = verified_claims(sso, tokens(sso)["id_token"])
    assert claims["iss"] == sso_server.url
    assert claims["aud"] == CLIENT[0]
    assert claims["nonce"] == "n-1"
    assert claims["exp"] > time.time() > claims["iat"] - 5
    assert claims["sub"] == sub_of(sso, PERSONA[0])
    assert claims["acr"] == "LoA2" and claims["sid"] and claims["auth_time"]


ID_TOKEN_FAULTS: dict[str, Callable[[httpx.Client, str, Any], None]] = {}


def _wrong_iss(sso: httpx.Client, token: str, server: Any) -> None:
    assert verified_claims(sso, token)["iss"] != server.url


def _wrong_aud(sso: httpx.Client, token: str, server: Any) -> None:
    assert verified_claims(sso, token)["aud"] != CLIENT[0]


def _bad_signature(sso: httpx.Client, token: str, server: Any) -> None:
    with pytest.raises(BadSignatureError):
        verified_claims(sso, token)
    assert unverified_claims(token)["iss"] == server.url, "only the signature is wrong"


def _expired_token(sso: httpx.Client, token: str, server: Any) -> None:
    assert verified_claims(sso, token)["exp"] < time.time()


def _nonce_mismatch(sso: httpx.Client, token: str, server: Any) -> None:
    assert verified_claims(sso, token)["nonce"] != "n-1"


ID_TOKEN_FAULTS.update(
    wrong_iss=_wrong_iss,
    wrong_aud=_wrong_aud,
    bad_signature=_bad_signature,
    expired_token=_expired_token,
    nonce_mismatch=_nonce_mismatch,
)


@pytest.mark.parametrize("fault", list(ID_TOKEN_FAULTS))
def test_an_id_token_fault_hits_the_matched_persona_only(
    sso: httpx.Client, sso_server: Any, fault: str
) -> None:
    arm(sso, fault, match={"sub": sub_of(sso, PERSONA[0])})
    sso.cookies.clear()
    other = verified_claims(sso, tokens(sso, BUSINESS)["id_token"])
    assert other["aud"] == CLIENT[0] and other["nonce"] == "n-1" and other["exp"] > time.time()
    sso.cookies.clear()
    ID_TOKEN_FAULTS[fault](sso, tokens(sso, PERSONA)["id_token"], sso_server)
    entry = sso.get("/_control/journal", params={"service": "token"}).json()["entries"][-1]
    assert entry["verdict"] == "accepted"
    # Fired once, then spent: the next token is sound again.
    sso.cookies.clear()
    verified = verified_claims(sso, tokens(sso, PERSONA)["id_token"])
    assert verified["iss"] == sso_server.url and verified["nonce"] == "n-1"


@pytest.mark.parametrize("fault", ["access_denied", "temporarily_unavailable"])
def test_a_refusal_for_the_next_authorization(sso: httpx.Client, fault: str) -> None:
    arm(sso, fault)
    query = redirect_query(start(sso))
    assert query == {"error": fault, "state": "s-1"}
    entry = sso.get("/_control/journal", params={"service": "authorize"}).json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("fault", f"fault: {fault}")
    assert start(sso).status_code == 200, "fired once, then the login page again"


@pytest.mark.parametrize("fault", ["access_denied", "temporarily_unavailable"])
def test_a_refusal_matched_on_sub_fires_when_that_persona_signs_in(
    sso: httpx.Client, fault: str
) -> None:
    arm(sso, fault, match={"sub": sub_of(sso, PERSONA[0])})
    assert "code" in redirect_query(log_in(sso, start(sso), BUSINESS))
    sso.cookies.clear()
    assert redirect_query(log_in(sso, start(sso), PERSONA)) == {"error": fault, "state": "s-1"}
    assert "sso_sid" not in sso.cookies, "a refused sign-in starts no IdP session"


def test_a_refusal_matched_on_sub_fires_for_a_silent_sign_in(sso: httpx.Client) -> None:
    sso.put("/_control/persona/silent", json={"username": PERSONA[0]}).raise_for_status()
    arm(sso, "access_denied", match={"sub": sub_of(sso, PERSONA[0])})
    assert redirect_query(start(sso))["error"] == "access_denied"


def _code(sso: httpx.Client) -> str:
    sso.cookies.clear()  # no IdP session: through the login form
    return redirect_query(log_in(sso, start(sso), PERSONA))["code"]


ENDPOINT_CALLS: dict[str, Callable[[httpx.Client], httpx.Response]] = {
    "discovery": lambda sso: sso.get("/.well-known/openid-configuration"),
    "jwks": lambda sso: sso.get("/jwks"),
    "authorize": lambda sso: start(sso),
    "login": lambda sso: sso.post("/login", data={"request_id": "x", "username": PERSONA[0]}),
    "token": lambda sso: exchange(sso, _code(sso)),
    "userinfo": lambda sso: sso.get("/userinfo", headers={"Authorization": "Bearer x"}),
    "logout": lambda sso: sso.get("/logout"),
}


@pytest.mark.parametrize("endpoint", list(ENDPOINT_CALLS))
def test_down_matched_on_an_endpoint_answers_503_there_only(
    sso: httpx.Client, endpoint: str
) -> None:
    arm(sso, "down", match={"endpoint": endpoint})
    other = "jwks" if endpoint != "jwks" else "discovery"
    assert ENDPOINT_CALLS[other](sso).status_code == 200
    answer = ENDPOINT_CALLS[endpoint](sso)
    assert answer.status_code == 503
    entry = sso.get("/_control/journal", params={"service": endpoint}).json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("fault", "fault: down")
    assert ENDPOINT_CALLS[endpoint](sso).status_code != 503, "down once, then back"


def test_down_until_cleared_with_times_zero(sso: httpx.Client) -> None:
    arm(sso, "down", times=0)
    assert [sso.get("/jwks").status_code for _ in range(3)] == [503, 503, 503]
    sso.delete("/_control/faults").raise_for_status()
    assert sso.get("/jwks").status_code == 200


def test_down_matched_on_sub_hits_that_persona_token_request_only(sso: httpx.Client) -> None:
    arm(sso, "down", match={"endpoint": "token", "sub": sub_of(sso, PERSONA[0])})
    business_code = redirect_query(log_in(sso, start(sso), BUSINESS))["code"]
    assert exchange(sso, business_code).status_code == 200
    sso.cookies.clear()
    code = _code(sso)
    assert exchange(sso, code).status_code == 503
    assert exchange(sso, code, VERIFIER).status_code == 200, "the code is still good after 503"


@pytest.mark.parametrize("endpoint", ["discovery", "token"])
def test_slow_answers_after_the_delay(sso: httpx.Client, endpoint: str) -> None:
    arm(sso, "slow", params={"delay_s": 0.2}, match={"endpoint": endpoint})
    started = time.monotonic()
    answer = ENDPOINT_CALLS[endpoint](sso)
    # The token call includes the login walk: the delay is measured on the whole.
    assert time.monotonic() - started >= 0.2
    assert answer.status_code == 200
    entry = sso.get("/_control/journal", params={"service": endpoint}).json()["entries"][-1]
    assert entry["extra"]["fault_slow_s"] == 0.2
