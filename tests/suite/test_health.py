"""Health, not ports: an external target whose portal or mocks answer wrongly (500, someone
else's page, bytes that are not HTTP, nothing at all) stops the run before any browser
starts, in one Vietnamese line naming the system, the URL and what was wrong, exit 4.

The systems here are tiny HTTP servers in this process (threads on free 127.0.0.1 ports);
a frozen one accepts connections (the kernel's backlog) and never answers."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fixtures.health import TIMEOUT_S, target_problem
from fixtures.target import load_target
from tests.suite.test_preflight import OFFICERS, error_lines, fast, run_suite  # noqa: F401

HOME = b"<!doctype html><html><head><title>Trang ch\xe1\xbb\xa7 \xe2\x80\x94 UBND</title></head></html>"  # fmt: skip
NGINX = b"<html><head><title>Welcome to nginx!</title></head><body>nginx</body></html>"
Reply = Callable[[BaseHTTPRequestHandler], None]


def answer(status: int, content_type: str, body: bytes) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def garbage(handler: BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b"\x00\x01\xfe garbage, not HTTP \xff\r\n\r\n")
    handler.close_connection = True


def mock_health(name: str) -> Reply:
    return answer(200, "application/json", json.dumps({"status": "ok", "service": name}).encode())


@pytest.fixture
def serve() -> Iterator[Callable[[Reply], str]]:
    """``serve(reply)`` starts a server that answers every GET with ``reply``; its URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(reply: Reply) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                reply(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def frozen() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def profile(folder: Path, portal: str, mocks: dict[str, str], extra: str = "") -> Path:
    path = folder / "hs.toml"
    lines = [f'start = "external"\n[portal]\ncitizen_url = "{portal}"\n{extra}[mocks]\n']
    lines += [f'{name} = "{url}"\n' for name, url in mocks.items()]
    path.write_text("".join(lines) + OFFICERS, encoding="utf-8")
    return path


@pytest.fixture
def healthy_mocks(serve: Callable[[Reply], str]) -> dict[str, str]:
    return {name: serve(mock_health(name)) for name in ("sso", "payment", "national_portal")}


def problem_of(tmp_path: Path, portal: str, mocks: dict[str, str], extra: str = "") -> str | None:
    return target_problem(load_target(str(profile(tmp_path, portal, mocks, extra))))


def test_a_portal_and_mocks_that_answer_as_they_should_pass(
    tmp_path: Path, serve: Callable[[Reply], str], healthy_mocks: dict[str, str]
) -> None:
    portal = serve(answer(200, "text/html; charset=utf-8", HOME))
    assert problem_of(tmp_path, portal, healthy_mocks) is None


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (answer(500, "text/html", HOME), "trả lời HTTP 500, cần 200"),
        (
            answer(200, "text/html", NGINX),
            'tiêu đề "Welcome to nginx!" không chứa "Trang chủ" như hồ sơ đích mong đợi',
        ),
        (
            answer(200, "application/octet-stream", HOME),
            "không phải trang HTML (Content-Type: application/octet-stream)",
        ),
        (answer(200, "text/html", b"<p>no title</p>"), "trang không có thẻ <title>"),
        (garbage, "không trả lời đúng giao thức HTTP (RemoteProtocolError)"),
    ],
    ids=["500", "nginx", "not-html", "no-title", "garbage"],
)
def test_a_portal_that_answers_wrongly_is_named(
    tmp_path: Path,
    serve: Callable[[Reply], str],
    healthy_mocks: dict[str, str],
    reply: Reply,
    says: str,
) -> None:
    portal = serve(reply)
    assert problem_of(tmp_path, portal, healthy_mocks) == (
        f"target hs: cổng dịch vụ công tại {portal}/ {says}"
    )


def test_the_health_path_and_expected_title_of_the_profile_are_used(
    tmp_path: Path, serve: Callable[[Reply], str], healthy_mocks: dict[str, str]
) -> None:
    def routed(handler: BaseHTTPRequestHandler) -> None:
        ok = handler.path == "/suc-khoe"
        answer(200 if ok else 404, "text/html", NGINX)(handler)

    portal = serve(routed)
    extra = 'health_path = "/suc-khoe"\nexpect_title = "nginx"\n'
    assert problem_of(tmp_path, portal, healthy_mocks, extra) is None
    extra = 'health_path = "/suc-khoe"\nexpect_title = "Cổng DVC tỉnh X"\n'
    assert "không chứa" in (problem_of(tmp_path, portal, healthy_mocks, extra) or "")


