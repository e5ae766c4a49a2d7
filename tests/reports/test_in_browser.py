"""Both reports as a reader sees them: built from hand-made results with the real Allure
CLI, opened in Chromium."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from fixtures.chromium import LAUNCH_ARGS, ChromiumNotFound, find_chromium
from reports.build import ALLURE, Outputs, build
from tests.reports.factory import write_environment, write_result

STEP = "Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia"
# The Allure report is one 4 MB page that renders itself: give it time on a busy machine.
LOADS = 30_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outputs, dict[str, str], list[Path]]:
    if not ALLURE.exists():
        pytest.skip("Allure CLI missing: run `make setup`")
    root = tmp_path_factory.mktemp("reports")
    shard1, shard2 = root / "shard1", root / "shard2"
    ids = {}
    sso = write_result(
        shard1,
        "Công dân đăng nhập bằng tài khoản VNeID",
        items=["sso"],
        steps=[(STEP, "passed"), ("Thì trang cá nhân hiển thị họ tên", "passed")],
    )
    ids["sso"] = sso["uuid"]
    write_result(
        shard1,
        "Nộp hồ sơ khai sinh",
        items=["submission"],
        procedure="1.001193",
        procedure_name="Đăng ký khai sinh",
    )
    write_result(
        shard2,
        "Nộp hồ sơ thiếu giấy tờ",
        "failed",
        items=["submission"],
        procedure="1.001193",
        procedure_name="Đăng ký khai sinh",
        message="AssertionError: Locator expected to be visible",
    )
    write_result(
        shard2,
        "Thanh toán lệ phí",
        "broken",
        items=["payment"],
        message="httpx.ConnectError: [Errno 111] Connection refused",
    )
    write_result(
        shard2,
        "Trả kết quả điện tử",
        "broken",
        items=["e_result"],
        message="NameError: name 'pdf' is not defined",
    )
    write_environment(shard1, {"target": "reference", "portal.version": "9.9.9"})
    outputs = Outputs(
        report_dir=root / "allure-report",
        compliance_dir=root / "compliance",
        history=root / "history" / "history.jsonl",
    )
    build([shard1, shard2], outputs)
    return outputs, ids, [shard1, shard2]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    try:
        executable = find_chromium()
    except ChromiumNotFound as exc:
        pytest.skip(str(exc))
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def reader(chromium: Browser) -> Iterator[Page]:
    """A page of our own Chromium (not pytest-playwright's: no target, no servers)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_summary_reads_as_a_test_record(built: tuple, reader: Page) -> None:
    outputs, _, _ = built
    reader.goto((outputs.compliance_dir / "summary.html").as_uri())

    expect(reader.get_by_role("heading", level=1)).to_contain_text("Biên bản")
    expect(reader.locator("#ket-luan")).to_contain_text("KHÔNG ĐẠT")
    sso = reader.locator("table.items tr[data-item=sso]")
    expect(sso.locator("td.num")).to_have_text(["1", "0", "0", "Đạt"])
    expect(sso.locator("td").first).to_contain_text("1. Kiểm tra cơ chế đăng nhập một lần")
    expect(reader.locator("table.items tr[data-item=submission] .verdict")).to_have_text(
        "Không đạt"
    )
    expect(reader.locator("table.items tr[data-item=sync] .verdict")).to_have_text("Chưa kiểm thử")
    expect(reader.locator("tr[data-procedure='1.001193']")).to_contain_text("Đăng ký khai sinh")
    failures = reader.locator("table.failures")
    payment = failures.locator("tr", has_text="Thanh toán lệ phí")
    expect(payment.locator("td")).to_have_text(
        [
            "Thanh toán lệ phíhttpx.ConnectError: [Errno 111] Connection refused",
            "3. Kiểm tra tích hợp thanh toán trực tuyến",
            "Lỗi môi trường",
        ]
    )
    expect(failures.locator("tr", has_text="Trả kết quả điện tử")).to_contain_text(
        "Lỗi của kịch bản kiểm thử"
    )
    expect(reader.get_by_text("9.9.9")).to_be_visible()  # the portal version, from the results


def test_the_summary_prints_on_a4(built: tuple, reader: Page, tmp_path: Path) -> None:
    outputs, _, _ = built
    reader.goto((outputs.compliance_dir / "summary.html").as_uri())
    pdf = tmp_path / "summary.pdf"
    reader.pdf(path=str(pdf), prefer_css_page_size=True)
    document = pypdfium2.PdfDocument(str(pdf))
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert 2 <= len(document) <= 5  # the record, then the appendices from a new page


def test_a_cell_opens_its_tests_in_the_allure_report(built: tuple, reader: Page) -> None:
    outputs, _, _ = built
    reader.goto((outputs.compliance_dir / "summary.html").as_uri())
    reader.locator("tr[data-procedure='1.001193'] td[data-item=submission] a").first.click()

    try:
        expect(reader.get_by_text("2. Thực hiện nộp hồ sơ trực tuyến")).to_be_visible(timeout=LOADS)
    except AssertionError:
        reader.screenshot(path="/tmp/dbg-cell.png", full_page=True)
        print("URL", reader.url)
        raise
    expect(reader.get_by_text("1. Kiểm tra cơ chế đăng nhập một lần")).to_have_count(0)


def test_a_test_link_opens_the_test_with_its_vietnamese_steps(built: tuple, reader: Page) -> None:
    outputs, ids, _ = built
    reader.goto((outputs.compliance_dir / "summary.html").as_uri())
    reader.locator("table.items tr[data-item=sso] summary").click()
    link = reader.get_by_role("link", name="Công dân đăng nhập bằng tài khoản VNeID")
    expect(link).to_have_attribute("href", f"../allure-report/index.html#/{_md5(ids['sso'])}")
    link.click()

    expect(reader.get_by_text(STEP)).to_be_visible(timeout=LOADS)
    expect(reader.get_by_text("1. Kiểm tra cơ chế đăng nhập một lần").first).to_be_visible(
        timeout=LOADS
    )


def test_the_allure_report_sorts_failures_into_our_categories(built: tuple, reader: Page) -> None:
    outputs, _, _ = built
    reader.goto(f"{(outputs.report_dir / 'index.html').as_uri()}#/categories")
    for name in ("Lỗi của dịch vụ được kiểm thử", "Lỗi môi trường", "Lỗi của kịch bản kiểm thử"):
        expect(reader.get_by_text(name, exact=True)).to_be_visible(timeout=LOADS)
    reader.get_by_text("Lỗi môi trường", exact=True).click()  # one failure each; open one
    expect(reader.get_by_text("Thanh toán lệ phí")).to_be_visible(timeout=LOADS)
    expect(reader.get_by_text("Trả kết quả điện tử")).to_have_count(0)


def test_a_second_build_shows_history(built: tuple, reader: Page) -> None:
    outputs, ids, shards = built
    build(shards, outputs)
    history = [json.loads(line) for line in outputs.history.read_text("utf-8").splitlines()]
    assert len(history) == 2
    reader.goto(f"{(outputs.report_dir / 'index.html').as_uri()}#/{_md5(ids['sso'])}/history")
    expect(reader.get_by_role("button", name="History")).to_contain_text("1", timeout=LOADS)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class HeldBackReport(ThreadingHTTPServer):
    """Serves the report's index.html up to the end of its app script, then holds the rest
    (the embedded data) until ``release`` is set: a slow disk or network, made
    deterministic. Every path asked for is recorded."""

    def __init__(self, index: Path) -> None:
        html = index.read_bytes()
        app = html.index(b'<script   src="data:text/javascript')
        self.cut = html.index(b"</script>", app) + len(b"</script>")
        self.html = html
        self.release = threading.Event()
        self.paths: list[str] = []
        super().__init__(("127.0.0.1", 0), _HeldBackHandler)


class _HeldBackHandler(BaseHTTPRequestHandler):
    server: HeldBackReport

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        if not self.path.startswith("/index.html"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.server.html)))
        self.end_headers()
        self.wfile.write(self.server.html[: self.server.cut])
        self.wfile.flush()
        self.server.release.wait(timeout=60)  # bounded: the test sets it
        self.wfile.write(self.server.html[self.server.cut :])

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_report_waits_for_its_embedded_data_and_calls_no_one(
    built: tuple, reader: Page
) -> None:
    """A page that arrives slowly still shows the report, from its own data only."""
    outputs, _, _ = built
    server = HeldBackReport(outputs.report_dir / "index.html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    outside: list[str] = []
    reader.on(
        "request",
        lambda r: (
            None if r.url.startswith(("data:", "http://127.0.0.1")) else outside.append(r.url)
        ),
    )
    try:
        reader.goto(f"http://127.0.0.1:{server.server_port}/index.html", wait_until="commit")
        # the app has started and asked for its data: it removes the page's static loader
        expect(reader.locator("#allure-app-loader")).to_have_count(0, timeout=LOADS)
        server.release.set()
        expect(reader.get_by_text("1. Kiểm tra cơ chế đăng nhập một lần")).to_be_visible(
            timeout=LOADS
        )
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
    assert server.paths == ["/index.html"], (
        f"the report fetched files it does not have: {server.paths}"
    )
    assert outside == [], f"the report called outside the machine: {outside}"
