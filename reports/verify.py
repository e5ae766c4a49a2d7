"""make verify-evidence: is the evidence bundle what the biên bản says it is?

``python -m reports.verify [COMPLIANCE_DIR]`` (default reports/compliance) checks, in
layers, and stops at the first layer that finds something (so that one change gives one
line, not its consequences):
1. ``manifest.sha256`` is readable and every line is a ``sha256sum`` line;
2. every file it lists exists with the same SHA-256, and no file was added to the results
   folders, the Allure report or the compliance folder;
3. the SHA-256 of its evidence lines is the one summary.json (and so the biên bản) carries
   — a line edited or added to hide a changed or forged result fails here;
4. when signed (reports/signing.py): the manifest's signature and bien-ban.pdf's PAdES
   signature hold, by a certificate of ``DVC_SIGN_TRUST`` when set (then required);
5. summary.html is what summary.json renders to, and bien-ban.pdf carries the hash;
6. summary.json's verdicts and counts are what the results give.
It prints one line per problem and exits 2; never a traceback (docs/report.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reports.compliance import build_summary
from reports.manifest import (
    ROOT,
    ManifestError,
    check_manifest,
    display,
    evidence_hash,
    parse_manifest,
    resolve,
)
from reports.results import ResultsError, read_results
from reports.signing import SIGNATURE, SIGNER, check_signatures, load_trust, signer_name

DEFAULT = ROOT / "reports" / "compliance"
MANIFEST = "manifest.sha256"
RECORD = ("summary.json", "summary.html", "bien-ban.pdf")
EXIT_MISMATCH = 2


def _folders(compliance: Path, summary: dict[str, Any], entries: dict[str, str]) -> list[Path]:
    evidence = summary.get("evidence")
    if not isinstance(evidence, dict):
        evidence = {}
    dirs = evidence.get("results_dirs")
    named = [*(dirs if isinstance(dirs, list) else []), evidence.get("report_dir")]
    folders = [resolve(d) for d in named if isinstance(d, str) and d]
    if not folders:
        parents = sorted({resolve(n).parent for n in entries} - {compliance.resolve()})
        folders = [p for p in parents if not any(q in p.parents for q in parents)]
    return [*folders, compliance]


def _verdicts(summary: dict[str, Any]) -> dict[str, Any]:
    """What the record asserts: the overall verdict and each cell's counts and verdict."""
    keys = ("passed", "passed_after_retry", "failed", "skipped", "verdict")
    return {
        "overall": summary["overall"],
        "items": {k: {f: v.get(f) for f in keys} for k, v in summary["items"].items()},
        "procedures": {
            code: {
                "verdict": p["verdict"],
                "items": {k: {f: c.get(f) for f in keys} for k, c in p["items"].items()},
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


def _read_summary(path: Path) -> dict[str, Any] | str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"{display(path)}: không đọc được ({type(exc).__name__}: {exc})"
    if not isinstance(data, dict):
        return f"{display(path)}: không phải biên bản (cần một đối tượng JSON)"
    return data


def _pdf_text(path: Path) -> str | None:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return None
    try:
        return "".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def _record(compliance: Path, summary: dict[str, Any], sealed: str) -> list[str]:
    """summary.html is summary.json rendered; bien-ban.pdf carries the evidence hash."""
    from jinja2 import TemplateError

    from reports.summary_html import render_html

    problems = []
    html = compliance / "summary.html"
    try:
        if html.is_file() and html.read_text(encoding="utf-8") != render_html(summary):
            problems.append(f"{display(html)}: không khớp với summary.json")
    except (KeyError, TypeError, ValueError, AttributeError, TemplateError) as exc:
        problems.append(f"{display(compliance / 'summary.json')}: thiếu mục {exc}")
    pdf = compliance / "bien-ban.pdf"
    if pdf.is_file():
        text = _pdf_text(pdf)
        if text is None:
            problems.append(f"{display(pdf)}: không phải tệp PDF đọc được")
        elif sealed not in "".join(text.split()):
            problems.append(f"{display(pdf)}: không mang mã băm chứng cứ {sealed}")
    return problems


def verify(compliance: Path = DEFAULT) -> list[str]:
    manifest = compliance / MANIFEST
    if not manifest.is_file():
        return [f"không có bảng băm {manifest}: chạy `make report` trước"]
    try:
        entries = parse_manifest(manifest)
    except ManifestError as exc:
        return [str(exc)]
    summary_path = compliance / "summary.json"
    summary = _read_summary(summary_path) if summary_path.is_file() else {}
    record = {display(compliance / name) for name in RECORD}
    folders = _folders(compliance, summary if isinstance(summary, dict) else {}, entries)
    ignore = {display(compliance / name) for name in (MANIFEST, SIGNATURE, SIGNER)}
    check = check_manifest(entries, folders, ignore=ignore)
    problems = [f"đã thay đổi: {name}" for name in check.changed]
    problems += [f"bị thiếu: {name}" for name in check.missing]
    problems += [f"thêm mới (không có trong bảng băm): {name}" for name in check.added]
    if problems:
        return problems
    if isinstance(summary, str):
        return [summary]
    if display(summary_path) not in entries:
        return [f"bảng băm {display(manifest)} không có summary.json"]
    evidence = summary.get("evidence")
    if not isinstance(evidence, dict):
        evidence = {}
    sealed = evidence.get("manifest_sha256")
    actual = evidence_hash(entries, record)
    if sealed != actual:
        return [
            f"{display(manifest)}: các dòng chứng cứ đã bị sửa (mã băm {actual},"
            f" biên bản ghi {sealed})"
        ]
    trust = load_trust()
    if isinstance(trust, str):
        return [trust]
    problems = check_signatures(compliance, trust)
    if problems:
        return problems
    problems = _record(compliance, summary, actual)
    if problems:
        return problems
    try:
        results_dirs = [resolve(d) for d in evidence["results_dirs"]]
        recomputed = build_summary(
            read_results(results_dirs), out_dir=compliance, report_index=None
        )
        return [f"summary.json {d}" for d in _diff(_verdicts(recomputed), _verdicts(summary))]
    except ResultsError as exc:
        return [f"không đọc được kết quả: {exc}"]
    except (KeyError, TypeError, AttributeError) as exc:
        return [f"{display(summary_path)}: thiếu mục {exc}"]


def main(argv: list[str]) -> int:
    compliance = Path(argv[0]) if argv else DEFAULT
    problems = verify(compliance)
    if problems:
        print("Chứng cứ KHÔNG khớp với bảng băm / biên bản:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_MISMATCH
    entries = parse_manifest(compliance / MANIFEST)
    summary = json.loads((compliance / "summary.json").read_text("utf-8"))
    print(
        f"Chứng cứ khớp: {len(entries)} tệp đúng bảng băm SHA-256; biên bản khớp kết quả.\n"
        f"Mã băm chứng cứ: {summary['evidence']['manifest_sha256']} — so với mã in trên"
        " biên bản đã ký."
    )
    signer = signer_name(compliance)
    if signer:
        print(f"Bảng băm và biên bản PDF được ký số bởi: {signer}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
