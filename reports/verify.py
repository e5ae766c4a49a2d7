"""make verify-evidence: do the results files still match the manifest, and does the
summary still say what they say?

``python -m reports.verify [COMPLIANCE_DIR]`` (default reports/compliance) checks
1. every file listed in ``manifest.sha256`` exists and has the same SHA-256;
2. no file was added to the results folders since;
3. ``summary.json``'s verdicts and counts are what the results give.
It names every changed, missing or added file and exits 1 on any difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reports.compliance import build_summary
from reports.manifest import ROOT, check_manifest, parse_manifest, resolve
from reports.results import ResultsError, read_results

DEFAULT = ROOT / "reports" / "compliance"


def _folders(compliance: Path, summary: dict[str, Any] | None) -> list[Path]:
    if summary and summary.get("evidence", {}).get("results_dirs"):
        return [resolve(d) for d in summary["evidence"]["results_dirs"]]
    parents = sorted({resolve(n).parent for n in parse_manifest(compliance / "manifest.sha256")})
    return [p for p in parents if not any(q in p.parents for q in parents)]


def _verdicts(summary: dict[str, Any]) -> dict[str, Any]:
    """What the record asserts: the overall verdict and each cell's counts and verdict."""
    keys = ("passed", "failed", "skipped", "verdict")
    return {
        "overall": summary["overall"],
        "items": {k: {f: v[f] for f in keys} for k, v in summary["items"].items()},
        "procedures": {
            code: {
                "verdict": p["verdict"],
                "items": {k: {f: c[f] for f in keys} for k, c in p["items"].items()},
            }
            for code, p in summary["procedures"].items()
        },
    }


def _diff(expected: Any, actual: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            out += _diff(expected.get(key), actual.get(key), f"{path}.{key}" if path else key)
        return out
    return (
        [] if expected == actual else [f"{path}: biên bản ghi {actual!r}, kết quả cho {expected!r}"]
    )


def verify(compliance: Path = DEFAULT) -> list[str]:
    manifest = compliance / "manifest.sha256"
    if not manifest.is_file():
        return [f"không có bảng băm {manifest}: chạy `make report` trước"]
    summary_path = compliance / "summary.json"
    summary = json.loads(summary_path.read_text("utf-8")) if summary_path.is_file() else None
    folders = _folders(compliance, summary)
    check = check_manifest(manifest, folders)
    problems = [f"đã thay đổi: {name}" for name in check.changed]
    problems += [f"bị thiếu: {name}" for name in check.missing]
    problems += [f"thêm mới (không có trong bảng băm): {name}" for name in check.added]
    if problems or summary is None:
        return problems or [f"không có {summary_path}"]
    try:
        recomputed = build_summary(read_results(folders), out_dir=compliance, report_index=None)
    except ResultsError as exc:
        return [f"không đọc được kết quả: {exc}"]
    return [f"summary.json {d}" for d in _diff(_verdicts(recomputed), _verdicts(summary))]


def main(argv: list[str]) -> int:
    compliance = Path(argv[0]) if argv else DEFAULT
    problems = verify(compliance)
    if problems:
        print("Chứng cứ KHÔNG khớp với bảng băm / biên bản:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    count = len(parse_manifest(compliance / "manifest.sha256"))
    print(f"Chứng cứ khớp: {count} tệp kết quả đúng bảng băm SHA-256; biên bản khớp kết quả.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
