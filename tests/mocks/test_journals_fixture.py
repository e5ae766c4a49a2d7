"""fixtures/journals.py: a scenario's journal entries, read and attached per mock."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from fixtures import journals
from fixtures.journals import ScenarioJournals, wants_journals
from fixtures.servers import ServerProcess


@pytest.fixture
def attached(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        journals.allure,
        "attach",
        lambda body, name, attachment_type: calls.append(
            {"body": body, "name": name, "type": attachment_type}
        ),
    )
    return calls


def test_only_the_scenarios_entries_are_read_and_attached_per_mock(
    payment: httpx.Client,
    payment_server: ServerProcess,
    national: httpx.Client,
    national_server: ServerProcess,
    attached: list[dict[str, Any]],
) -> None:
    payment.get("/truoc-kich-ban")
    mocks = {"payment": payment_server.url, "national_portal": national_server.url}
    scenario = ScenarioJournals(mocks, payment)
    scenario.start()
    payment.get("/trong-kich-ban")
    payment.post("/api/truy-van", json={"MaDoiTac": "x"})
    assert [e["path"] for e in scenario.entries("payment")] == ["/trong-kich-ban", "/api/truy-van"]
    assert [e["service"] for e in scenario.entries("payment", service="query")] == ["query"]
    scenario.attach_all()
    (attachment,) = attached  # nothing happened at the national portal: nothing attached
    assert attachment["name"] == "Nhật ký hệ thống mô phỏng: payment"
    assert attachment["type"] == journals.allure.attachment_type.JSON
    assert [e["path"] for e in json.loads(attachment["body"])] == [
        "/trong-kich-ban",
        "/api/truy-van",
    ]
    with pytest.raises(KeyError, match="no mock named 'sso'"):
        scenario.entries("sso")


def test_a_mock_restarted_during_the_scenario_is_read_from_its_new_start(
    payment: httpx.Client, payment_server: ServerProcess
) -> None:
    scenario = ScenarioJournals({"payment": payment_server.url}, payment)
    scenario.cursors["payment"] = 10**6  # as if its journal had begun again at 1
    payment.get("/sau-khi-khoi-dong-lai")
    assert [e["path"] for e in scenario.entries("payment")] == ["/sau-khi-khoi-dong-lai"]


def test_an_unreachable_mock_is_attached_as_a_note_not_an_error(
    payment: httpx.Client, attached: list[dict[str, Any]]
) -> None:
    scenario = ScenarioJournals({"payment": "http://127.0.0.1:9"}, payment)
    scenario.start()
    assert "payment" in scenario.unreachable
    scenario.attach_all()
    assert attached[0]["body"].startswith("Không đọc được nhật ký")


@pytest.mark.parametrize(
    ("fixturenames", "path", "wanted"),
    [
        (["stack", "page"], "tests/mocks/test_x.py", True),
        (["page"], "features/test_checklist.py", True),
        (["payment"], "tests/mocks/test_x.py", False),
    ],
)
def test_only_e2e_scenarios_want_journals(fixturenames: list[str], path: str, wanted: bool) -> None:
    root = Path("/du-an")
    request = SimpleNamespace(
        fixturenames=fixturenames,
        config=SimpleNamespace(rootpath=root),
        node=SimpleNamespace(path=root / path),
    )
    assert wants_journals(request) is wanted  # type: ignore[arg-type]


def test_this_test_got_no_journals(mock_journals: ScenarioJournals | None) -> None:
    assert mock_journals is None, "a project test must not start the stack"
