"""bien-ban.pdf as an agency receives it: built with the real Allure CLI and printed by
Chromium (``python -m reports.build --field ...``), then read back with pypdfium2."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdfium2
import pytest

from fixtures.chromium import ChromiumNotFound, find_chromium
from reports.build import ALLURE, ROOT, Outputs, build, parse_args, terminal_summary
from reports.verify import verify
from tests.reports.factory import write_environment, write_result
from tests.reports.test_signing import make_unit

SCENARIOS = [
    ("Công dân đăng nhập bằng tài khoản định danh điện tử", "sso", None),
    ("Nộp hồ sơ đăng ký khai sinh với đủ giấy tờ", "submission", "1.001193"),
    ("Thanh toán lệ phí qua nền tảng thanh toán", "payment", "1.001193"),
    ("Cán bộ tiếp nhận, thẩm định và phê duyệt hồ sơ", "processing", "1.001193"),
    ("Trạng thái hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia", "sync", "1.001193"),
    ("Công dân nhận giấy khai sinh điện tử có chữ ký số", "e_result", "1.001193"),
    ("Nộp hồ sơ lý lịch tư pháp", "submission", "2.000488"),
] + [
    (f"Kịch bản bổ sung số {n} về ý kiến phản ánh, kiến nghị", "security", None) for n in range(40)
]
PROFILE = {
    "report.testing_unit": "Trung tâm Kiểm định Chất lượng Phần mềm",
    "report.vendor": "Công ty Cổ phần Dịch vụ Công Số",
    "report.agency": "Sở Tư pháp tỉnh Quảng Ngãi",
    "report.service_name": "Cổng dịch vụ công tỉnh Quảng Ngãi",
    "report.service_version": "2.4.1",
    "report.place": "Quảng Ngãi",
    "report.number": "15/2026/BB-KT",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outputs, dict, str]:
    if not ALLURE.exists():
        pytest.skip("Allure CLI missing: run `make setup`")
    try:
        find_chromium()
    except ChromiumNotFound as exc:
        pytest.skip(str(exc))
    from reports.pdf import print_pdf

    root = tmp_path_factory.mktemp("bien-ban")
    results = root / "results"
    for name, item, code in SCENARIOS:
        write_result(results, name, items=[item], procedure=code)
    write_result(
        results, "Tiêu đề bảo mật", "failed", items=["security"],
        message="AssertionError: thiếu tiêu đề Content-Security-Policy ở trang hồ sơ",
    )  # fmt: skip
    write_environment(
        results, {"target": "reference", "host": "may-kiem-thu-01", "os": "Linux-6.1", **PROFILE}
    )
    outputs = Outputs(
        report_dir=root / "allure-report",
        compliance_dir=root / "compliance",
        history=root / "history.jsonl",
    )
    args = parse_args([str(results), "--field", "tester=Lê Thị Thu Hà"])
    signing, ca = make_unit(root / "pki", "Trung tâm Kiểm định Chất lượng Phần mềm")
    summary = build(args.results, outputs, fields=args.fields, pdf=print_pdf, signing=signing)
    (outputs.compliance_dir.parent / "trust.pem").write_bytes(ca.read_bytes())
    pdf = outputs.compliance_dir / "bien-ban.pdf"
    document = pypdfium2.PdfDocument(str(pdf))
    pages = [document[i].get_textpage().get_text_bounded() for i in range(len(document))]
    document.close()
    return outputs, summary, "\n".join(pages)


def test_the_pdf_names_every_scenario_and_the_organisation(printed: tuple) -> None:
    _, summary, text = printed
    flat = " ".join(text.split())
    assert unicodedata.is_normalized("NFC", text)
    for name, _, _ in SCENARIOS:
        assert name in flat, f"{name!r} is not in the PDF"
    for value in PROFILE.values():
        assert value in flat
    assert "Lê Thị Thu Hà" in flat  # --field tester=...
    assert "BIÊN BẢN" in flat and "Phụ lục A. Danh sách kịch bản kiểm thử" in flat
    assert "Phụ lục B. Máy và phần mềm thực hiện kiểm thử" in flat
    assert summary["evidence"]["manifest_sha256"] in "".join(text.split())
    assert "Thủ tục 2.000488" in " ".join(summary["overall_reasons"])


def test_the_pdf_is_a4_with_page_numbers_and_renders_in_dejavu(printed: tuple) -> None:
    outputs, _, text = printed
    pdf = outputs.compliance_dir / "bien-ban.pdf"
    document = pypdfium2.PdfDocument(str(pdf))
    total = len(document)
    assert total >= 3  # 47 scenarios: the appendix runs over a page
    for number in range(total):
        page = document[number]
        assert tuple(round(x) for x in page.get_size()) == (595, 842)  # A4 in points
        footer = page.get_textpage().get_text_bounded(bottom=0, top=40)
        assert f"Trang {number + 1}/{total}" in footer
        image = page.render(scale=1).to_pil().convert("L")
        dark = sum(image.histogram()[:128])
        assert dark > 2000, f"page {number + 1} renders (almost) blank"
    document.close()
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf.read_bytes()))
    assert fonts and all(f.startswith(b"DejaVu") for f in fonts), fonts
    assert composed_letters(pdf) == {}, "letters drawn as a base + a loose accent"
    machine = text.index("Phụ lục B")
    assert "may-kiem-thu-01" in text[machine:]
    assert "may-kiem-thu-01" not in text[: text.index("Phụ lục A")]  # not on the first pages


def composed_letters(pdf: Path) -> dict[str, list[str]]:
    """Fonts of the PDF that draw combining accents (U+0300–U+036F). NFC Vietnamese text
    has none: a font that lacks a precomposed letter (ế, ồ, ...) makes Chromium draw the
    base letter and a loose accent, which a reader sees as "thiê´u"."""
    from fontTools.ttLib import TTFont
    from pyhanko.pdf_utils.reader import PdfFileReader

    found: dict[str, list[str]] = {}
    with pdf.open("rb") as stream:
        reader = PdfFileReader(stream, strict=False)
        for page in reader.root["/Pages"]["/Kids"]:
            fonts = page.get_object()["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
                cmap = TTFont(io.BytesIO(program.data)).getBestCmap()
                marks = [hex(c) for c in cmap if 0x300 <= c <= 0x36F]
                if marks:
                    found[str(font["/BaseFont"])] = marks
    return found


def test_the_real_bundle_verifies_and_the_terminal_summary_links_it(
    printed: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs, summary, _ = printed
    assert verify(outputs.compliance_dir) == []
    # Chromium's PDF, signed (PAdES) by the testing unit, checked against its CA
    monkeypatch.setenv("DVC_SIGN_TRUST", str(outputs.compliance_dir.parent / "trust.pem"))
    assert verify(outputs.compliance_dir) == []
    names = (outputs.compliance_dir / "manifest.sha256").read_text("utf-8")
    assert "allure-report/index.html" in names and "compliance/bien-ban.pdf" in names
    lines = terminal_summary(summary, outputs).splitlines()
    assert "  1. Kiểm tra cơ chế đăng nhập một lần: Đạt (1 đạt, 0 không đạt, 0 không chạy)" in lines
    assert f"Biên bản để ký (PDF): {(outputs.compliance_dir / 'bien-ban.pdf').as_uri()}" in lines
    assert "Kết luận chung: Chưa kiểm thử" in lines  # the failure is beyond the checklist


def test_a_field_outside_the_list_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        parse_args(["--field", "director=Ông A"])
    assert stop.value.code == 2
    assert "--field 'director=Ông A': cần KEY=VALUE" in capsys.readouterr().err


def test_the_command_line_builds_a_bundle_that_verify_checks(tmp_path: Path) -> None:
    """``python -m reports.build ... --out DIR --no-pdf --field`` then ``python -m
    reports.verify DIR/compliance``: exit 0, then exit 2 with one line once a file changed."""
    if not ALLURE.exists():
        pytest.skip("Allure CLI missing: run `make setup`")
    results = tmp_path / "results"
    write_result(results, "Công dân đăng nhập", items=["sso"])
    env = {**os.environ, "DVC_ALLURE_HISTORY": str(tmp_path / "history.jsonl")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip

    signing, ca = make_unit(tmp_path / "pki", "Trung tâm Kiểm thử")
    env["DVC_SIGN_CERT"] = str(signing.cert_path)  # the key by option, the certificate by env
    built = run("reports.build", str(results), "--out", str(tmp_path), "--no-pdf",
                "--field", "number=7/2026/BB-KT", "--sign-key", str(signing.key_path))  # fmt: skip
    assert built.returncode == 0, built.stderr
    compliance = tmp_path / "compliance"
    assert f"Biên bản tổng hợp: {(compliance / 'summary.html').as_uri()}" in built.stdout
    assert not (compliance / "bien-ban.pdf").exists()  # --no-pdf
    assert (
        json.loads((compliance / "summary.json").read_text("utf-8"))["report_fields"]["number"]
        == "7/2026/BB-KT"
    )
    env["DVC_SIGN_TRUST"] = str(ca)
    verified = run("reports.verify", str(compliance))
    assert verified.returncode == 0, verified.stderr
    assert "được ký số bởi: CN=Trung tâm Kiểm thử" in verified.stdout

    index = tmp_path / "allure-report" / "index.html"
    index.write_text(index.read_text("utf-8").replace("</body>", "<p>Đạt</p></body>"), "utf-8")
    checked = run("reports.verify", str(compliance))
    assert checked.returncode == 2
    assert checked.stderr.splitlines()[1:] == [f"  - đã thay đổi: {index.resolve().as_posix()}"]
    assert "Traceback" not in checked.stderr
