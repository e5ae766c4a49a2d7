"""A Playwright browser server on this machine's Chromium, for remote runs.

    python -m scripts.browser_server --port 9555       # prints ws://127.0.0.1:9555/dvc-e2e
    pytest features --browser-ws ws://HOST:9555/dvc-e2e  # (or DVC_BROWSER_WS=...)

It binds 127.0.0.1 unless --host says otherwise; stop it with Ctrl-C or SIGTERM (its
browser stops with it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from fixtures.chromium import LAUNCH_ARGS, ChromiumNotFound, find_chromium


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.browser_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9555)
    parser.add_argument("--path", default="/dvc-e2e", help="the ws endpoint's path")
    args = parser.parse_args()
    try:
        executable = find_chromium()
    except ChromiumNotFound as exc:
        print(f"browser-server: {exc}", file=sys.stderr)
        return 1
    config = {
        "executablePath": executable,
        "args": LAUNCH_ARGS,
        "headless": True,
        "host": args.host,
        "port": args.port,
        "wsPath": args.path,
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "launch-server.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "playwright",
            "launch-server",
            "--browser",
            "chromium",
            "--config",
            str(path),
        ]
        # Its own session, so that stopping this process stops the whole server: the
        # Playwright CLI is a Python wrapper around a Node driver, and a SIGTERM to this
        # process alone used to leave the driver and its Chromium running.
        server = subprocess.Popen(command, start_new_session=True)  # prints the ws endpoint
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, lambda *_: stop(server))
        return server.wait()


def stop(server: subprocess.Popen[bytes]) -> None:
    """The driver closes its browser on SIGTERM; a server that does not stop in 15 s is
    killed with everything in its process group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    raise SystemExit(main())
