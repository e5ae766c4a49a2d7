"""make report: one single-file Allure report and the compliance summary, from any number
of results folders (shards, browsers, targets).

``python -m reports.build [RESULTS_DIR ...]`` (default reports/allure-results) writes
- ``reports/allure-report/index.html`` — Allure 3 with ``allurerc.mjs``, one file;
- ``reports/compliance/summary.json`` and ``summary.html`` — the test record;
- ``reports/compliance/manifest.sha256`` — SHA-256 of every results file
  (``make verify-evidence`` checks it).
It reads the results folders and nothing else.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.compliance import build_summary
from reports.manifest import display, write_manifest
from reports.results import Results, ResultsError, read_results
from reports.summary_html import render_html

ROOT = Path(__file__).resolve().parent.parent
ALLURE = ROOT / "node_modules" / ".bin" / "allure"
CONFIG = ROOT / "allurerc.mjs"
MANIFEST = "manifest.sha256"


@dataclass(frozen=True)
class Outputs:
    report_dir: Path = ROOT / "reports" / "allure-report"
    compliance_dir: Path = ROOT / "reports" / "compliance"
    history: Path = ROOT / "reports" / "history" / "history.jsonl"


# Allure 3's awesome single-file report (3.18.0) has two flaws that matter to an agency
# opening it offline: it loads Google Analytics from the internet, and its app may ask for
# its data before the page has declared where the embedded data lives, in which case it
# fetches files that do not exist (a report stuck on its spinner, under load). The build
# removes the first and declares the data store before the app starts.
ANALYTICS = re.compile(
    r'<script async src="https://www\.googletagmanager\.com/gtag/js[^"]*"></script>\s*'
    r"<script>\s*window\.dataLayer[^<]*</script>"
)
APP_GLOBALS = re.compile(r"<script>\s*window\.allure = window\.allure \|\| \{\};\s*</script>")
DATA_STORE = (
    "<script>window.allureReportDataReady = false;"
    " window.allureReportData = window.allureReportData || {};</script>"
)


def patch_single_file(index: Path) -> None:
    html = index.read_text(encoding="utf-8")
    html, removed = ANALYTICS.subn("", html)
    html, declared = APP_GLOBALS.subn(lambda m: m.group(0) + DATA_STORE, html, count=1)
    if not (removed and declared):
        print(f"report: Allure's page changed ({removed=}, {declared=}); left as generated")
        return
    index.write_text(html, encoding="utf-8")


def glob_literal(path: Path) -> str:
    """Allure takes results folders as glob patterns (node-glob, where a backslash is no
    escape): each special character is put in a one-character class instead."""
    return "".join(f"[{c}]" if c in "[*?{}()!+@" else c for c in str(path.resolve()))


def build_allure(results: list[Path], outputs: Outputs, targets: list[str]) -> Path:
    if not ALLURE.exists():
        raise SystemExit("report: Allure CLI missing: run `make setup`")
    outputs.history.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(outputs.report_dir, ignore_errors=True)
    command = [
        str(ALLURE),
        "generate",
        "--config",
        str(CONFIG),
        "--output",
        str(outputs.report_dir),
        *(glob_literal(r) for r in results),
    ]
    env = {
        **os.environ,
        "DVC_ALLURE_HISTORY": str(outputs.history),
        "DVC_REPORT_TARGETS": ",".join(targets),
    }
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(
            f"report: allure generate failed: {(done.stderr or done.stdout).strip()[-500:]}"
        )
    index = outputs.report_dir / "index.html"
    if not index.is_file():
        raise SystemExit(f"report: Allure wrote no index.html under {outputs.report_dir}")
    patch_single_file(index)
    return index


def build_compliance(
    results: Results, outputs: Outputs, report_index: Path | None
) -> dict[str, Any]:
    out = outputs.compliance_dir
    out.mkdir(parents=True, exist_ok=True)
    manifest_sha = write_manifest(results.files, out / MANIFEST)
    summary = build_summary(results, out_dir=out, report_index=report_index)
    summary["results_dirs"] = [display(d) for d in results.dirs]
    summary["evidence"] = {
        "manifest": MANIFEST,
        "manifest_sha256": manifest_sha,
        "files": len(results.files),
        "results_dirs": summary["results_dirs"],
    }
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / "summary.html").write_text(render_html(summary), encoding="utf-8")
    return summary


def build(dirs: list[Path], outputs: Outputs | None = None) -> dict[str, Any]:
    outputs = outputs or Outputs()
    try:
        results = read_results(dirs)
    except ResultsError as exc:
        raise SystemExit(f"report: {exc}") from None
    if not results.attempts:
        raise SystemExit(
            f"report: no Allure results in {', '.join(map(str, dirs))}: run the suite first"
        )
    index = build_allure(results.dirs, outputs, results.targets)
    return build_compliance(results, outputs, index)


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "reports" / "allure-results"]
    history = os.environ.get("DVC_ALLURE_HISTORY")  # e.g. a file CI keeps between runs
    outputs = Outputs(history=Path(history)) if history else Outputs()
    summary = build(dirs, outputs)
    print(f"Báo cáo Allure (một tệp): {display(outputs.report_dir / 'index.html')}")
    print(
        f"Biên bản tổng hợp: {display(outputs.compliance_dir / 'summary.html')} (và summary.json)"
    )
    print(f"Kết luận chung: {summary['overall']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
