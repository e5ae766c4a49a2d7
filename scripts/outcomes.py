"""A tiny pytest plugin that writes each scenario's outcome and duration as JSON:
``pytest features -p scripts.outcomes --outcomes-out FILE``.

``make bench``, ``make flake-check`` and ``make selfcheck`` read what it writes. It imports
nothing of the portal, the mocks or the suite: it only watches pytest's reports.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--outcomes-out", metavar="FILE", help="write each scenario's outcome here")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("--outcomes-out")
    if path:
        controller = bool(getattr(config.option, "numprocesses", None)) and not os.environ.get(
            "PYTEST_XDIST_WORKER"
        )
        config.pluginmanager.register(OutcomeRecorder(Path(path), controller), "outcome-recorder")


def scenario_template(item: pytest.Item) -> tuple[Any, dict[str, Any]] | None:
    """The pytest-bdd scenario template of ``item`` and its outline example (or None)."""
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
    function = getattr(item, "obj", None)
    if function is None:
        return None
    try:
        from pytest_bdd.scenario import scenario_wrapper_template_registry

        return scenario_wrapper_template_registry[function], example
    except (ImportError, KeyError, TypeError):
        return None


def scenario_name(item: pytest.Item) -> tuple[str, str]:
    """(feature, scenario) as the Gherkin names them, outline values filled in."""
    found = scenario_template(item)
    if found is None:
        return "", item.name
    template, example = found
    try:
        name = str(template.render(example).name)
    except (AttributeError, KeyError, TypeError):
        return "", item.name
    if name == template.name and example:  # an outline whose name has no <placeholder>
        name += f" [{', '.join(str(value) for value in example.values())}]"
    return str(template.feature.name), name


FEATURES = Path(__file__).resolve().parent.parent / "features"


def scenario_place(item: pytest.Item) -> tuple[str, str]:
    """(feature file relative to features/, scenario name) of ``item``; ("", "") if not one."""
    found = scenario_template(item)
    if found is None:
        return "", ""
    feature_file = Path(found[0].feature.filename).resolve()
    try:
        relative = feature_file.relative_to(FEATURES).as_posix()
    except ValueError:
        relative = feature_file.as_posix()
    return relative, scenario_name(item)[1]


class OutcomeRecorder:
    """Each selected scenario: passed, failed (any phase), skipped or not run, and its
    seconds (setup + call + teardown, as pytest measured them)."""

    def __init__(self, path: Path, controller: bool = False) -> None:
        self.path = path
        self.controller = controller  # the controller of a pytest-xdist run
        self.outcomes: dict[str, dict[str, Any]] = {}

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:  # the selected ones (after -m, -k, --shard)
            feature, scenario = scenario_name(item)
            feature_file = scenario_place(item)[0]
            self.outcomes[item.nodeid] = {
                # stable across test modules and runs: feature file::scenario name
                "key": f"{feature_file}::{scenario}" if feature_file else item.nodeid,
                "feature": feature,
                "scenario": scenario,
                "outcome": "not run",
                "seconds": 0.0,
            }

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.outcomes.get(report.nodeid)
        if entry is None:
            if not self.controller:
                return
            # the xdist controller collects nothing itself: names come from the workers
            entry = self.outcomes[report.nodeid] = {"outcome": "not run", "seconds": 0.0}
        entry["seconds"] = round(entry["seconds"] + report.duration, 3)
        if report.failed:
            entry["outcome"] = "failed"
        elif report.skipped and entry["outcome"] != "failed":
            entry["outcome"] = "skipped"
        elif report.when == "call" and entry["outcome"] == "not run":
            entry["outcome"] = "passed"

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        if worker:  # under pytest-xdist: each worker writes its part, the controller merges
            part = self.path.with_name(f"{self.path.name}.{worker}.part")
            part.write_text(json.dumps(self.outcomes, ensure_ascii=False), encoding="utf-8")
            return
        merged: dict[str, dict[str, Any]] = {}
        for part in sorted(self.path.parent.glob(f"{self.path.name}.*.part")):
            merged.update(json.loads(part.read_text(encoding="utf-8")))
            part.unlink()
        for nodeid, entry in self.outcomes.items():  # what the controller saw wins
            merged[nodeid] = {**merged.get(nodeid, {}), **entry} if nodeid in merged else entry
        body = {"exit_status": int(exitstatus), "scenarios": merged}
        self.path.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")


def read(path: Path) -> dict[str, dict[str, Any]]:
    """The scenarios a run recorded (nodeid → feature, scenario, outcome, seconds)."""
    body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return dict(body["scenarios"])
