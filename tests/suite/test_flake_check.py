"""``make flake-check`` (scripts/flake_check.py): which scenarios are flaky, from canned
outcome files of several runs. No browser."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts import flake_check


def run(**outcomes: str) -> dict[str, dict[str, Any]]:
    return {
        f"features/test_checklist.py::test_{name}": {
            "feature": "Tính năng",
            "scenario": f"Kịch bản {name}",
            "outcome": outcome,
            "seconds": 0.5,
        }
        for name, outcome in outcomes.items()
    }


def test_steady_runs_have_no_flaky_scenario() -> None:
    runs = [run(a="passed", b="passed", c="skipped") for _ in range(3)]
    analysis = flake_check.analyse(list(runs))
    assert analysis["flaky"] == [] and analysis["always_failing"] == []
    assert analysis["scenarios"]["features/test_checklist.py::test_c"]["outcomes"] == {"skipped": 3}
    assert flake_check.exit_code(analysis) == 0


def test_a_scenario_whose_outcome_changed_is_flaky_and_a_steady_failure_is_apart() -> None:
    runs = [
        run(a="passed", b="failed", c="passed"),
        run(a="failed", b="failed", c="passed"),
        run(a="passed", b="failed", c="not run"),
    ]
    analysis = flake_check.analyse(list(runs))
    assert [f["nodeid"] for f in analysis["flaky"]] == [
        "features/test_checklist.py::test_a",
        "features/test_checklist.py::test_c",
    ]
    assert analysis["flaky"][0]["outcomes"] == {"failed": 1, "passed": 2}
    assert analysis["flaky"][0]["scenario"] == "Kịch bản a"
    assert [f["nodeid"] for f in analysis["always_failing"]] == [
        "features/test_checklist.py::test_b"
    ]
    assert flake_check.exit_code(analysis) == 1


def test_a_scenario_missing_from_a_run_is_flaky() -> None:
    analysis = flake_check.analyse([run(a="passed", b="passed"), run(a="passed")])
    assert analysis["flaky"][0]["outcomes"] == {"missing": 1, "passed": 1}


def test_a_run_that_recorded_nothing_fails_the_check() -> None:
    analysis = flake_check.analyse([run(a="passed"), None, run(a="passed")])
    assert analysis["broken_runs"] == [2] and analysis["flaky"] == []
    assert flake_check.exit_code(analysis) == 1


def test_only_failures_fail_the_check() -> None:
    assert flake_check.exit_code(flake_check.analyse([run(a="failed"), run(a="failed")])) == 1


def test_main_runs_the_suite_n_times_and_writes_the_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = iter(["passed", "failed", "passed"])
    commands: list[list[str]] = []

    class Done:
        returncode = 0

    def fake_run(command: list[str], **kwargs: Any) -> Done:
        commands.append(command)
        out = Path(command[command.index("--outcomes-out") + 1])
        body = {"exit_status": 0, "scenarios": run(a=next(outcomes), b="passed")}
        out.write_text(json.dumps(body), encoding="utf-8")
        return Done()

    monkeypatch.setattr(flake_check, "WORK", tmp_path / "work")
    monkeypatch.setattr(flake_check.subprocess, "run", fake_run)
    out = tmp_path / "flake-check.json"
    status = flake_check.main(["--runs", "3", "--out", str(out), "--pytest-args=-x"])

    assert status == 1
    assert len(commands) == 3 and all(
        c[:4] == [sys.executable, "-m", "pytest", flake_check.SUITE] for c in commands
    )
    assert all("-x" in c and "scripts.outcomes" in c for c in commands)
    body = json.loads(out.read_text(encoding="utf-8"))
    assert (
        body["runs"] == 3 and len(body["run_wall_s"]) == 3 and body["run_exit_status"] == [0, 0, 0]
    )
    assert [f["nodeid"] for f in body["flaky"]] == ["features/test_checklist.py::test_a"]
    assert body["scenarios"]["features/test_checklist.py::test_b"]["outcomes"] == {"passed": 3}
    printed = capsys.readouterr().out
    assert "FLAKY" in printed and "Kịch bản a" in printed and "failed 1, passed 2" in printed


def test_fewer_than_two_runs_is_refused() -> None:
    with pytest.raises(SystemExit):
        flake_check.main(["--runs", "1"])
