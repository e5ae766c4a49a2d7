"""--browser-ws, proven: ``python -m scripts.browser_server`` on a free port, a few SSO
scenarios run through it, and the pages they opened were rendered in the server's process
tree — not in the suite's, which is given no usable Chromium at all (DVC_CHROMIUM points
nowhere, so a local launch could not even start). Stopping the server stops its browser."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.polling import poll
from fixtures.servers import free_port
from tests.suite.test_preflight import error_lines, fast, run_suite  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = "công_dân_đăng_nhập_và_thấy or doanh_nghiệp_đăng_nhập or công_dân_hủy_đăng_nhập"


def process_tree(root: int) -> dict[int, str]:
    """pid -> command line of ``root``'s descendants, read from /proc."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{entry}/stat").read_text()
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            commands[int(entry)] = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")  # fmt: skip
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = commands.get(pid, "")
                frontier.append(pid)
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it has stopped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def renderers(tree: dict[int, str]) -> set[int]:
    return {pid for pid, command in tree.items() if "--type=renderer" in command}


def chromiums(tree: dict[int, str]) -> set[int]:
    return {pid for pid, command in tree.items() if "chrom" in command.split(" ")[0]}


@pytest.fixture
def browser_server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    log_path = tmp_path / "browser-server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "scripts.browser_server", "--port", str(free_port())],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        endpoint = poll(
            lambda: re.search(r"ws://\S+", log_path.read_text(errors="replace")),
            what="the browser server to print its ws endpoint",
            timeout_s=60,
            describe_last=lambda: log_path.read_text(errors="replace")[-500:],
        ).group(0)
        yield server, endpoint
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_scenarios_run_in_the_browser_servers_chromium(
    browser_server: tuple[subprocess.Popen[bytes], str], tmp_path: Path
) -> None:
    server, endpoint = browser_server
    before = process_tree(server.pid)
    assert chromiums(before), f"no Chromium under the browser server: {before}"
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "features", "-m", "sso", "-k", SCENARIOS,
         "--browser-ws", endpoint, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, env={**os.environ, "DVC_CHROMIUM": "/khong/co/chromium"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    served_renderers: set[int] = set()
    local_chromiums: set[int] = set()
    output = b""
    while True:  # sample both process trees while the scenarios run
        served_renderers |= renderers(process_tree(server.pid)) - renderers(before)
        local_chromiums |= chromiums(process_tree(run.pid))
        try:
            output, _ = run.communicate(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            continue
    out = output.decode(errors="replace")
    assert run.returncode == 0, out[-3000:]
    assert "3 passed" in out, out[-2000:]
    assert served_renderers, "no page was rendered in the browser server's Chromium"
    assert not local_chromiums, f"the suite started a Chromium of its own: {local_chromiums}"


def test_stopping_the_server_stops_its_browser(
    browser_server: tuple[subprocess.Popen[bytes], str],
) -> None:
    server, _ = browser_server
    browser = chromiums(process_tree(server.pid))
    assert browser
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    poll(
        lambda: not any(alive(pid) for pid in browser),
        what="the browser server's Chromium to stop",
        timeout_s=20,
    )


@pytest.mark.parametrize(
    ("endpoint", "says"),
    [
        ("ws://127.0.0.1:9/dvc-e2e", "no browser server answers there (ConnectionRefusedError)"),
        ("http://127.0.0.1:9555/dvc-e2e", "expected a ws:// or wss:// URL with a host"),
    ],
    ids=["nobody-there", "not-ws"],
)
def test_a_wrong_browser_server_is_one_line_before_anything_starts(
    endpoint: str,
    says: str,
    fast: float,  # noqa: F811
) -> None:
    done, seconds = run_suite("-m", "sso", "--browser-ws", endpoint)
    assert done.returncode == 4, done.stdout + done.stderr
    assert error_lines(done) == [f"ERROR: --browser-ws {endpoint}: {says}"]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"
