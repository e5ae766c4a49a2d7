"""Every fault of the SSO mock, for the next request or matched on endpoint / sub."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError, UnsupportedAlgorithmError
from joserfc.jwk import KeySet, RSAKey

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


def header_of(id_token: str) -> dict[str, Any]:
    part = id_token.split(".")[0]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


def published_key(sso: httpx.Client) -> RSAKey:
    (key,) = KeySet.import_key_set(sso.get("/jwks").json()).keys
    assert isinstance(key, RSAKey)
    return key


def _alg_none(sso: httpx.Client, token: str, server: Any) -> None:
    assert header_of(token)["alg"] == "none" and token.endswith(".")
    with pytest.raises(UnsupportedAlgorithmError):
        verified_claims(sso, token)
    assert unverified_claims(token)["iss"] == server.url, "only the algorithm is wrong"


def _alg_hs256(sso: httpx.Client, token: str, server: Any) -> None:
    """Signed with HMAC-SHA256 whose secret is the public key's PEM (the classic attack)."""
    assert header_of(token)["alg"] == "HS256"
    signing_input, _, signature = token.rpartition(".")
    pem = published_key(sso).as_pem(private=False)
    expected = hmac.new(pem, signing_input.encode("ascii"), hashlib.sha256).digest()
    assert signature == base64.urlsafe_b64encode(expected).rstrip(b"=").decode("ascii")


def _iat_future(sso: httpx.Client, token: str, server: Any) -> None:
    assert verified_claims(sso, token)["iat"] > time.time() + 3000


def _nbf_future(sso: httpx.Client, token: str, server: Any) -> None:
    claims = verified_claims(sso, token)
    assert claims["nbf"] > time.time() + 3000 and claims["iat"] <= time.time() + 5


def _kid_missing(sso: httpx.Client, token: str, server: Any) -> None:
    assert "kid" not in header_of(token)
    # signed with the published key: only its name is missing
    assert jwt.decode(token, published_key(sso), algorithms=["RS256"]).claims["iss"] == server.url


def _kid_unknown(sso: httpx.Client, token: str, server: Any) -> None:
    assert header_of(token)["kid"] not in {k["kid"] for k in sso.get("/jwks").json()["keys"]}
    with pytest.raises(InvalidKeyIdError):
        verified_claims(sso, token)


ID_TOKEN_FAULTS.update(
    alg_none=_alg_none,
    alg_hs256=_alg_hs256,
    iat_future=_iat_future,
    nbf_future=_nbf_future,
    kid_missing=_kid_missing,
    kid_unknown=_kid_unknown,
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


def test_key_rotation_publishes_the_new_key_only_and_reset_goes_back(sso: httpx.Client) -> None:
    first = sso.get("/jwks").json()["keys"][0]["kid"]
    rotated = sso.post("/_control/keys/rotate").json()
    assert rotated["retired"] == first and rotated["kid"] != first
    assert [k["kid"] for k in sso.get("/jwks").json()["keys"]] == [rotated["kid"]]
    token = tokens(sso)["id_token"]
    assert header_of(token)["kid"] == rotated["kid"]
    verified_claims(sso, token)  # signed with the new key, which the JWKS has
    sso.post("/_control/reset").raise_for_status()
    assert [k["kid"] for k in sso.get("/jwks").json()["keys"]] == [first]


def test_retired_key_signs_with_the_key_rotation_retired(sso: httpx.Client) -> None:
    old_key = published_key(sso)
    sso.post("/_control/keys/rotate").raise_for_status()
    arm(sso, "retired_key", match={"sub": sub_of(sso, PERSONA[0])})
    token = tokens(sso)["id_token"]
    assert header_of(token)["kid"] == old_key.kid
    with pytest.raises(InvalidKeyIdError):
        verified_claims(sso, token)  # the JWKS no longer has it
    assert jwt.decode(token, old_key, algorithms=["RS256"]).claims["sub"]


def test_retired_key_without_a_rotation_is_a_misuse_said_in_the_journal(sso: httpx.Client) -> None:
    arm(sso, "retired_key")
    verified_claims(sso, tokens(sso)["id_token"])
    entry = sso.get("/_control/journal", params={"service": "token"}).json()["entries"][-1]
    assert "no key was retired" in entry["reason"]


def test_sub_mismatch_makes_userinfo_name_another_subject(sso: httpx.Client) -> None:
    arm(sso, "sub_mismatch", match={"sub": sub_of(sso, PERSONA[0])})
    answer = tokens(sso)
    id_sub = verified_claims(sso, answer["id_token"])["sub"]
    bearer = {"Authorization": f"Bearer {answer['access_token']}"}
    info = sso.get("/userinfo", headers=bearer).json()
    assert info["sub"] != id_sub and info["SoDinhDanh"] == PERSONA[0]
    assert sso.get("/userinfo", headers=bearer).json()["sub"] == id_sub, "fired once"


def test_invalid_grant_refuses_a_good_code_once(sso: httpx.Client) -> None:
    arm(sso, "invalid_grant", match={"sub": sub_of(sso, PERSONA[0])})
    code = _code(sso)
    refused = exchange(sso, code)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    entry = sso.get("/_control/journal", params={"service": "token"}).json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("fault", "fault: invalid_grant")


def test_wrong_state_sends_the_browser_back_with_another_state(sso: httpx.Client) -> None:
    arm(sso, "wrong_state", match={"sub": sub_of(sso, PERSONA[0])})
    query = redirect_query(log_in(sso, start(sso), PERSONA))
    assert query["state"] != "s-1" and query["code"]
    sso.cookies.clear()
    assert redirect_query(log_in(sso, start(sso), PERSONA))["state"] == "s-1", "fired once"
