"""``make selfcheck``: does the e2e suite catch real defects? (docs/selfcheck.md)

Runs the suite against the healthy reference portal (it must be all green), then once
per seeded defect of ``portal/defects.py`` with ``PORTAL_DEFECTS=<name>`` in the
environment of the run (the portal is started by the suite's fixtures with it) and only
the scenarios tagged as the defect's ``tags`` in the defect's ``where`` (feature files,
optionally narrowed to scenarios by name). The healthy run is exactly the union of those
scenarios, split over ``--jobs`` shards. A defect is detected when a scenario that passed
against the healthy portal fails against the defective one. Writes
``reports/selfcheck.json`` and ``reports/selfcheck.md``, prints the table, and exits 1
when the healthy run is not green, a defect goes undetected or the catalogue has fewer
than 30 defects.

This module is also the tiny pytest plugin that selects the scenarios
(``-p scripts.selfcheck --selfcheck-select FILE``; scripts/outcomes.py records each one's
outcome); as a plugin it imports nothing of the portal, so the suite's process knows
nothing of the catalogue (the selection reaches it as tags, feature files and scenario
names).
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

from scripts.outcomes import scenario_place

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports"  # selfcheck.json, selfcheck.md
RUNS = ROOT / "reports" / "test-results" / "selfcheck"  # each run's log and outcomes
RUN_TIMEOUT_S = 15 * 60  # one pytest run; a hung run counts as "not detected"
MIN_DEFECTS = 30  # issue #9: the catalogue holds at least this many

# --- the pytest plugin (-p scripts.selfcheck) -------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--selfcheck-select",
        metavar="FILE",
        help='run only the scenarios of these selectors (JSON: [{"tags": [...], "where": [...]}])',
    )


def selected(item: pytest.Item, selectors: Sequence[dict[str, Any]]) -> bool:
    """Whether the scenario carries one of a selector's tags and lies in one of its places.

    A place is a feature file relative to features/ (``01_x/y.feature``), optionally with
    ``::start of the scenario name``; a selector without places takes every feature."""
    markers = {mark.name for mark in item.iter_markers()}
    feature_file, name = scenario_place(item)
    for selector in selectors:
        if not markers & set(selector["tags"]):
            continue
        places = selector.get("where") or []
        if not places:
            return True
        for place in places:
            path, _, prefix = place.partition("::")
            if path == feature_file and name.startswith(prefix):
                return True
    return False


@pytest.hookimpl(tryfirst=True)  # before --shard deals the scenarios out
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    path = config.getoption("--selfcheck-select")
    if not path:
        return
    selectors = json.loads(Path(path).read_text(encoding="utf-8"))
    keep = [item for item in items if selected(item, selectors)]
    dropped = [item for item in items if item not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


# --- the runner ---------------------------------------------------------------------------


@dataclass
class Run:
    """One pytest run of the suite: which defect (None: healthy), what ran, what happened."""

    defect: str | None
    selectors: list[dict[str, Any]]
    exit_code: int = -1
    seconds: float = 0.0
    scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)
    log: Path | None = None

    @property
    def broken(self) -> bool:
        """Nothing ran to a verdict: no scenario passed or failed."""
        return not (self.by_outcome("passed") or self.by_outcome("failed"))

    def by_outcome(self, outcome: str) -> list[str]:
        return [nodeid for nodeid, s in self.scenarios.items() if s["outcome"] == outcome]

    def keys_of(self, outcome: str) -> set[str]:
        """The scenarios (feature file::name, stable across test modules) with this outcome."""
        return {s.get("key", n) for n, s in self.scenarios.items() if s["outcome"] == outcome}

    def name_of(self, nodeid: str) -> str:
        return str(self.scenarios[nodeid]["scenario"])


def selector(defect: Any) -> dict[str, Any]:
    return {"tags": sorted(defect.tags), "where": list(defect.where)}


def marker_expression(selectors: Sequence[dict[str, Any]]) -> str:
    return " or ".join(sorted({tag for s in selectors for tag in s["tags"]}))


def run_suite(
    label: str,
    defect: str | None,
    selectors: list[dict[str, Any]],
    workdir: Path,
    extra: Sequence[str] = (),
) -> Run:
    """Run the scenarios of ``selectors`` with ``PORTAL_DEFECTS=defect`` (none when healthy)."""
    workdir.mkdir(parents=True, exist_ok=True)
    results, log = workdir / f"{label}.json", workdir / f"{label}.log"
    select = workdir / f"{label}.select.json"
    select.write_text(json.dumps(selectors, ensure_ascii=False, indent=1), encoding="utf-8")
    results.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_DEFECTS"}
    if defect:
        env["PORTAL_DEFECTS"] = defect
    command = [
        sys.executable, "-m", "pytest", "features", "-m", marker_expression(selectors),
        # outcomes first: scripts.selfcheck imports it, and pytest must load it as a plugin
        # before (it rewrites a plugin's asserts only when it imports the module itself)
        "-p", "scripts.outcomes", "--outcomes-out", str(results),
        "-p", "scripts.selfcheck", "--selfcheck-select", str(select),
        "--basetemp", str(workdir / f"tmp-{label}"), "-q", "-rN", *extra,
    ]  # fmt: skip
    run = Run(defect=defect, selectors=selectors, log=log)
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


def run_healthy(selectors: list[dict[str, Any]], workdir: Path, shards: int) -> Run:
    """The healthy portal over the union of the defects' scenarios, ``shards`` runs at once."""
    shards = max(shards, 1)
    if shards == 1:
        return run_suite("healthy", None, selectors, workdir)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=shards) as pool:
        parts = list(
            pool.map(
                lambda i: run_suite(
                    f"healthy-{i}", None, selectors, workdir, ["--shard", f"{i}/{shards}"]
                ),
                range(1, shards + 1),
            )
        )
    merged = Run(defect=None, selectors=selectors, log=parts[0].log)
    merged.exit_code = max((p.exit_code for p in parts), key=lambda code: code != 0)
    merged.seconds = round(time.monotonic() - started, 1)
    for part in parts:
        merged.scenarios.update(part.scenarios)
    return merged


