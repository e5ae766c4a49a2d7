"""The portal reads a provider's claims by its documented contract (docs/sso.md): dates and
genders in any documented format, a missing acr said to be missing, an unreadable claim a
clear message — never a garbled value on the personal page or locked into the e-form.

The sign-in runs for real through the portal's routes; respx stands in for the provider.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import respx
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import RSAKey
from pydantic import ValidationError

from portal.app import create_app
from portal.services.identity_claims import (
    ClaimError,
    acr_label,
    parse_birth_date,
    parse_gender,
    read_identity,
)
from portal.settings import PortalSettings
from tests.portal.conftest import Portal, identity

ISSUER = "https://sso.test"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})
TODAY = date(2026, 12, 6)

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "sent",
    ["15031990", "19900315", "1990-03-15", "15/03/1990", "15-03-1990", "1990-3-15", " 15.03.1990 "],
)
def test_a_birth_date_in_any_documented_format_is_read(sent: str) -> None:
    assert parse_birth_date(sent, today=TODAY) == date(1990, 3, 15)


@pytest.mark.parametrize(
    "sent", ["", "1990", "31021990", "19901315", "15/13/1990", "01011899", "07122026", "abc"]
)
def test_an_impossible_or_unreadable_birth_date_is_refused(sent: str) -> None:
    with pytest.raises(ValueError):
        parse_birth_date(sent, today=TODAY)


@pytest.mark.parametrize(
    ("sent", "code"),
    [(1, 1), (2, 2), (0, 0), ("1", 1), ("2", 2), ("Nam", 1), ("Nữ", 2), ("nữ", 2),
     ("Nu\u031b\u0303", 2), ("female", 2), ("male", 1)],
)  # fmt: skip
def test_a_gender_as_code_or_word_is_read(sent: Any, code: int) -> None:
    assert parse_gender(sent) == code


@pytest.mark.parametrize("sent", [3, "3", True, "Nữa", "", None])
def test_an_unknown_gender_is_refused(sent: Any) -> None:
    with pytest.raises(ValueError):
        parse_gender(sent)


def test_standard_oidc_claims_stand_in_for_missing_national_ones() -> None:
    person = read_identity(
        {"SoDinhDanh": "001090012345", "name": "Trần Thị Bình", "birthdate": "1990-03-15",
         "gender": "female", "email": "binh@example.vn", "phone_number": "0912345678"},
        today=TODAY,
    )  # fmt: skip
    assert person.claims == {
        "SoDinhDanh": "001090012345",
        "HoVaTen": "Trần Thị Bình",
        "NgayThangNamSinh": "15031990",
        "GioiTinh": 2,
        "ThuDienTu": "binh@example.vn",
        "SoDienThoai": "0912345678",
    }
    assert person.notes == []


@pytest.mark.parametrize(
    ("claims", "named"),
    [
        ({"SoDinhDanh": None}, "số định danh"),
        ({"SoDinhDanh": "00109001234"}, "số định danh"),
        ({"HoVaTen": ""}, "họ và tên"),
        ({"HoVaTen": None}, "họ và tên"),
        ({"LoaiTaiKhoan": 7}, "loại tài khoản"),
        ({"LoaiTaiKhoan": 2, "MaSoDoanhNghiep": "12"}, "mã số doanh nghiệp"),
    ],
)
def test_a_claim_the_portal_cannot_do_without_refuses_the_sign_in(
    claims: dict[str, Any], named: str
) -> None:
    with pytest.raises(ClaimError, match=named):
        read_identity(identity(**claims), today=TODAY)


def test_an_unreadable_optional_claim_is_left_out_and_said() -> None:
    person = read_identity(identity(NgayThangNamSinh="0315-90-19", GioiTinh="?"), today=TODAY)
    assert "NgayThangNamSinh" not in person.claims
    assert "GioiTinh" not in person.claims
    assert any("ngày sinh" in note for note in person.notes)
    assert any("giới tính" in note for note in person.notes)


def test_a_missing_acr_is_shown_as_not_provided() -> None:
    assert acr_label(None) == "Không được cung cấp"
    assert acr_label("") == "Không được cung cấp"
    assert acr_label("LoA2") == "LoA2"


@pytest.mark.parametrize(
    ("setting", "value"),
    [("sso_algorithms", "none"), ("sso_algorithms", "RS256,HS256"), ("sso_algorithms", ""),
     ("sso_scope", "profile"), ("sso_post_logout_path", "https://evil.example/x"),
     ("sso_post_logout_path", "//evil.example")],
)  # fmt: skip
def test_settings_of_the_sso_contract_are_checked(setting: str, value: str) -> None:
    with pytest.raises(ValidationError):
        PortalSettings(**{setting: value})


# --- the sign-in, end to end through the portal's routes ----------------------------------


@pytest.fixture
def settings(settings: PortalSettings) -> PortalSettings:
    return settings.model_copy(
        update={
            "sso_issuer": ISSUER,
            "sso_scope": "openid profile dvc",
            "sso_post_logout_path": "/dang-xuat-xong",
        }
    )


@pytest.fixture
def app(settings: PortalSettings) -> FastAPI:
    return create_app(settings)


class Provider:
    """respx as the identity provider: the id_token carries the nonce the portal sent."""

    def __init__(self, mock: respx.MockRouter) -> None:
        self.mock = mock
        self.userinfo: dict[str, Any] = {}
        self.acr: str | None = "LoA2"
        self.authorize_params: dict[str, str] = {}
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
        mock.post("/token").mock(side_effect=self._token)
        mock.get("/userinfo").mock(side_effect=lambda request: self._userinfo())

    def _token(self, request: Any) -> Any:
        import httpx

        now = int(time.time())
        claims = {"iss": ISSUER, "aud": "dvc-portal", "sub": "s-1", "iat": now,
                  "exp": now + 300, "nonce": self.authorize_params["nonce"]}  # fmt: skip
        if self.acr:
            claims["acr"] = self.acr
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, KEY)
        return httpx.Response(200, json={"id_token": id_token, "access_token": "at-1"})

    def _userinfo(self) -> Any:
        import httpx

        return httpx.Response(200, json={"sub": "s-1", **self.userinfo})


@pytest.fixture
def provider() -> Any:
    with respx.mock(base_url=ISSUER, assert_all_called=False) as mock:
        yield Provider(mock)


async def sign_in(portal: Portal, provider: Provider, **claims: Any) -> Any:
    browser = portal.browser()
    provider.userinfo = identity(**claims)
    start = await browser.get("/dang-nhap")
    assert start.status_code == 302, start.text
    provider.authorize_params = {
        k: v[0] for k, v in parse_qs(urlsplit(start.headers["location"]).query).items()
    }
    state = provider.authorize_params["state"]
    done = await browser.get(f"/auth/callback?code=c-1&state={state}")
    return browser, done


async def test_a_birth_date_sent_as_yyyymmdd_is_shown_and_prefilled_right(
    portal: Portal, provider: Provider
) -> None:
    browser, done = await sign_in(portal, provider, NgayThangNamSinh="19900315", GioiTinh="Nữ")
    assert done.status_code == 303, done.text
    me = await browser.get("/ca-nhan")
    assert "15/03/1990" in me.text and "19/90/0315" not in me.text
    assert "Nữ" in me.text
    form = await browser.get("/thu-tuc/2.000488/nop-ho-so")
    assert 'value="1990-03-15"' in form.text, "the e-form locks the birth date as sent"
    assert "0315-90-19" not in form.text


async def test_the_scope_asked_for_is_the_setting(portal: Portal, provider: Provider) -> None:
    await sign_in(portal, provider)
    assert provider.authorize_params["scope"] == "openid profile dvc"


async def test_a_token_without_acr_shows_it_was_not_provided(
    portal: Portal, provider: Provider
) -> None:
    provider.acr = None
    browser, done = await sign_in(portal, provider)
    assert done.status_code == 303
    me = await browser.get("/ca-nhan")
    assert "Không được cung cấp" in me.text and "None" not in me.text


async def test_an_unreadable_birth_date_leaves_the_field_editable_and_says_so(
    portal: Portal, provider: Provider
) -> None:
    browser, done = await sign_in(portal, provider, NgayThangNamSinh="31/02/1990")
    assert done.status_code == 303
    me = await browser.get("/ca-nhan")
    assert "Không đọc được ngày sinh" in me.text
    assert "Ngày sinh</dt>" not in me.text


async def test_an_identity_without_a_valid_cccd_is_refused_with_a_message(
    portal: Portal, provider: Provider
) -> None:
    browser, done = await sign_in(portal, provider, SoDinhDanh="12345")
    assert done.status_code == 401
    assert "số định danh cá nhân hợp lệ" in done.text
    me = await browser.get("/ca-nhan")
    assert me.status_code in (302, 303), "no session was started"


async def test_sign_out_returns_to_the_configured_post_logout_path(
    portal: Portal, provider: Provider
) -> None:
    browser, _ = await sign_in(portal, provider)
    me = await browser.get("/ca-nhan")
    assert me.status_code == 200
    out = await browser.post("/dang-xuat")
    assert out.status_code == 303
    query = parse_qs(urlsplit(out.headers["location"]).query)
    assert query["post_logout_redirect_uri"] == ["http://portal.test/dang-xuat-xong"]
    landed = await browser.get("/dang-xuat-xong")
    assert landed.status_code == 200 and "đăng xuất" in landed.text.lower()
