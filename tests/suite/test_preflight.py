"""The suite itself: a wrong set-up is one clear line, fast, before anything starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fixtures.servers import ServerProcess, free_port


def answering(body: bytes, content_type: str) -> ThreadingHTTPServer:
    """A server on a free 127.0.0.1 port that answers every GET with ``body``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


ROOT = Path(__file__).resolve().parents[2]
OFFICERS = "".join(
    f'[officers."{role}"]\nusername = "u{i}"\npassword = "p{i}"\n'
    for i, role in enumerate(("cán bộ một cửa", "chuyên viên", "lãnh đạo"))
)


def run_suite(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def fast() -> float:
    """How soon a wrong set-up must be reported, in seconds: 5, or one and a half times what
    starting pytest and collecting the scenarios takes on this machine right now plus 2 s,
    whichever is more. The errors come before any server or browser starts, so they cost no
    more than that; a fixed 5 s failed in CI on a busy machine (6.3 s), where pytest alone
    needed more."""
    _, baseline = run_suite("--collect-only", "-q")
    return max(5.0, 1.5 * baseline + 2.0)


def error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("ERROR")]


def test_unknown_profile(tmp_path: Path, fast: float) -> None:
    done, seconds = run_suite("--target", "khong-co")
    assert done.returncode == 4
    assert error_lines(done) == [
        f"ERROR: target profile 'khong-co' not found ({ROOT / 'targets' / 'khong-co.toml'}); known: "
        + ", ".join(sorted(p.stem for p in (ROOT / "targets").glob("*.toml")))
    ]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("start = [", "is not valid TOML"),
        ('start = "somewhere"', "start: expected 'reference' or 'external', not 'somewhere'"),
        ('start = "external"', "portal.citizen_url: required for an external target"),
        ('start = "reference"\npages = "khong_co"', "pages: no page-object set pages/khong_co/"),
        ('start = "reference"\nstart_mocks = 1', "start_mocks: unknown key"),
        ('start = "external"\n[portal]\ncitizen_url = "http://h"', "[mocks] needs the URL of"),
        ('start = "reference"', "officers: required"),
    ],
)
def test_broken_profile(tmp_path: Path, content: str, says: str, fast: float) -> None:
    profile = tmp_path / "broken.toml"
    if "officers" not in says and "TOML" not in says:
        content += "\n" + OFFICERS  # the one thing wrong is the one named
    profile.write_text(content, encoding="utf-8")
    done, seconds = run_suite("--target", str(profile))
    assert done.returncode == 4
    lines = error_lines(done)
    assert len(lines) == 1 and says in lines[0], done.stdout + done.stderr
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_missing_browser(fast: float) -> None:
    done, seconds = run_suite("-m", "sso", env={"DVC_CHROMIUM": "/khong/co/chromium"})
    assert done.returncode == 4
    assert error_lines(done) == [
        "ERROR: chromium: DVC_CHROMIUM=/khong/co/chromium is not an executable file"
    ]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_unreachable_target(tmp_path: Path, fast: float) -> None:
    profile = tmp_path / "far.toml"
    local = (ROOT / "targets" / "local-external.toml").read_text(encoding="utf-8")
    far = local.replace('name = "local-external"\n', "").replace(":8000", ":9")
    profile.write_text(far, encoding="utf-8")
    done, seconds = run_suite("--target", str(profile), "-m", "sso")
    assert done.returncode == 4
    assert error_lines(done) == [
        "ERROR: target far: cổng dịch vụ công tại http://127.0.0.1:9/ không kết nối được "
        "(ConnectError)"
    ]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_bad_shard(fast: float) -> None:
    done, seconds = run_suite("--shard", "3/2")
    assert done.returncode == 4
    assert error_lines(done) == ["ERROR: --shard 3/2: I must be between 1 and N"]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_mocks_started_with_another_control_token(tmp_path: Path, fast: float) -> None:
    """An external target's mocks that refuse our DVC_CONTROL_TOKEN: one line, exit 4. The
    SSO mock is real (started with its own token); the portal and the other two mocks only
    answer the health check (a home page, their /health), which comes first."""
    mock = ServerProcess(
        name="sso", module="mocks.sso", port=free_port(),
        env={"MOCK_CONTROL_TOKEN": "ma-cua-nha-cung-cap"}, log_path=tmp_path / "sso.log",
    )  # fmt: skip
    mock.start()
    healthy = [
        answering(b"<!doctype html><html><head><title>Trang ch\xe1\xbb\xa7</title></head></html>",
                  "text/html; charset=utf-8"),
        *(answering(json.dumps({"status": "ok", "service": n}).encode(), "application/json")
          for n in ("payment", "national_portal")),
    ]  # fmt: skip
    try:
        mock.wait_healthy()
        portal, payment, national = (f"http://127.0.0.1:{s.server_address[1]}" for s in healthy)
        local = (ROOT / "targets" / "local-external.toml").read_text(encoding="utf-8")
        for used, url in (
            ("http://127.0.0.1:8000", portal),
            ("http://127.0.0.1:8101", mock.url),
            ("http://127.0.0.1:8102", payment),
            ("http://127.0.0.1:8103", national),
        ):
            local = local.replace(used, url)  # fmt: skip
        profile = tmp_path / "vendor.toml"
        profile.write_text(local.replace('name = "local-external"\n', ""), encoding="utf-8")
        done, seconds = run_suite(
            "--target", str(profile), "-m", "sso", env={"DVC_CONTROL_TOKEN": "ma-khac"}
        )
    finally:
        mock.stop()
        for server in healthy:
            server.shutdown()
            server.server_close()
    assert done.returncode == 4, done.stdout[-2000:]
    assert error_lines(done) == [
        f"ERROR: target vendor: the mock at {mock.url} refuses the control token (HTTP 401): "
        "set DVC_CONTROL_TOKEN to the MOCK_CONTROL_TOKEN it was started with (it prints it)"
    ]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"