def verdict(defect: Any, run: Run, healthy: Run) -> dict[str, Any]:
    """Detected: a scenario green against the healthy portal is red against this defect."""
    green = healthy.keys_of("passed")
    caught = [n for n in run.by_outcome("failed") if run.scenarios[n].get("key", n) in green]
    return {
        "name": defect.name,
        "area": defect.area,
        "description": defect.description,
        "tags": list(defect.tags),
        "where": list(defect.where),
        "detected": bool(caught),
        "caught_by": [run.name_of(nodeid) for nodeid in caught],
        "broken_run": run.broken,
        "scenarios_run": len(run.scenarios),
        "exit_code": run.exit_code,
        "duration_s": run.seconds,
    }


def summary(
    healthy: Run, verdicts: list[dict[str, Any]], *, jobs: int, seconds: float
) -> dict[str, Any]:
    """The report: ``{"healthy": {"passed", "failed"}, "defects", "detected", "total"}`` + extras."""
    passed, failed = healthy.by_outcome("passed"), healthy.by_outcome("failed")
    return {
        "healthy": {
            "passed": len(passed),
            "failed": len(failed),
            "not_passed": [healthy.name_of(n) for n in healthy.scenarios if n not in passed],
            "exit_code": healthy.exit_code,
            "duration_s": healthy.seconds,
        },
        "defects": verdicts,
        "detected": sum(1 for v in verdicts if v["detected"]),
        "total": len(verdicts),
        "jobs": jobs,
        "duration_s": seconds,
    }


def succeeded(report: dict[str, Any], *, whole_catalogue: bool) -> bool:
    """Healthy all green, every defect detected, and (for the whole catalogue) ≥ 30 of them."""
    healthy = report["healthy"]
    green = healthy["exit_code"] == 0 and healthy["passed"] > 0 and not healthy["not_passed"]
    enough = report["total"] >= MIN_DEFECTS or not whole_catalogue
    return green and enough and report["detected"] == report["total"]


