"""The portal refuses an id_token it must not trust (respx stands in for the provider)."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
import respx
from joserfc import jwt
from joserfc.jwk import RSAKey

from portal.adapters.sso import IdTokenError, SsoClient

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
    with respx.mock(base_url=ISSUER, assert_all_called=True) as mock:
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


async def verify(id_token: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as http:
        client = SsoClient(
            issuer=ISSUER,
            client_id=CLIENT_ID,
            client_secret="s",
            redirect_uri="http://p/cb",
            http=http,
        )
        return await client.verify_id_token(id_token, nonce=NONCE)


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


async def test_a_token_that_is_not_a_jwt_is_refused(provider: Any) -> None:
    with pytest.raises(IdTokenError):
        await verify("not-a-jwt")
