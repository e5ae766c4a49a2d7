"""``make selfcheck``: does the e2e suite catch real defects? (docs/selfcheck.md)

Runs the suite against the healthy reference portal (it must be all green), then once
per seeded defect of ``portal/defects.py`` with ``PORTAL_DEFECTS=<name>`` in the
environment of the run (the portal is started by the suite's fixtures with it) and only
the scenarios tagged as the defect's ``tags``. A defect is detected when a scenario that
passed against the healthy portal fails against the defective one. Writes
``reports/selfcheck/selfcheck.json`` and ``selfcheck.md``, prints the table, and exits 1
when the healthy run is not green or a defect goes undetected.

This module is also the tiny pytest plugin that records each scenario's outcome
(``-p scripts.selfcheck --selfcheck-out FILE``); as a plugin it imports nothing of the
portal, so the suite's process knows nothing of the catalogue.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports"  # selfcheck.json, selfcheck.md
RUNS = ROOT / "reports" / "test-results" / "selfcheck"  # each run's log and outcomes
RUN_TIMEOUT_S = 30 * 60  # one pytest run; a hung run counts as "not detected"

# --- the pytest plugin (-p scripts.selfcheck) -------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--selfcheck-out", metavar="FILE", help="write each scenario's outcome here")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("--selfcheck-out")
    if path:
        config.pluginmanager.register(OutcomeRecorder(Path(path)), "selfcheck-recorder")


def scenario_name(item: pytest.Item) -> tuple[str, str]:
    """(feature, scenario) as the Gherkin names them, outline values filled in."""
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
    function = getattr(item, "obj", None)
    if function is None:
        return "", item.name
    try:
        from pytest_bdd.scenario import scenario_wrapper_template_registry

        template = scenario_wrapper_template_registry[function]
        name = str(template.render(example).name)
    except (ImportError, KeyError, AttributeError, TypeError):
        return "", item.name
    if name == template.name and example:  # an outline whose name has no <placeholder>
        name += f" [{', '.join(str(value) for value in example.values())}]"
    return str(template.feature.name), name


class OutcomeRecorder:
    """Each collected scenario: passed, failed (any phase), skipped or not run; as JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.outcomes: dict[str, dict[str, Any]] = {}

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:  # the selected ones (after -m, -k)
            feature, scenario = scenario_name(item)
            self.outcomes[item.nodeid] = {
                "feature": feature,
                "scenario": scenario,
                "outcome": "not run",
                "seconds": 0.0,
            }

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.outcomes.get(report.nodeid)
        if entry is None:
            return
        entry["seconds"] = round(entry["seconds"] + report.duration, 2)
        if report.failed:
            entry["outcome"] = "failed"
        elif report.skipped and entry["outcome"] != "failed":
            entry["outcome"] = "skipped"
        elif report.when == "call" and entry["outcome"] == "not run":
            entry["outcome"] = "passed"

    def pytest_sessionfinish(self, exitstatus: int) -> None:
        body = {"exit_status": int(exitstatus), "scenarios": self.outcomes}
        self.path.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")


# --- the runner ---------------------------------------------------------------------------


@dataclass
class Run:
    """One pytest run of the suite: which defect (None: healthy), which tags, what happened."""

    defect: str | None
    tags: tuple[str, ...]
    exit_code: int = -1
    seconds: float = 0.0
    scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)
    log: Path | None = None

    def by_outcome(self, outcome: str) -> list[str]:
        return [nodeid for nodeid, s in self.scenarios.items() if s["outcome"] == outcome]

    def name_of(self, nodeid: str) -> str:
        return str(self.scenarios[nodeid]["scenario"])


def marker_expression(tags: Sequence[str]) -> str:
    return " or ".join(sorted(set(tags)))


def run_suite(
    defect: str | None, tags: Sequence[str], workdir: Path, extra: Sequence[str] = ()
) -> Run:
    """Run the scenarios tagged ``tags`` with ``PORTAL_DEFECTS=defect`` (none when healthy)."""
    label = defect or "healthy"
    workdir.mkdir(parents=True, exist_ok=True)
    results, log = workdir / f"{label}.json", workdir / f"{label}.log"
    results.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_DEFECTS"}
    if defect:
        env["PORTAL_DEFECTS"] = defect
    command = [
        sys.executable, "-m", "pytest", "features", "-m", marker_expression(tags),
        "-p", "scripts.selfcheck", "--selfcheck-out", str(results),
        "--basetemp", str(workdir / f"tmp-{label}"), "-q", "-rN", *extra,
    ]  # fmt: skip
    run = Run(defect=defect, tags=tuple(tags), log=log)
    started = time.monotonic()
    with log.open("wb") as out:
        try:
            run.exit_code = subprocess.run(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                timeout=RUN_TIMEOUT_S, check=False,
            ).returncode  # fmt: skip
        except subprocess.TimeoutExpired:
            run.exit_code = -9
    run.seconds = round(time.monotonic() - started, 1)
    if results.exists():
        run.scenarios = json.loads(results.read_text(encoding="utf-8"))["scenarios"]
    return run


