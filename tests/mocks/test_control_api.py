"""The control API and the strictness every mock shares (docs/contracts.md, top)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from fixtures.servers import ServerProcess

MOCKS = {  # name: (a fault it knows, a match key it takes); the SSO mock takes forms
    "sso": ("down", "endpoint"),
    "payment": ("decline", "MaHoSo"),
    "national_portal": ("down", "MaHoSo"),
}
SERVER_FIXTURE = {
    "sso": "sso_server",
    "payment": "payment_server",
    "national_portal": "national_server",
}


@pytest.fixture(params=list(MOCKS))
def mock(request: pytest.FixtureRequest) -> Iterator[tuple[str, httpx.Client]]:
    server: ServerProcess = request.getfixturevalue(SERVER_FIXTURE[request.param])
    with httpx.Client(
        base_url=server.url, timeout=5.0, verify=request.getfixturevalue("tls")
    ) as client:
        client.post("/_control/reset").raise_for_status()
        yield request.param, client


def test_health_names_the_mock(mock: tuple[str, httpx.Client]) -> None:
    name, client = mock
    assert client.get("/health").json() == {"status": "ok", "service": name}


def test_an_unexpected_request_is_refused_and_journaled(mock: tuple[str, httpx.Client]) -> None:
    _, client = mock
    answer = client.delete("/khong-co-duong-dan", params={"x": "1"})
    assert answer.status_code == 404
    assert answer.json() == {"error": "unexpected request: DELETE /khong-co-duong-dan"}
    journal = client.get("/_control/journal").json()
    (entry,) = journal["entries"]
    assert (entry["method"], entry["path"], entry["query"]) == (
        "DELETE",
        "/khong-co-duong-dan",
        {"x": "1"},
    )
    assert (entry["status"], entry["verdict"], entry["direction"]) == (404, "rejected", "inbound")
    assert client.get("/_control/journal/cursor").json() == {"last_seq": journal["last_seq"]}


@pytest.mark.parametrize(
    ("mock", "path"),
    [("payment", "/api/giao-dich"), ("national_portal", "/api/dich-vu")],
    indirect=["mock"],
)
def test_a_malformed_json_body_is_refused_and_journaled(
    mock: tuple[str, httpx.Client], path: str
) -> None:
    _, client = mock
    answer = client.post(path, content=b"{", headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "malformed request: the body is not JSON"}
    assert client.get("/_control/journal").json()["entries"][-1]["verdict"] == "rejected"


def test_faults_are_armed_listed_and_cleared(mock: tuple[str, httpx.Client]) -> None:
    name, client = mock
    fault, key = MOCKS[name]
    armed = client.post(
        "/_control/faults",
        json={"name": fault, "times": 2, "match": {key: "X"}, "params": {"a": 1}},
    )
    assert armed.json() == {"armed": fault, "times": 2, "params": {"a": 1}, "match": {key: "X"}}
    listed = client.get("/_control/faults").json()
    assert fault in listed["known"]
    assert [(f["name"], f["times"], f["fired"]) for f in listed["armed"]] == [(fault, 2, 0)]
    client.delete("/_control/faults").raise_for_status()
    assert client.get("/_control/faults").json()["armed"] == []


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ({"name": "khong-co"}, "unknown fault"),
        ({"name": "FAULT", "match": {"khong_co": "1"}}, "match may not name khong_co"),
    ],
)
def test_a_fault_that_could_never_fire_is_refused(
    mock: tuple[str, httpx.Client], spec: dict[str, object], problem: str
) -> None:
    name, client = mock
    body = {**spec, "name": MOCKS[name][0] if spec["name"] == "FAULT" else spec["name"]}
    answer = client.post("/_control/faults", json=body)
    assert answer.status_code == 400
    assert problem in answer.json()["error"]
    assert client.get("/_control/faults").json()["armed"] == []


def test_reset_clears_journal_and_faults_and_the_cursor_keeps_growing(
    mock: tuple[str, httpx.Client],
) -> None:
    name, client = mock
    client.get("/khong-co")
    client.get("/khong-co-nua")
    journal = client.get("/_control/journal").json()
    since = client.get("/_control/journal", params={"since": journal["entries"][0]["seq"]}).json()
    assert [e["path"] for e in since["entries"]] == ["/khong-co-nua"]
    client.post("/_control/faults", json={"name": MOCKS[name][0]})
    reset = client.post("/_control/reset").json()
    assert reset["journal_seq"] == journal["last_seq"]
    assert client.get("/_control/journal").json()["entries"] == []
    assert client.get("/_control/faults").json()["armed"] == []
    client.get("/khong-co")
    assert client.get("/_control/journal").json()["entries"][0]["seq"] == journal["last_seq"] + 1
