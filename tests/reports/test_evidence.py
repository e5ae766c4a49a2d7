"""The SHA-256 manifest and ``make verify-evidence`` (reports/verify.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reports.build import Outputs, build_compliance
from reports.results import read_results
from reports.verify import main, verify
from tests.reports.factory import write_environment, write_result


@pytest.fixture
def evidence(tmp_path: Path) -> tuple[Path, Path]:
    """A results folder and the compliance folder built from it (no Allure needed)."""
    results = tmp_path / "allure-results"
    write_result(results, "Đăng nhập", "passed", items=["sso"])
    write_result(results, "Nộp hồ sơ", "failed", items=["submission"], message="AssertionError")
    (results / "abc-attachment.png").write_bytes(b"\x89PNG fake")
    write_environment(results, {"target": "reference"})
    outputs = Outputs(compliance_dir=tmp_path / "compliance")
    build_compliance(read_results([results]), outputs, report_index=None)
    return results, outputs.compliance_dir


def test_untouched_evidence_verifies(evidence: tuple[Path, Path]) -> None:
    _, compliance = evidence
    assert verify(compliance) == []
    assert main([str(compliance)]) == 0


def test_a_changed_results_file_is_named(
    evidence: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    results, compliance = evidence
    victim = next(p for p in results.glob("*-result.json") if '"failed"' in p.read_text("utf-8"))
    victim.write_text(victim.read_text("utf-8").replace('"failed"', '"passed"'), "utf-8")

    assert main([str(compliance)]) == 1
    assert f"đã thay đổi: {victim.resolve().as_posix()}" in capsys.readouterr().err


def test_a_changed_attachment_is_caught(evidence: tuple[Path, Path]) -> None:
    results, compliance = evidence
    (results / "abc-attachment.png").write_bytes(b"\x89PNG other")
    assert verify(compliance) == [f"đã thay đổi: {(results / 'abc-attachment.png').as_posix()}"]


def test_missing_and_added_files_are_named(evidence: tuple[Path, Path]) -> None:
    results, compliance = evidence
    (results / "environment.properties").unlink()
    (results / "intruder-result.json").write_text("{}", "utf-8")

    problems = verify(compliance)

    assert f"bị thiếu: {(results / 'environment.properties').as_posix()}" in problems
    assert (
        f"thêm mới (không có trong bảng băm): {(results / 'intruder-result.json').as_posix()}"
        in problems
    )


def test_a_tampered_summary_is_caught(evidence: tuple[Path, Path]) -> None:
    _, compliance = evidence
    path = compliance / "summary.json"
    summary = json.loads(path.read_text("utf-8"))
    summary["items"]["submission"]["verdict"] = "Đạt"
    summary["overall"] = "Đạt"
    path.write_text(json.dumps(summary, ensure_ascii=False), "utf-8")

    problems = verify(compliance)

    assert "summary.json overall: biên bản ghi 'Đạt', kết quả cho 'Không đạt'" in problems
    assert any(p.startswith("summary.json items.submission.verdict") for p in problems)


def test_the_manifest_is_sha256sum_compatible(evidence: tuple[Path, Path]) -> None:
    _, compliance = evidence
    if not shutil.which("sha256sum"):
        pytest.skip("no sha256sum on this machine")
    done = subprocess.run(
        ["sha256sum", "--check", "--strict", "manifest.sha256"],
        cwd=compliance,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == 4


def test_no_manifest_is_a_clear_failure(tmp_path: Path) -> None:
    assert verify(tmp_path) == [
        f"không có bảng băm {tmp_path / 'manifest.sha256'}: chạy `make report` trước"
    ]