def verdict(defect: Any, run: Run, healthy: Run) -> dict[str, Any]:
    """Detected: a scenario green against the healthy portal is red against this defect."""
    green = set(healthy.by_outcome("passed"))
    caught = [nodeid for nodeid in run.by_outcome("failed") if nodeid in green]
    return {
        "name": defect.name,
        "area": defect.area,
        "description": defect.description,
        "tags": list(defect.tags),
        "detected": bool(caught),
        "caught_by": [run.name_of(nodeid) for nodeid in caught],
        "scenarios_run": len(run.scenarios),
        "exit_code": run.exit_code,
        "seconds": run.seconds,
    }


def table_rows(report: dict[str, Any]) -> Iterator[list[str]]:
    for number, d in enumerate(report["defects"], 1):
        caught = d["caught_by"]
        shown = "; ".join(caught[:3]) + (f" (+{len(caught) - 3})" if len(caught) > 3 else "")
        yield [
            str(number),
            d["name"],
            d["area"],
            "có" if d["detected"] else "**KHÔNG**",
            shown or f"(không kịch bản nào đỏ; mã thoát {d['exit_code']})",
        ]


def markdown(report: dict[str, Any]) -> str:
    healthy = report["healthy"]
    lines = [
        "# Tự kiểm chứng bộ kiểm thử (make selfcheck)",
        "",
        f"- Cổng lành: {healthy['passed']} kịch bản đạt, {healthy['failed']} không đạt "
        f"({healthy['seconds']:.0f} s)",
        f"- Lỗi cài sẵn bị phát hiện: **{report['detected']}/{report['total']}**",
        f"- Thời gian: {report['seconds'] / 60:.1f} phút, {report['jobs']} lần chạy song song",
        "",
        "| # | lỗi cài sẵn | hạng mục | phát hiện | kịch bản bắt được |",
        "|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(report)]
    return "\n".join(lines) + "\n"


def plain_table(report: dict[str, Any]) -> str:
    rows = [["#", "defect", "area", "detected", "caught by"], *table_rows(report)]
    rows = [[cell.replace("**", "") for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    from portal.defects import BY_NAME, CATALOGUE  # the runner only, never the plugin

    parser = argparse.ArgumentParser(prog="python -m scripts.selfcheck", description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated defect names (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="defect runs at once (default 2)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--maxfail", type=int, default=0, help="stop a defect's run after N red")
    args = parser.parse_args(argv)
    chosen = [BY_NAME[n.strip()] for n in args.only.split(",") if n.strip()] or list(CATALOGUE)
    started = time.monotonic()
    all_tags = sorted({tag for defect in CATALOGUE for tag in defect.tags})
    print(f"selfcheck: healthy run ({marker_expression(all_tags)}) …", flush=True)
    healthy = run_suite(None, all_tags, RUNS)
    passed, failed = healthy.by_outcome("passed"), healthy.by_outcome("failed")
    print(f"selfcheck: healthy {len(passed)} passed, {len(failed)} failed in {healthy.seconds}s")
    extra = [f"--maxfail={args.maxfail}"] if args.maxfail else []

    def one(defect: Any) -> dict[str, Any]:
        run = run_suite(defect.name, defect.tags, RUNS, extra)
        result = verdict(defect, run, healthy)
        mark = "detected" if result["detected"] else "NOT DETECTED"
        print(f"selfcheck: {defect.name}: {mark} ({run.seconds}s)", flush=True)
        return result

    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        verdicts = list(pool.map(one, chosen))
    report = {
        "healthy": {
            "passed": len(passed),
            "failed": len(failed),
            "failed_scenarios": [healthy.name_of(n) for n in failed],
            "exit_code": healthy.exit_code,
            "seconds": healthy.seconds,
        },
        "defects": verdicts,
        "detected": sum(1 for v in verdicts if v["detected"]),
        "total": len(verdicts),
        "jobs": args.jobs,
        "seconds": round(time.monotonic() - started, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "selfcheck.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (args.out / "selfcheck.md").write_text(markdown(report), encoding="utf-8")
    print(plain_table(report))
    print(
        f"selfcheck: healthy {len(passed)} passed / {len(failed)} failed; "
        f"{report['detected']}/{report['total']} defects detected in {report['seconds'] / 60:.1f} min; "
        f"report {args.out / 'selfcheck.json'}"
    )
    green = healthy.exit_code == 0 and not failed and bool(passed)
    return 0 if green and report["detected"] == report["total"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