def table_rows(report: dict[str, Any]) -> Iterator[list[str]]:
    for number, d in enumerate(report["defects"], 1):
        caught = d["caught_by"]
        shown = "; ".join(caught[:3]) + (f" (+{len(caught) - 3})" if len(caught) > 3 else "")
        yield [
            str(number),
            d["name"],
            d["area"],
            "có" if d["detected"] else "**KHÔNG**",
            f"{d['duration_s']:.0f}",
            shown
            or (f"(lần chạy hỏng, mã thoát {d['exit_code']})" if d.get("broken_run") else "")
            or "(không kịch bản nào đỏ)",
        ]


def markdown(report: dict[str, Any]) -> str:
    healthy = report["healthy"]
    lines = [
        "# Tự kiểm chứng bộ kiểm thử (make selfcheck)",
        "",
        f"- Cổng lành: {healthy['passed']} kịch bản đạt, {healthy['failed']} không đạt "
        f"({healthy['duration_s']:.0f} s)",
        f"- Lỗi cài sẵn bị phát hiện: **{report['detected']}/{report['total']}**",
        f"- Thời gian: {report['duration_s'] / 60:.1f} phút, {report['jobs']} lần chạy song song",
    ]
    if healthy["not_passed"]:
        lines.append(f"- Kịch bản không đạt trên cổng lành: {'; '.join(healthy['not_passed'])}")
    lines += [
        "",
        "| # | lỗi cài sẵn | hạng mục | phát hiện | giây | kịch bản bắt được |",
        "|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(report)]
    return "\n".join(lines) + "\n"


def plain_table(report: dict[str, Any]) -> str:
    rows = [["#", "defect", "area", "detected", "s", "caught by"], *table_rows(report)]
    rows = [[cell.replace("**", "") for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5]
        for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    from portal.defects import BY_NAME, CATALOGUE  # the runner only, never the plugin

    parser = argparse.ArgumentParser(prog="python -m scripts.selfcheck", description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated defect names (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="pytest runs at once (default 2)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--maxfail", type=int, default=0, help="stop a defect's run after N red")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown defect(s): {', '.join(unknown)}")
    chosen = [BY_NAME[n] for n in names] or list(CATALOGUE)
    started = time.monotonic()
    selectors = [selector(defect) for defect in chosen]
    print(f"selfcheck: healthy run ({marker_expression(selectors)}, narrowed) …", flush=True)
    healthy = run_healthy(selectors, RUNS, args.jobs)
    passed, failed = healthy.by_outcome("passed"), healthy.by_outcome("failed")
    print(f"selfcheck: healthy {len(passed)} passed, {len(failed)} failed in {healthy.seconds}s")
    extra = [f"--maxfail={args.maxfail}"] if args.maxfail else []

    def one(defect: Any) -> dict[str, Any]:
        run = run_suite(defect.name, defect.name, [selector(defect)], RUNS, extra)
        if run.broken:  # no scenario ran (the stack or the browser did not start): once more
            print(f"selfcheck: {defect.name}: run broken (exit {run.exit_code}), again", flush=True)
            run = run_suite(defect.name, defect.name, [selector(defect)], RUNS, extra)
        result = verdict(defect, run, healthy)
        mark = "detected" if result["detected"] else "NOT DETECTED"
        print(f"selfcheck: {defect.name}: {mark} ({run.seconds}s)", flush=True)
        return result

    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        verdicts = list(pool.map(one, chosen))
    report = summary(
        healthy, verdicts, jobs=args.jobs, seconds=round(time.monotonic() - started, 1)
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "selfcheck.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (args.out / "selfcheck.md").write_text(markdown(report), encoding="utf-8")
    print(plain_table(report))
    print(
        f"selfcheck: healthy {len(passed)} passed / {len(failed)} failed; "
        f"{report['detected']}/{report['total']} defects detected in "
        f"{report['duration_s'] / 60:.1f} min; report {args.out / 'selfcheck.json'}"
    )
    return 0 if succeeded(report, whole_catalogue=not names) else 1


if __name__ == "__main__":
    raise SystemExit(main())
