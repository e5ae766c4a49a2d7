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

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.checklist import REPORT_FIELDS
from reports.compliance import build_summary
from reports.manifest import display, manifest_text, text_hash, write_manifest
from reports.results import Results, ResultsError, read_results
from reports.signing import SIGNATURE, SigningError, SigningKey, sign_manifest, sign_pdf
from reports.summary_html import render_html

PdfWriter = Callable[[Path, Path], None]  # (summary.html, bien-ban.pdf)

ROOT = Path(__file__).resolve().parent.parent
ALLURE = ROOT / "node_modules" / ".bin" / "allure"
CONFIG = ROOT / "allurerc.mjs"
MANIFEST = "manifest.sha256"
RECORD = ("summary.json", "summary.html", "bien-ban.pdf")  # carry the evidence hash


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
    results: Results,
    outputs: Outputs,
    report_index: Path | None,
    *,
    fields: dict[str, str] | None = None,
    pdf: PdfWriter | None = None,
    signing: SigningKey | None = None,
) -> dict[str, Any]:
    """summary.json, summary.html, bien-ban.pdf (when ``pdf`` is given) and the manifest;
    with ``signing``, bien-ban.pdf signed (PAdES) and the manifest signed (reports/signing.py).

    The evidence (results files + the Allure report) is hashed first; summary.json and
    the biên bản carry that hash; the manifest then lists the evidence and the record."""
    out = outputs.compliance_dir
    shutil.rmtree(out, ignore_errors=True)  # the builder's own folder: nothing stale is left
    out.mkdir(parents=True)
    evidence = list(results.files)
    if report_index is not None:
        evidence += sorted(p for p in report_index.parent.rglob("*") if p.is_file())
    evidence_text = manifest_text(evidence)
    summary = build_summary(results, out_dir=out, report_index=report_index)
    summary["results_dirs"] = [display(d) for d in results.dirs]
    summary["report_fields"] = {**summary["report_fields"], **(fields or {})}
    summary["evidence"] = {
        "manifest": MANIFEST,
        "manifest_sha256": text_hash(evidence_text),
        "files": len(evidence),
        "results_dirs": summary["results_dirs"],
        "report_dir": display(report_index.parent) if report_index else None,
    }
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / "summary.html").write_text(render_html(summary), encoding="utf-8")
    if pdf is not None:
        pdf(out / "summary.html", out / "bien-ban.pdf")
        if signing is not None:
            sign_pdf(out / "bien-ban.pdf", signing)
    record = [out / name for name in RECORD if (out / name).is_file()]
    summary["evidence"]["sealed_sha256"] = write_manifest(evidence_text, record, out / MANIFEST)
    if signing is not None:
        sign_manifest(out / MANIFEST, signing)
    return summary


def build(
    dirs: list[Path],
    outputs: Outputs | None = None,
    *,
    fields: dict[str, str] | None = None,
    pdf: PdfWriter | None = None,
    signing: SigningKey | None = None,
) -> dict[str, Any]:
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
    return build_compliance(results, outputs, index, fields=fields, pdf=pdf, signing=signing)


FIELD_KEYS = tuple(key for key, _ in REPORT_FIELDS)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m reports.build",
        description="Báo cáo Allure một tệp + biên bản tổng hợp (reports/compliance/).",
    )
    parser.add_argument("results", nargs="*", type=Path, help="thư mục kết quả Allure")
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"thông tin trên biên bản, thay cho [report] của cấu hình đích: {', '.join(FIELD_KEYS)}",
    )
    parser.add_argument("--no-pdf", action="store_true", help="không in bien-ban.pdf")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "reports",
        metavar="DIR",
        help="ghi vào DIR/allure-report và DIR/compliance (mặc định reports/)",
    )
    parser.add_argument("--sign-key", metavar="PEM", help="khóa ký số (mặc định $DVC_SIGN_KEY)")
    parser.add_argument(
        "--sign-cert", metavar="PEM", help="chứng thư của đơn vị kiểm thử ($DVC_SIGN_CERT)"
    )
    args = parser.parse_args(argv)
    fields = {}
    for given in args.field:
        key, sep, value = given.partition("=")
        if not sep or key.strip() not in FIELD_KEYS:
            parser.error(
                f"--field {given!r}: cần KEY=VALUE với KEY là một trong {', '.join(FIELD_KEYS)}"
            )
        fields[key.strip()] = value.strip()
    args.fields = fields
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    dirs = args.results or [ROOT / "reports" / "allure-results"]
    history = os.environ.get("DVC_ALLURE_HISTORY")  # e.g. a file CI keeps between runs
    outputs = Outputs(
        report_dir=args.out / "allure-report",
        compliance_dir=args.out / "compliance",
        **({"history": Path(history)} if history else {}),
    )
    from reports.pdf import PdfError, print_pdf  # Playwright: only when a PDF is made

    try:
        signing = SigningKey.from_env(args.sign_key, args.sign_cert)
        summary = build(
            dirs,
            outputs,
            fields=args.fields,
            pdf=None if args.no_pdf else print_pdf,
            signing=signing,
        )
    except (PdfError, SigningError) as exc:
        raise SystemExit(f"report: {exc}") from None
    print(terminal_summary(summary, outputs))
    return 0


def terminal_summary(summary: dict[str, Any], outputs: Outputs) -> str:
    """What `make demo` and `make test` end with: a line per checklist item, the links."""
    lines = ["", "Kết quả theo hạng mục kiểm thử (QĐ 31/2021/QĐ-TTg Điều 26):"]
    for cell in summary["items"].values():
        counts = f"{cell['passed']} đạt, {cell['failed']} không đạt, {cell['skipped']} không chạy"
        reason = f" — {cell['reason']}" if cell["reason"] else ""
        lines.append(f"  {cell['name']}: {cell['verdict']} ({counts}){reason}")
    for code, proc in summary["procedures"].items():
        if proc["verdict"] != "Đạt" and proc.get("reasons"):
            lines.append(f"  Thủ tục {code}: {proc['verdict']} — {'; '.join(proc['reasons'])}")
    lines.append(f"Kết luận chung: {summary['overall']}")
    out = outputs.compliance_dir
    links = [
        ("Báo cáo Allure (một tệp)", outputs.report_dir / "index.html"),
        ("Biên bản tổng hợp", out / "summary.html"),
        ("Biên bản để ký (PDF)", out / "bien-ban.pdf"),
        ("Dữ liệu biên bản", out / "summary.json"),
        ("Bảng băm chứng cứ", out / MANIFEST),
        ("Chữ ký của bảng băm", out / SIGNATURE),
    ]
    lines += [f"{label}: {path.resolve().as_uri()}" for label, path in links if path.is_file()]
    lines.append(f"Mã băm chứng cứ (in trên biên bản): {summary['evidence']['manifest_sha256']}")
    lines.append("Kiểm tra lại chứng cứ: make verify-evidence")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
