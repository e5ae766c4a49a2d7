"""The national portal mock's session login and the envelope of every service call (§3.1-3.2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from fixtures.polling import poll
from fixtures.servers import ServerProcess
from tests.conftest import start_mock
from tests.mocks.national_api import PASSWORD, USERNAME, call, login, record


def test_login_opens_a_session_that_service_calls_carry(national: httpx.Client) -> None:
    answer = national.post("/api/dang-nhap", json={"username": USERNAME, "password": PASSWORD})
    assert answer.json()["expires_in"] == 1800
    assert call(national, answer.json()["session"], "DongBoHoSoMC", record()).json() == {
        "error_code": 0,
        "message": "Thành công",
    }


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": USERNAME, "password": "sai"},
        {"username": "khac", "password": PASSWORD},
        {"username": USERNAME},
    ],
)
def test_wrong_credentials_are_refused(national: httpx.Client, credentials: dict[str, str]) -> None:
    answer = national.post("/api/dang-nhap", json=credentials)
    assert answer.status_code == 401
    assert answer.json() == {"error_code": 401, "message": "Sai tài khoản hoặc mật khẩu"}
    entry = national.get("/_control/journal").json()["entries"][-1]
    assert (entry["service"], entry["verdict"]) == ("dang-nhap", "rejected")
    if "password" in credentials:
        assert entry["body"]["password"] == "***", "no password in the journal"


@pytest.mark.parametrize("session", ["khong-co", None, 42])
def test_a_call_without_a_known_session_answers_401(national: httpx.Client, session: Any) -> None:
    answer = call(national, session, "TraCuuHoSo", {"MaHoSo": "H1"})
    assert answer.status_code == 401
    assert answer.json() == {"error_code": 401, "message": "Phiên làm việc hết hạn"}


@pytest.mark.parametrize(
    ("service", "data", "madonvi", "field"),
    [
        ("DongBoHoSoMC", record(), "000.00.00.H01", "madonvi"),
        ("XoaHoSo", {"MaHoSo": "H1"}, None, "service"),
        ("DongBoHoSoMC", ["không", "phải", "đối tượng"], None, "data"),
    ],
)
def test_a_wrong_envelope_is_refused_naming_the_field(
    national: httpx.Client, service: str, data: Any, madonvi: str | None, field: str
) -> None:
    session = login(national)
    answer = call(national, session, service, data, **({"madonvi": madonvi} if madonvi else {}))
    assert answer.status_code == 200
    body = answer.json()
    assert body["error_code"] == 1
    assert body["errors"][0].startswith(f"{field}: ")
    assert national.get("/_control/journal").json()["entries"][-1]["verdict"] == "rejected"


@pytest.mark.parametrize("path", ["/api/dang-nhap", "/api/dich-vu", "/api/kho-du-lieu/ket-qua"])
def test_a_body_that_is_not_json_is_refused(national: httpx.Client, path: str) -> None:
    answer = national.post(path, content=b"session=abc")
    assert answer.status_code == 400
    assert "error" in answer.json()
    assert national.get("/_control/journal").json()["entries"][-1]["verdict"] == "rejected"


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A national portal mock started alone with every setting changed."""
    env = {
        "NATIONAL_USERNAME": "tinh-khac",
        "NATIONAL_PASSWORD": "mat-khau-khac",
        "NATIONAL_MADONVI": "000.00.00.H01",
        "NATIONAL_SESSION_TTL_S": "1",
    }
    server = start_mock("national_portal", tmp_path_factory, env)
    yield server
    server.stop()


def test_the_settings_name_the_account_the_agency_and_the_session_lifetime(
    configured: ServerProcess,
) -> None:
    with httpx.Client(base_url=configured.url, timeout=5.0) as http:
        assert http.get("/health").json() == {"status": "ok", "service": "national_portal"}
        defaults = http.post("/api/dang-nhap", json={"username": USERNAME, "password": PASSWORD})
        assert defaults.status_code == 401
        answer = http.post(
            "/api/dang-nhap", json={"username": "tinh-khac", "password": "mat-khau-khac"}
        )
        assert answer.json()["expires_in"] == 1
        session = answer.json()["session"]
        ok = call(http, session, "DongBoHoSoMC", record(), madonvi="000.00.00.H01")
        assert ok.json()["error_code"] == 0
        poll(
            lambda: call(http, session, "TraCuuHoSo", {"MaHoSo": "x"}).status_code == 401,
            what="the session to expire after NATIONAL_SESSION_TTL_S=1",
            timeout_s=5,
            interval_s=0.2,
        )
