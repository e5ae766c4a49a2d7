"""The national portal mock's faults (down, slow, session_expired, error_answer) and its clock."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.mocks.national_api import MADONVI, call, login, now_stamp, record


def arm(national: httpx.Client, name: str, **spec: Any) -> None:
    answer = national.post("/_control/faults", json={"name": name, **spec})
    assert answer.status_code == 200, answer.text


def warehouse_call(national: httpx.Client, session: str) -> httpx.Response:
    body = {"session": session, "madonvi": MADONVI, "data": {"SoDinhDanh": "x"}}
    return national.post("/api/kho-du-lieu/ket-qua", json=body)


@pytest.mark.parametrize("endpoint", ["dang-nhap", "dich-vu", "kho-du-lieu"])
def test_down_answers_503_once_at_the_matched_endpoint(
    national: httpx.Client, endpoint: str
) -> None:
    session = login(national)
    arm(national, "down", match={"endpoint": endpoint})
    calls = {
        "dang-nhap": lambda: national.post("/api/dang-nhap", json={"username": "x"}),
        "dich-vu": lambda: call(national, session, "TraCuuHoSo", {"MaHoSo": "H1"}),
        "kho-du-lieu": lambda: warehouse_call(national, session),
    }
    for other in set(calls) - {endpoint}:
        assert calls[other]().status_code != 503
    answer = calls[endpoint]()
    assert answer.status_code == 503 and answer.json()["error_code"] == 503
    entry = national.get("/_control/journal").json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("fault", "fault: down")
    assert calls[endpoint]().status_code != 503


@pytest.mark.parametrize("key", ["service", "MaHoSo"])
def test_down_matched_on_a_service_or_a_dossier(national: httpx.Client, key: str) -> None:
    session = login(national)
    data = record()
    arm(national, "down", match={key: data[key] if key == "MaHoSo" else "DongBoHoSoMC"})
    other = call(national, session, "DongBoHoSoMC" if key == "MaHoSo" else "TraCuuHoSo", record())
    assert other.status_code == 200
    assert call(national, session, "DongBoHoSoMC", data).status_code == 503
    assert national.get(f"/_control/dossiers/{data['MaHoSo']}").status_code == 404


def test_slow_answers_after_the_delay(national: httpx.Client) -> None:
    session = login(national)
    arm(national, "slow", params={"delay_s": 0.2})
    started = time.monotonic()
    answer = call(national, session, "DongBoHoSoMC", record())
    assert time.monotonic() - started >= 0.2
    assert answer.json()["error_code"] == 0


def test_session_expired_ends_the_session_and_a_new_login_works(national: httpx.Client) -> None:
    session = login(national)
    arm(national, "session_expired")
    expired = call(national, session, "DongBoHoSoMC", record())
    assert expired.status_code == 401
    assert expired.json() == {"error_code": 401, "message": "Phiên làm việc hết hạn"}
    entry = national.get("/_control/journal").json()["entries"][-1]
    assert entry["verdict"] == "fault"
    assert call(national, session, "DongBoHoSoMC", record()).status_code == 401, "it ended"
    assert call(national, login(national), "DongBoHoSoMC", record()).json()["error_code"] == 0


def test_the_clock_follows_a_portal_moved_forward(national: httpx.Client) -> None:
    overdue = record(NgayTiepNhan=now_stamp(days=30), NgayHenTra=now_stamp(days=35))
    session = login(national)
    assert call(national, session, "DongBoHoSoMC", overdue).json()["error_code"] == 1
    moved = national.put("/_control/clock", json={"offset_days": 30})
    assert moved.json()["offset_days"] == 30
    assert moved.json()["now"][:8] == now_stamp(days=30)[:8]
    assert national.get("/_control/clock").json()["offset_days"] == 30
    assert call(national, session, "DongBoHoSoMC", overdue).json()["error_code"] == 0
    national.post("/_control/reset").raise_for_status()
    assert national.get("/_control/clock").json()["offset_days"] == 0


@pytest.mark.parametrize("body", [{"offset_days": "30"}, {"offset_days": 1.5}, {}])
def test_the_clock_takes_whole_days_only(national: httpx.Client, body: dict[str, Any]) -> None:
    assert national.put("/_control/clock", json=body).status_code == 400


def test_error_answer_is_an_unknown_error_code_with_http_200(national: httpx.Client) -> None:
    session = login(national)
    data = record()
    arm(national, "error_answer", match={"MaHoSo": data["MaHoSo"]}, params={"error_code": 42})
    answer = call(national, session, "DongBoHoSoMC", data)
    assert answer.status_code == 200
    assert answer.json()["error_code"] == 42 and answer.json()["message"]
    entry = national.get("/_control/journal").json()["entries"][-1]
    assert (entry["verdict"], entry["reason"]) == ("fault", "fault: error_answer error_code 42")
    assert national.get(f"/_control/dossiers/{data['MaHoSo']}").status_code == 404, "not kept"
    assert call(national, session, "DongBoHoSoMC", data).json()["error_code"] == 0, "fired once"


@pytest.mark.parametrize(("status", "code"), [(403, 99), (422, 1), (200, 1)])
def test_error_answer_answers_the_armed_http_status(
    national: httpx.Client, status: int, code: int
) -> None:
    session = login(national)
    data = record()
    params = {"error_code": code, "status": status}
    arm(national, "error_answer", match={"MaHoSo": data["MaHoSo"]}, params=params)
    answer = call(national, session, "DongBoHoSoMC", data)
    assert (answer.status_code, answer.json()["error_code"]) == (status, code)
    entry = national.get("/_control/journal").json()["entries"][-1]
    http = "" if status == 200 else f", HTTP {status}"
    assert (entry["verdict"], entry["status"], entry["reason"], entry["extra"]["error_code"]) == (
        "fault",
        status,
        f"fault: error_answer error_code {code}{http}",
        code,
    )
    assert national.get(f"/_control/dossiers/{data['MaHoSo']}").status_code == 404, "not kept"
