"""The evidence bundle's manifest and ``make verify-evidence`` (reports/verify.py): each
kind of tampering is one line and exit 2, never a traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF

from reports.build import Outputs, build_compliance
from reports.manifest import sha256_file
from reports.results import read_results
from reports.verify import main, verify
from tests.reports.factory import write_environment, write_result

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def fake_pdf(html: Path, pdf: Path) -> None:
    """A stand-in for Chromium's printing: a PDF with the evidence hash, as the real one."""
    summary = json.loads(html.with_name("summary.json").read_text("utf-8"))
    document = FPDF()
    document.add_page()
    document.add_font("DejaVu", fname=str(DEJAVU))
    document.set_font("DejaVu", size=9)
    document.multi_cell(
        0, 5, f"Biên bản — mã băm chứng cứ: {summary['evidence']['manifest_sha256']}"
    )
    document.output(str(pdf))


class Bundle:
    def __init__(self, root: Path) -> None:
        self.results = root / "allure-results"
        self.report = root / "allure-report" / "index.html"
        self.outputs = Outputs(report_dir=self.report.parent, compliance_dir=root / "compliance")
        self.compliance = self.outputs.compliance_dir
        self.manifest = self.compliance / "manifest.sha256"

    def build(self) -> dict:
        return build_compliance(
            read_results([self.results]), self.outputs, self.report, pdf=fake_pdf
        )

    def result(self, status: str) -> Path:
        return next(p for p in self.results.glob("*-result.json") if f'"{status}"' in p.read_text())

    def reseal_line(self, path: Path) -> None:
        """What a careful forger does: the file's manifest line made to match it again."""
        name = path.resolve().as_posix()
        lines = [
            ln for ln in self.manifest.read_text().splitlines() if not ln.endswith(f"  {name}")
        ]
        lines.append(f"{sha256_file(path)}  {name}")
        self.manifest.write_text("".join(f"{ln}\n" for ln in lines))


@pytest.fixture
def bundle(tmp_path: Path) -> Bundle:
    """Results, a stand-in Allure report, and the record built from them (no Allure)."""
    b = Bundle(tmp_path)
    write_result(b.results, "Đăng nhập", "passed", items=["sso"])
    write_result(
        b.results, "Nộp hồ sơ", "failed", items=["submission"], start=1000,
        message="AssertionError: thiếu mã hồ sơ",
    )  # fmt: skip
    (b.results / "abc-attachment.png").write_bytes(b"\x89PNG fake")
    write_environment(b.results, {"target": "reference"})
    b.report.parent.mkdir(parents=True)
    b.report.write_text("<html>Không đạt</html>", "utf-8")
    b.build()
    return b


