"""The SSO mock's endpoints and control routes, through its HTTP API."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.mocks.sso_flow import (
    BUSINESS,
    PERSONA,
    log_in,
    redirect_query,
    request_id,
    start,
    tokens,
    verified_claims,
)


def test_discovery_names_the_endpoints_under_the_issuer(sso: httpx.Client, sso_server: Any) -> None:
    meta = sso.get("/.well-known/openid-configuration").json()
    issuer = sso_server.url
    assert meta["issuer"] == issuer
    for key, path in [
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("jwks_uri", "/jwks"),
        ("end_session_endpoint", "/logout"),
    ]:
        assert meta[key] == issuer + path
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["token_endpoint_auth_methods_supported"] == ["client_secret_basic"]


def test_jwks_publishes_one_rs256_public_key(sso: httpx.Client) -> None:
    (key,) = sso.get("/jwks").json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert "d" not in key, "no private part"


@pytest.mark.parametrize(
    ("drop", "problem"),
    [
        ({"code_challenge": None}, "PKCE"),
        ({"code_challenge_method": "plain"}, "PKCE"),
        ({"nonce": None}, "nonce is required"),
        ({"state": None}, "state is required"),
        ({"scope": "profile"}, "scope must include openid"),
        ({"response_type": "token"}, "response_type must be code"),
    ],
)
def test_an_incomplete_authorization_request_is_sent_back_as_invalid_request(
    sso: httpx.Client, drop: dict[str, Any], problem: str
) -> None:
    query = redirect_query(start(sso, **drop))
    assert query["error"] == "invalid_request"
    assert problem in query["error_description"]
    entry = sso.get("/_control/journal", params={"service": "authorize"}).json()["entries"][-1]
    assert entry["verdict"] == "rejected"


@pytest.mark.parametrize(
    "change", [{"client_id": "ung-dung-la"}, {"redirect_uri": "http://127.0.0.1:9/khac"}]
)
def test_an_unknown_client_or_redirect_uri_is_refused_without_redirecting(
    sso: httpx.Client, change: dict[str, str]
) -> None:
    answer = start(sso, **change)
    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_a_wrong_password_shows_the_error_and_cancel_sends_access_denied(
    sso: httpx.Client,
) -> None:
    page = start(sso)
    wrong = log_in(sso, page, (PERSONA[0], "sai-mat-khau"))
    assert wrong.status_code == 401
    assert 'role="alert"' in wrong.text and "không đúng" in wrong.text
    cancel = sso.post("/login", data={"request_id": request_id(page), "action": "cancel"})
    assert redirect_query(cancel) == {"error": "access_denied", "state": "s-1"}


def test_an_idp_session_signs_in_again_without_the_form_unless_prompt_login(
    sso: httpx.Client,
) -> None:
    redirect_query(log_in(sso, start(sso), PERSONA))
    assert "code" in redirect_query(start(sso))
    assert start(sso, prompt="login").status_code == 200


def test_userinfo_gives_the_national_claims_and_refuses_a_missing_token(sso: httpx.Client) -> None:
    access = tokens(sso)["access_token"]
    claims = sso.get("/userinfo", headers={"Authorization": f"Bearer {access}"}).json()
    assert claims["SoDinhDanh"] == PERSONA[0]
    assert claims["HoVaTen"] == "Nguyễn Văn An"
    assert (claims["NgayThangNamSinh"], claims["GioiTinh"], claims["LoaiTaiKhoan"]) == (
        "15031990",
        1,
        1,
    )
    assert "MaSoDoanhNghiep" not in claims
    assert sso.get("/userinfo").status_code == 401


def test_a_business_account_carries_its_company_and_a_higher_acr(sso: httpx.Client) -> None:
    issued = tokens(sso, BUSINESS)
    claims = sso.get(
        "/userinfo", headers={"Authorization": f"Bearer {issued['access_token']}"}
    ).json()
    assert (claims["LoaiTaiKhoan"], claims["MaSoDoanhNghiep"]) == (2, "0109876543")
    assert claims["TenDoanhNghiep"] == "Công ty TNHH Thương mại An Phát"
    assert verified_claims(sso, issued["id_token"])["acr"] == "LoA3"


def test_logout_ends_the_idp_session_and_returns_with_state(sso: httpx.Client) -> None:
    redirect_query(log_in(sso, start(sso), PERSONA))
    back = sso.get(
        "/logout", params={"post_logout_redirect_uri": "http://127.0.0.1:9/bye", "state": "x"}
    )
    assert back.status_code == 302
    assert back.headers["location"] == "http://127.0.0.1:9/bye?state=x"
    assert start(sso).status_code == 200, "signed out: the login form again"


def test_logout_to_an_unregistered_uri_stays_on_the_provider(sso: httpx.Client) -> None:
    answer = sso.get("/logout", params={"post_logout_redirect_uri": "https://gia-mao.example/"})
    assert answer.status_code == 200
    assert "đăng xuất" in answer.text
    entry = sso.get("/_control/journal", params={"service": "logout"}).json()["entries"][-1]
    assert entry["verdict"] == "rejected"


def test_a_registered_persona_signs_in_and_a_malformed_one_is_refused(sso: httpx.Client) -> None:
    persona = {
        "username": "038201004321",
        "password": "Mk@2024",
        "SoDinhDanh": "038201004321",
        "HoVaTen": "Phạm Thu Hà",
        "NgayThangNamSinh": "01022001",
        "GioiTinh": 2,
    }
    assert sso.post("/_control/persona", json=persona).status_code == 200
    assert "code" in redirect_query(log_in(sso, start(sso), ("038201004321", "Mk@2024")))
    bad = sso.post("/_control/persona", json={**persona, "SoDinhDanh": "12345"})
    assert bad.status_code == 400
    # a gender as a text (other providers send "Nữ"; a broken one anything) is sent as it is
    worded = {**persona, "username": "038201004322", "SoDinhDanh": "038201004322"}
    assert sso.post("/_control/persona", json={**worded, "GioiTinh": "Nữ"}).status_code == 200
    for wrong in (3, -1, " "):
        refused = sso.post("/_control/persona", json={**persona, "GioiTinh": wrong})
        assert refused.status_code == 400, f"GioiTinh {wrong!r} accepted"


def test_a_silent_persona_signs_in_without_the_form(sso: httpx.Client) -> None:
    assert sso.put("/_control/persona/silent", json={"username": PERSONA[0]}).status_code == 200
    assert sso.get("/_control/persona").json()["silent"] == PERSONA[0]
    assert "code" in redirect_query(start(sso))
    assert sso.put("/_control/persona/silent", json={"username": "khong-co"}).status_code == 404
    malformed = sso.put(
        "/_control/persona/silent", content=b"[", headers={"Content-Type": "application/json"}
    )
    assert malformed.status_code == 400
