"""``make serve`` (``python -m scripts.serve``) on a port already taken: one clear line, exit 1,
within 5 s, and nothing left running."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from tests.suite.test_cleanup import alive, descendants

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "targets" / "local-external.toml"
TAKEN = re.compile(r"^serve: (?P<name>\w+): port (?P<port>\d+) on 127\.0\.0\.1 is already in use$")


def serve_ports() -> dict[str, int]:
    profile = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
    urls = {"portal": profile["portal"]["citizen_url"], **profile["mocks"]}
    return {name: int(urlsplit(url).port or 0) for name, url in urls.items()}


def test_a_port_in_use_is_one_line_and_nothing_is_left_running() -> None:
    port = serve_ports()["portal"]  # started last: the mocks before it must be stopped again
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        try:
            holder.bind(("127.0.0.1", port))
            holder.listen()
        except OSError:
            pass  # someone already holds it: the port is taken either way
        started = time.monotonic()
        run = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--keep"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen: dict[int, str] = {}
        try:
            while run.poll() is None and time.monotonic() - started < 60:
                seen.update(descendants(run.pid))
                try:
                    run.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    continue
            seconds = time.monotonic() - started
            out, err = run.communicate(timeout=10)
        finally:
            if run.poll() is None:
                run.kill()
    lines = [line for line in err.splitlines() if line.strip()]
    assert run.returncode == 1, (out, err)
    assert len(lines) == 1 and TAKEN.match(lines[0]), err
    assert out == "", "nothing is printed on stdout when nothing started"
    assert seconds < 5, f"make serve took {seconds:.1f} s to say the port is taken"
    assert not [pid for pid in seen if alive(pid)], f"left running: {seen}"
