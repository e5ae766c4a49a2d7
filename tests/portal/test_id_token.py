"""The portal refuses an id_token it must not trust (respx stands in for the provider)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx
from joserfc import jwt
from joserfc.jwk import RSAKey

from portal.adapters.sso import IdTokenError, SsoClient, SsoGrantRefused

ISSUER = "https://sso.test"
CLIENT_ID = "dvc-portal"
NONCE = "nonce-123"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})

pytestmark = pytest.mark.anyio


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "abc",
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
    } | overrides


def token(key: RSAKey = KEY, **overrides: Any) -> str:
    return jwt.encode({"alg": "RS256", "kid": "k1"}, claims(**overrides), key)


@pytest.fixture
def provider() -> Any:
    with mocked_provider(assert_all_called=True) as mock:
        yield mock


@pytest.fixture
def unasked_provider() -> Any:
    """The provider, for a token refused before any key is looked for: nothing is fetched."""
    with mocked_provider(assert_all_called=False) as mock:
        yield mock
        assert not mock.calls, "the portal fetched keys for a token it could refuse at once"


@contextlib.contextmanager
def mocked_provider(*, assert_all_called: bool) -> Iterator[Any]:
    with respx.mock(base_url=ISSUER, assert_all_called=assert_all_called) as mock:
        mock.get("/.well-known/openid-configuration").respond(
            json={
                "issuer": ISSUER,
                "jwks_uri": f"{ISSUER}/jwks",
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "end_session_endpoint": f"{ISSUER}/logout",
            }
        )
        mock.get("/jwks").respond(json={"keys": [KEY.as_dict(private=False)]})
        yield mock


def sso_client(http: httpx.AsyncClient) -> SsoClient:
    return SsoClient(
        issuer=ISSUER, client_id=CLIENT_ID, client_secret="s", redirect_uri="http://p/cb", http=http
    )


async def verify(id_token: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as http:
        return await sso_client(http).verify_id_token(id_token, nonce=NONCE)


async def test_a_good_token_is_accepted(provider: Any) -> None:
    assert (await verify(token()))["sub"] == "abc"


async def test_wrong_signature_is_refused_even_after_refetching_the_keys(provider: Any) -> None:
    with pytest.raises(IdTokenError, match="signature"):
        await verify(token(OTHER_KEY))
    assert sum(1 for call in provider.calls if call.request.url.path == "/jwks") == 2


@pytest.mark.parametrize(
    ("overrides", "claim"),
    [
        ({"aud": "another-app"}, "aud"),
        ({"iss": "https://evil.test"}, "iss"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "exp"),
        ({"nonce": "another-nonce"}, "nonce"),
    ],
    ids=["wrong-aud", "wrong-iss", "expired", "nonce-mismatch"],
)
async def test_bad_claims_are_refused(provider: Any, overrides: dict[str, Any], claim: str) -> None:
    with pytest.raises(IdTokenError, match=claim):
        await verify(token(**overrides))


async def test_a_token_that_is_not_a_jwt_is_refused(unasked_provider: Any) -> None:
    with pytest.raises(IdTokenError):
        await verify("not-a-jwt")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def by_hand(header: dict[str, Any], sign: Callable[[bytes], bytes]) -> str:
    """A JWS no library makes: the SSO mock's alg_none and alg_hs256 faults."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims()).encode())}"
    return f"{signing_input}.{b64url(sign(signing_input.encode('ascii')))}"


PEM = KEY.as_pem(private=False)


@pytest.mark.parametrize(
    "id_token",
    [
        by_hand({"alg": "none", "kid": "k1"}, lambda _: b""),
        by_hand({"alg": "HS256", "kid": "k1"}, lambda d: hmac.new(PEM, d, hashlib.sha256).digest()),
        by_hand({"alg": "RS512", "kid": "k1"}, lambda _: b"x"),
    ],
    ids=["alg-none", "hs256-with-the-public-key", "rs512"],
)
async def test_only_rs256_is_accepted(unasked_provider: Any, id_token: str) -> None:
    with pytest.raises(IdTokenError, match="alg"):
        await verify(id_token)


async def test_a_token_without_kid_is_refused_even_signed_with_the_right_key(
    unasked_provider: Any,
) -> None:
    """The bug as found: with one key in the JWKS, joserfc took it for a token naming none."""
    with pytest.raises(IdTokenError, match="kid"):
        await verify(jwt.encode({"alg": "RS256"}, claims(), KEY))


async def test_a_kid_the_jwks_lacks_is_refused_after_fetching_the_jwks_again(
    provider: Any,
) -> None:
    with pytest.raises(IdTokenError, match="signature"):
        await verify(jwt.encode({"alg": "RS256", "kid": "khong-co"}, claims(), OTHER_KEY))
    assert sum(1 for call in provider.calls if call.request.url.path == "/jwks") == 2


@pytest.mark.parametrize(
    ("claim", "said"), [("iat", "issued in the future"), ("nbf", "not yet valid")]
)
async def test_a_token_from_the_future_is_refused(provider: Any, claim: str, said: str) -> None:
    later = int(time.time()) + 3600
    with pytest.raises(IdTokenError, match=said):
        await verify(token(**{claim: later, "exp": later + 300}))


@pytest.mark.parametrize("claim", ["iat", "nbf"])
async def test_a_few_seconds_of_clock_skew_are_tolerated(provider: Any, claim: str) -> None:
    assert (await verify(token(**{claim: int(time.time()) + 10})))["sub"] == "abc"


async def test_after_a_key_rotation_the_new_key_works_and_the_retired_one_is_refused(
    provider: Any,
) -> None:
    new_key = RSAKey.generate_key(2048, parameters={"kid": "k2", "use": "sig", "alg": "RS256"})
    async with httpx.AsyncClient() as http:
        client = sso_client(http)
        assert (await client.verify_id_token(token(), nonce=NONCE))["sub"] == "abc"  # k1 cached
        provider.get("/jwks").respond(json={"keys": [new_key.as_dict(private=False)]})
        rotated = jwt.encode({"alg": "RS256", "kid": "k2"}, claims(), new_key)
        assert (await client.verify_id_token(rotated, nonce=NONCE))["sub"] == "abc"
        with pytest.raises(IdTokenError, match="signature"):
            await client.verify_id_token(token(), nonce=NONCE)  # k1: retired, out of the JWKS


async def test_invalid_grant_at_the_token_endpoint_is_its_own_error() -> None:
    with mocked_provider(assert_all_called=False) as mock:
        token_call = mock.post("/token").respond(400, json={"error": "invalid_grant"})
        await exchange_refused()
    assert token_call.called


async def exchange_refused() -> None:
    async with httpx.AsyncClient() as http:
        client = sso_client(http)
        with pytest.raises(SsoGrantRefused):
            await client.exchange_code(code="c", code_verifier="v")
