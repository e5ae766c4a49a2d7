"""make report: one single-file Allure report from any number of results folders.

``python -m reports.build [RESULTS_DIR ...]`` (default reports/allure-results) runs
Allure 3 with allurerc.mjs and prints where the report is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLURE = ROOT / "node_modules" / ".bin" / "allure"
REPORT = ROOT / "reports" / "allure-report"


def build_allure(results: list[Path]) -> Path:
    present = [r for r in results if r.is_dir() and any(r.glob("*-result.json"))]
    if not present:
        raise SystemExit(f"report: no Allure results in {', '.join(map(str, results))}: run the suite first")
    if not ALLURE.exists():
        raise SystemExit("report: Allure CLI missing: run `make setup`")
    (ROOT / "reports" / "history").mkdir(parents=True, exist_ok=True)
    shutil.rmtree(REPORT, ignore_errors=True)
    command = [str(ALLURE), "generate", "--config", str(ROOT / "allurerc.mjs"), *map(str, present)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"report: allure generate failed: {(done.stderr or done.stdout).strip()[-500:]}")
    index = REPORT / "index.html"
    if not index.is_file():
        found = sorted(REPORT.rglob("index.html"))
        if not found:
            raise SystemExit(f"report: Allure wrote no index.html under {REPORT}")
        index = found[0]
    return index


def main(argv: list[str]) -> int:
    results = [Path(a) for a in argv] or [ROOT / "reports" / "allure-results"]
    index = build_allure(results)
    print(f"Báo cáo Allure (một tệp): {index.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