def one_line(bundle: Bundle, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([str(bundle.compliance)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Chứng cứ KHÔNG khớp với bảng băm / biên bản:"
    assert len(err) == 2, err
    return err[1].removeprefix("  - ")


def test_untouched_evidence_verifies(bundle: Bundle, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify(bundle.compliance) == []
    assert main([str(bundle.compliance)]) == 0
    summary = json.loads((bundle.compliance / "summary.json").read_text("utf-8"))
    assert summary["evidence"]["manifest_sha256"] in capsys.readouterr().out
    names = {line.split("  ", 1)[1] for line in bundle.manifest.read_text().splitlines()}
    assert {Path(n).name for n in names} >= {
        "abc-attachment.png", "environment.properties", "index.html",
        "summary.json", "summary.html", "bien-ban.pdf",
    }  # fmt: skip


def test_a_changed_result_is_named(bundle: Bundle, capsys: pytest.CaptureFixture[str]) -> None:
    victim = bundle.result("failed")
    victim.write_text(victim.read_text("utf-8").replace('"failed"', '"passed"'), "utf-8")
    assert one_line(bundle, capsys) == f"đã thay đổi: {victim.resolve().as_posix()}"


@pytest.mark.parametrize("name", ["summary.json", "summary.html", "bien-ban.pdf"])
def test_a_changed_record_file_is_named(
    bundle: Bundle, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bundle.compliance / name
    data = path.read_bytes()
    path.write_bytes(data.replace("Không đạt".encode(), "Đạt".encode()) + b" ")
    assert one_line(bundle, capsys) == f"đã thay đổi: {path.resolve().as_posix()}"


def test_a_changed_allure_report_is_named(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle.report.write_text("<html>Đạt</html>", "utf-8")
    assert one_line(bundle, capsys) == f"đã thay đổi: {bundle.report.resolve().as_posix()}"


def test_a_result_changed_with_its_manifest_line_breaks_the_seal(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = bundle.result("failed")
    victim.write_text(victim.read_text("utf-8").replace('"failed"', '"passed"'), "utf-8")
    bundle.reseal_line(victim)
    assert one_line(bundle, capsys).startswith(
        f"{bundle.manifest.resolve().as_posix()}: các dòng chứng cứ đã bị sửa"
    )


def test_a_forged_passing_retry_is_caught(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = bundle.results / "forged-result.json"
    data = json.loads(bundle.result("failed").read_text("utf-8"))
    data.update(uuid="forged", status="passed", start=9000, stop=9500, statusDetails={})
    forged.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert one_line(bundle, capsys) == (
        f"thêm mới (không có trong bảng băm): {forged.resolve().as_posix()}"
    )
    bundle.reseal_line(forged)  # and its manifest line added
    assert "các dòng chứng cứ đã bị sửa" in one_line(bundle, capsys)


def test_a_forged_retry_resealed_everywhere_is_still_not_a_plain_pass(bundle: Bundle) -> None:
    """Even a forger who rebuilds the whole record gets "Đạt sau khi chạy lại", never "Đạt",
    and a new evidence hash, unlike the one on the signed biên bản."""
    before = json.loads((bundle.compliance / "summary.json").read_text("utf-8"))
    data = json.loads(bundle.result("failed").read_text("utf-8"))
    data.update(uuid="forged", status="passed", start=9000, stop=9500, statusDetails={})
    (bundle.results / "forged-result.json").write_text(json.dumps(data), "utf-8")

    after = bundle.build()

    assert after["items"]["submission"]["verdict"] == "Đạt sau khi chạy lại"
    assert after["warnings"][0]["earlier_message"] == "AssertionError: thiếu mã hồ sơ"
    assert after["evidence"]["manifest_sha256"] != before["evidence"]["manifest_sha256"]


def test_a_summary_json_edited_with_its_manifest_line_is_caught(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bundle.compliance / "summary.json"
    summary = json.loads(path.read_text("utf-8"))
    summary["overall"] = "Đạt"
    path.write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    bundle.reseal_line(path)
    html = bundle.compliance / "summary.html"
    assert one_line(bundle, capsys) == f"{html.resolve().as_posix()}: không khớp với summary.json"


def test_a_summary_html_edited_with_its_manifest_line_is_caught(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    html = bundle.compliance / "summary.html"
    html.write_text(html.read_text("utf-8").replace("KHÔNG ĐẠT", "ĐẠT"), "utf-8")
    bundle.reseal_line(html)
    assert one_line(bundle, capsys) == f"{html.resolve().as_posix()}: không khớp với summary.json"


def test_a_pdf_without_the_hash_is_caught(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = bundle.compliance / "bien-ban.pdf"
    other = FPDF()
    other.add_page()
    other.set_font("Helvetica", size=9)
    other.multi_cell(0, 5, "Ket luan chung: DAT")
    other.output(str(pdf))
    bundle.reseal_line(pdf)
    assert one_line(bundle, capsys).startswith(
        f"{pdf.resolve().as_posix()}: không mang mã băm chứng cứ"
    )


def test_verdicts_in_a_resealed_summary_are_recomputed(
    bundle: Bundle, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary.json, summary.html re-rendered and both manifest lines made to match:
    the verdicts are recomputed from the results."""
    from reports.summary_html import render_html

    path, html = bundle.compliance / "summary.json", bundle.compliance / "summary.html"
    summary = json.loads(path.read_text("utf-8"))
    summary["overall"] = "Đạt"
    path.write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    html.write_text(render_html(summary), "utf-8")
    bundle.reseal_line(path)
    bundle.reseal_line(html)
    assert one_line(bundle, capsys) == (
        "summary.json overall: biên bản ghi 'Đạt', kết quả cho 'Không đạt'"
    )


def test_missing_and_added_files_are_named(bundle: Bundle) -> None:
    (bundle.results / "environment.properties").unlink()
    (bundle.compliance / "extra.html").write_text("x", "utf-8")
    assert verify(bundle.compliance) == [
        f"bị thiếu: {(bundle.results / 'environment.properties').resolve().as_posix()}",
        f"thêm mới (không có trong bảng băm): {(bundle.compliance / 'extra.html').as_posix()}",
    ]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("manifest", "dòng 1: không phải dòng sha256sum"),
        ("summary", "summary.json: không đọc được (JSONDecodeError"),
        ("summary-list", "summary.json: không phải biên bản"),
        ("summary-keys", "summary.json: thiếu mục"),
    ],
)
def test_damaged_files_are_one_line_not_a_traceback(
    bundle: Bundle, damage: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bundle.compliance / "summary.json"
    if damage == "manifest":
        bundle.manifest.write_text("not a manifest\n" + bundle.manifest.read_text())
    else:
        content = {"summary": "{ not json", "summary-list": "[1, 2]", "summary-keys": None}[damage]
        if content is None:
            data = json.loads(path.read_text("utf-8"))
            del data["items"]
            content = json.dumps(data)
        path.write_text(content, "utf-8")
        bundle.reseal_line(path)
    assert expected in one_line(bundle, capsys)


def test_the_manifest_is_sha256sum_compatible(bundle: Bundle) -> None:
    if not shutil.which("sha256sum"):
        pytest.skip("no sha256sum on this machine")
    done = subprocess.run(
        ["sha256sum", "--check", "--strict", "manifest.sha256"],
        cwd=bundle.compliance, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == 8  # 2 results, attachment, env, report, 3 record


def test_the_evidence_hash_is_the_manifest_s_evidence_lines(bundle: Bundle) -> None:
    summary = json.loads((bundle.compliance / "summary.json").read_text("utf-8"))
    lines = bundle.manifest.read_text().splitlines(keepends=True)
    evidence = "".join(ln for ln in lines if "/compliance/" not in ln)
    assert hashlib.sha256(evidence.encode()).hexdigest() == summary["evidence"]["manifest_sha256"]
    assert (
        summary["evidence"]["manifest_sha256"] in (bundle.compliance / "summary.html").read_text()
    )


def test_no_manifest_is_a_clear_failure(tmp_path: Path) -> None:
    assert verify(tmp_path) == [
        f"không có bảng băm {tmp_path / 'manifest.sha256'}: chạy `make report` trước"
    ]


def test_a_rebuild_leaves_nothing_stale_in_the_compliance_folder(bundle: Bundle) -> None:
    stale = bundle.compliance / "bien-ban-cu.pdf"
    stale.write_bytes(b"%PDF old")
    assert verify(bundle.compliance) == [f"thêm mới (không có trong bảng băm): {stale.as_posix()}"]
    bundle.build()
    assert not stale.exists()
    assert verify(bundle.compliance) == []
