"""The mocks' control token: where the suite takes it (``DVC_CONTROL_TOKEN``, else one per
run), and what a mock does without one (``MOCK_CONTROL_TOKEN`` unset: makes and prints it)."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fixtures import control
from fixtures.polling import poll
from fixtures.servers import ServerProcess, free_port

ROOT = Path(__file__).resolve().parents[2]
PRINTED = re.compile(r"control token \(X-Control-Token\) (?P<token>\S+) ")


@pytest.fixture
def fresh_token(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A ``control_token`` of its own for the test; the run's (which the mocks other tests
    started were given) comes back after it: clearing the run's cache instead made later
    tests' mocks answer 401 when this file ran before them."""
    monkeypatch.setattr(
        control, "control_token", functools.cache(control.control_token.__wrapped__)
    )
    yield


def test_the_suite_takes_dvc_control_token_when_set(
    fresh_token: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DVC_CONTROL_TOKEN", "ma-dieu-khien-cua-nha-cung-cap")
    assert control.control_headers() == {"X-Control-Token": "ma-dieu-khien-cua-nha-cung-cap"}
    assert control.mock_env() == {"MOCK_CONTROL_TOKEN": "ma-dieu-khien-cua-nha-cung-cap"}
    with control.control_client() as client:
        assert client.headers["X-Control-Token"] == "ma-dieu-khien-cua-nha-cung-cap"


def test_without_it_one_random_token_per_run(
    fresh_token: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DVC_CONTROL_TOKEN", raising=False)
    first = control.control_token()
    assert len(first) >= 24 and control.control_token() == first
    control.control_token.cache_clear()
    assert control.control_token() != first


def test_a_mock_without_a_token_makes_one_prints_it_and_accepts_only_it(
    tmp_path: Path,
) -> None:
    log = tmp_path / "sso.log"
    server = ServerProcess(
        name="sso", module="mocks.sso", port=free_port(), env={"MOCK_CONTROL_TOKEN": ""},
        log_path=log,
    )  # fmt: skip
    server.start()
    try:
        server.wait_healthy()
        printed = poll(
            lambda: PRINTED.search(log.read_text(encoding="utf-8")),
            what="the sso mock to print its control token",
            timeout_s=10,
        )
        token = printed.group("token")
        journal = f"{server.url}/_control/journal"
        assert httpx.get(journal, headers={"X-Control-Token": token}).status_code == 200
        assert httpx.get(journal, headers={"X-Control-Token": token + "x"}).status_code == 401
        assert httpx.get(journal).status_code == 401
    finally:
        server.stop()


def test_make_serve_prints_the_token_to_give_the_suite() -> None:
    banner = subprocess.run(
        [sys.executable, "-c", "from scripts.serve import control_lines; "
         "print('\\n'.join(control_lines({'national_portal': 'http://127.0.0.1:8103'})))"],
        cwd=ROOT, env={"DVC_CONTROL_TOKEN": "ma-in-ra", "PATH": ""}, capture_output=True,
        text=True, check=True,
    ).stdout  # fmt: skip
    assert "X-Control-Token): ma-in-ra" in banner
    assert "export DVC_CONTROL_TOKEN=ma-in-ra" in banner
