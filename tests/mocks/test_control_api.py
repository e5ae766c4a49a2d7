"""The control API and the strictness every mock shares (docs/contracts.md, top)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from fixtures.control import HEADER, control_headers
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
        base_url=server.url,
        timeout=5.0,
        verify=request.getfixturevalue("tls"),
        headers=control_headers(),
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


# --- who may use the control API ---------------------------------------------------------

# What a page of another site makes a browser send: a "simple" request (no preflight).
CROSS_SITE = {"Origin": "https://trang-doc-hai.example", "Sec-Fetch-Site": "cross-site"}


def refused_control_calls(client: httpx.Client) -> list[tuple[str, str, int, str]]:
    """The journal's refused control calls: (method, path, status, reason)."""
    entries = client.get("/_control/journal").json()["entries"]
    return [
        (e["method"], e["path"], e["status"], e["reason"])
        for e in entries
        if e["service"] == "control" and e["verdict"] == "rejected"
    ]


@pytest.mark.parametrize(
    ("headers", "status", "reason"),
    [
        ({HEADER: None}, 401, "control call without the X-Control-Token header"),
        ({HEADER: "doan-bua"}, 401, "control call with a wrong X-Control-Token"),
        ({**CROSS_SITE, HEADER: None}, 403, "cross-site control call refused"),
        # the token does not make a cross-site call acceptable (a page cannot know it, but
        # a leaked one must not let any web page drive the mock)
        ({**CROSS_SITE}, 403, "cross-site control call refused"),
        ({"Sec-Fetch-Site": "same-site"}, 403, "cross-site control call refused"),
        ({"Origin": "null"}, 403, "cross-site control call refused"),
    ],
    ids=["no-token", "wrong-token", "cross-site", "cross-site-with-token", "same-site", "null"],
)
def test_a_control_call_without_the_token_or_from_a_web_page_is_refused_and_journaled(
    mock: tuple[str, httpx.Client], headers: dict[str, str | None], status: int, reason: str
) -> None:
    _, client = mock
    sent = {**dict(client.headers), **{k.lower(): v for k, v in headers.items()}}
    clean = {k: v for k, v in sent.items() if v is not None}
    # a text/plain POST: what a form or fetch() of another site may send without preflight
    answer = httpx.post(
        f"{client.base_url}/_control/reset",
        content="{}",
        headers={**clean, "Content-Type": "text/plain"},
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["error"].startswith(reason)
    assert refused_control_calls(client) == [
        ("POST", "/_control/reset", status, answer.json()["error"])
    ]
    token = client.headers[HEADER]
    assert token not in client.get("/_control/journal").text, "the journal holds the token"


def test_a_refused_control_call_changes_nothing(mock: tuple[str, httpx.Client]) -> None:
    name, client = mock
    fault, _ = MOCKS[name]
    client.post("/_control/faults", json={"name": fault, "times": 0}).raise_for_status()
    refused = httpx.delete(f"{client.base_url}/_control/faults", headers=CROSS_SITE)
    assert refused.status_code == 403
    assert [f["name"] for f in client.get("/_control/faults").json()["armed"]] == [fault]


def test_the_control_api_answers_its_own_origin_with_the_token(
    mock: tuple[str, httpx.Client],
) -> None:
    _, client = mock
    own = {"Origin": str(client.base_url).rstrip("/"), "Sec-Fetch-Site": "same-origin"}
    assert client.get("/_control/journal/cursor", headers=own).status_code == 200


def test_a_persona_signed_in_silently_needs_the_token(
    sso_server: ServerProcess, tls: object
) -> None:
    """The attack as found: a page of another site sets the persona the SSO mock signs the
    next visitor in as."""
    answer = httpx.put(
        f"{sso_server.url}/_control/persona/silent",
        json={"username": "001090012345"},
        headers=CROSS_SITE,
    )
    assert answer.status_code == 403
    with httpx.Client(base_url=sso_server.url, headers=control_headers()) as client:
        assert client.get("/_control/persona").json()["silent"] is None


def test_the_token_is_read_from_mock_control_token_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """One variable for the three mocks; a bare CONTROL_TOKEN is someone else's."""
    from mocks.national_portal.settings import NationalSettings
    from mocks.payment.settings import PaymentSettings
    from mocks.sso.settings import SsoSettings

    monkeypatch.setenv("CONTROL_TOKEN", "khong-phai")
    assert SsoSettings().control_token == ""
    monkeypatch.setenv("MOCK_CONTROL_TOKEN", "ma-chung")
    assert {s().control_token for s in (SsoSettings, PaymentSettings, NationalSettings)} == {
        "ma-chung"
    }
    assert SsoSettings(control_token="trong-ma").control_token == "trong-ma"
