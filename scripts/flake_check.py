"""``make flake-check N=10``: run the default suite N times and name every scenario whose
outcome was not the same in all runs (issue #11: there must be none).

Each run is its own pytest process (``features/test_checklist.py -p scripts.outcomes``),
one after the other. A scenario is *flaky* when its outcome (passed, failed, skipped,
not run) changed between runs; one that failed in every run is listed apart (a steady
failure, not a flake). Writes ``reports/flake-check.json`` (runs, each run's wall time and
exit status, per-scenario outcome counts, the flaky and the always-failing scenarios),
prints a table, and exits 1 when any scenario is flaky or always fails, or a run recorded
nothing.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from scripts import outcomes as outcome_plugin

ROOT = Path(__file__).resolve().parent.parent
SUITE = "features/test_checklist.py"
OUT = ROOT / "reports" / "flake-check.json"
WORK = ROOT / "reports" / "test-results" / "flake-check"  # each run's outcomes and log
MISSING = "missing"  # the scenario is not in a run's outcomes (collection changed, or crash)


def run_command(outcomes_file: Path, pytest_args: list[str]) -> list[str]:
    return [
        sys.executable, "-m", "pytest", SUITE, "-p", "scripts.outcomes",
        "--outcomes-out", str(outcomes_file), "-q", *pytest_args,
    ]  # fmt: skip


def analyse(runs: list[dict[str, dict[str, Any]] | None]) -> dict[str, Any]:
    """From each run's scenarios (``scripts.outcomes.read``; None: the run recorded
    nothing): per-scenario outcome counts, the flaky and the always-failing scenarios."""
    recorded = [run for run in runs if run is not None]
    names: dict[str, dict[str, Any]] = {}
    for run in recorded:
        for nodeid, entry in run.items():
            names.setdefault(nodeid, {"feature": entry["feature"], "scenario": entry["scenario"]})
    scenarios: dict[str, dict[str, Any]] = {}
    flaky, always_failing = [], []
    for nodeid in sorted(names):
        counts = Counter(run[nodeid]["outcome"] if nodeid in run else MISSING for run in recorded)
        entry = {**names[nodeid], "outcomes": dict(sorted(counts.items()))}
        scenarios[nodeid] = entry
        listed = {"nodeid": nodeid, **entry}
        if len(counts) > 1:
            flaky.append(listed)
        elif set(counts) == {"failed"}:
            always_failing.append(listed)
    return {
        "scenarios": scenarios,
        "flaky": flaky,
        "always_failing": always_failing,
        "broken_runs": [index + 1 for index, run in enumerate(runs) if run is None],
    }


def exit_code(analysis: dict[str, Any]) -> int:
    bad = analysis["flaky"] or analysis["always_failing"] or analysis["broken_runs"]
    return 1 if bad else 0


def table(rows: list[dict[str, Any]], runs: int) -> list[str]:
    lines = [f"  {'outcomes in ' + str(runs) + ' runs':<32}  scenario"]
    for row in rows:
        counts = ", ".join(f"{outcome} {n}" for outcome, n in row["outcomes"].items())
        lines.append(f"  {counts:<32}  {row['feature']}: {row['scenario']}")
    return lines


def report_lines(body: dict[str, Any]) -> list[str]:
    runs = body["runs"]
    walls = ", ".join(f"{w:.0f}" for w in body["run_wall_s"])
    lines = [
        f"flake-check: {len(body['scenarios'])} scenarios, {runs} runs (wall s: {walls})",
    ]
    if body["broken_runs"]:
        lines.append(f"runs that recorded nothing: {body['broken_runs']} (see their logs)")
    if body["flaky"]:
        lines.append(f"FLAKY — outcome changed between runs: {len(body['flaky'])}")
        lines += table(body["flaky"], runs)
    if body["always_failing"]:
        lines.append(f"FAILED in every run: {len(body['always_failing'])}")
        lines += table(body["always_failing"], runs)
    if not (body["flaky"] or body["always_failing"] or body["broken_runs"]):
        lines.append(f"no flaky scenario: every scenario had the same outcome in all {runs} runs")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.flake_check", description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=10, help="how many runs (default 10)")
    parser.add_argument("--pytest-args", default="", help="more pytest arguments")
    parser.add_argument("--out", type=Path, default=OUT, help="where flake-check.json goes")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2 to compare runs")

    WORK.mkdir(parents=True, exist_ok=True)
    extra = shlex.split(args.pytest_args)
    runs: list[dict[str, dict[str, Any]] | None] = []
    walls: list[float] = []
    statuses: list[int] = []
    for index in range(1, args.runs + 1):
        outcomes_file = WORK / f"run-{index}.json"
        outcomes_file.unlink(missing_ok=True)
        log = WORK / f"run-{index}.log"
        started = time.perf_counter()
        with log.open("w", encoding="utf-8") as out:
            status = subprocess.run(
                run_command(outcomes_file, extra), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            ).returncode
        walls.append(round(time.perf_counter() - started, 1))
        statuses.append(status)
        runs.append(outcome_plugin.read(outcomes_file) if outcomes_file.exists() else None)
        counts = Counter(e["outcome"] for e in (runs[-1] or {}).values())
        shown = ", ".join(f"{n} {outcome}" for outcome, n in counts.items()) or "nothing recorded"
        print(f"flake-check: run {index}/{args.runs}: {walls[-1]} s, {shown}", flush=True)

    analysis = analyse(runs)
    body = {
        "runs": args.runs,
        "command": shlex.join(["python", *run_command(WORK / "run-I.json", extra)[1:]]),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "run_wall_s": walls,
        "run_exit_status": statuses,
        **analysis,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(report_lines(body)))
    print(f"flake-check: wrote {args.out}")
    return exit_code(analysis)


if __name__ == "__main__":
    sys.exit(main())