def test_a_mock_that_is_not_the_mock_named_is_refused(
    tmp_path: Path, serve: Callable[[Reply], str], healthy_mocks: dict[str, str]
) -> None:
    portal = serve(answer(200, "text/html", HOME))
    swapped = {**healthy_mocks, "payment": healthy_mocks["sso"]}
    assert problem_of(tmp_path, portal, swapped) == (
        f"target hs: nền tảng thanh toán tại {healthy_mocks['sso']}/health trả về "
        '{"status": "ok", "service": "sso"}, cần {"status": "ok", "service": "payment"}'
    )
    html = {**healthy_mocks, "national_portal": serve(answer(200, "text/html", NGINX))}
    assert "Cổng DVCQG tại" in (problem := problem_of(tmp_path, portal, html) or "")
    assert problem.endswith("không trả về JSON (Content-Type: text/html)")


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """A 200 whose body comes a byte each half second: never a silence long enough for a
    read timeout, so only the check's own deadline stops it."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    pause = threading.Event()
    with contextlib.suppress(OSError):
        for _ in range(100):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            pause.wait(0.5)  # the slow server's pace (this thread is the server, not a test)


def test_a_portal_that_trickles_its_answer_is_cut_off_at_the_timeout(
    tmp_path: Path, serve: Callable[[Reply], str], healthy_mocks: dict[str, str]
) -> None:
    portal = serve(trickle)
    started = time.monotonic()
    problem = problem_of(tmp_path, portal, healthy_mocks)
    seconds = time.monotonic() - started
    assert problem == f"target hs: cổng dịch vụ công tại {portal}/ không trả lời trong 3 giây"
    assert seconds < TIMEOUT_S + 2, f"{seconds:.1f} s"


# Through pytest, as a user meets them: one line, exit 4, fast.
@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (answer(500, "text/plain", b"Internal Server Error"), "trả lời HTTP 500, cần 200"),
        (
            answer(200, "text/html", NGINX),
            'tiêu đề "Welcome to nginx!" không chứa "Trang chủ" như hồ sơ đích mong đợi',
        ),
        (garbage, "không trả lời đúng giao thức HTTP (RemoteProtocolError)"),
    ],
    ids=["500", "unrelated-html", "garbage"],
)
def test_the_run_stops_in_one_line(
    tmp_path: Path,
    serve: Callable[[Reply], str],
    healthy_mocks: dict[str, str],
    reply: Reply,
    says: str,
    fast: float,  # noqa: F811
) -> None:
    portal = serve(reply)
    done, seconds = run_suite(
        "--target", str(profile(tmp_path, portal, healthy_mocks)), "-m", "sso"
    )
    assert done.returncode == 4, done.stdout + done.stderr
    assert error_lines(done) == [f"ERROR: target hs: cổng dịch vụ công tại {portal}/ {says}"]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_a_frozen_mock_stops_the_run_within_the_timeout(
    tmp_path: Path,
    serve: Callable[[Reply], str],
    healthy_mocks: dict[str, str],
    frozen: str,
    fast: float,  # noqa: F811
) -> None:
    portal = serve(answer(200, "text/html", HOME))
    mocks = {**healthy_mocks, "sso": frozen}
    done, seconds = run_suite("--target", str(profile(tmp_path, portal, mocks)), "-m", "sso")
    assert done.returncode == 4, done.stdout + done.stderr
    assert error_lines(done) == [
        f"ERROR: target hs: hệ thống định danh (SSO) tại {frozen}/health không trả lời trong "
        f"{TIMEOUT_S:g} giây"
    ]
    # the deadline itself is measured in-process below; here, under a loaded machine, only
    # that the run did not wait for the frozen server much longer than pytest's start-up
    limit = fast + 2 * TIMEOUT_S
    assert seconds < limit, f"{seconds:.1f} s (limit {limit:.1f} s)"


def test_a_frozen_system_costs_the_check_its_timeout_and_no_more(
    tmp_path: Path, serve: Callable[[Reply], str], healthy_mocks: dict[str, str], frozen: str
) -> None:
    portal = serve(answer(200, "text/html", HOME))
    started = time.monotonic()
    problem = problem_of(tmp_path, portal, {**healthy_mocks, "national_portal": frozen})
    seconds = time.monotonic() - started
    assert problem == f"target hs: Cổng DVCQG tại {frozen}/health không trả lời trong 3 giây"
    assert TIMEOUT_S <= seconds < TIMEOUT_S + 2, f"{seconds:.1f} s"
