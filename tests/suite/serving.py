"""``scripts.serve`` in a test: the portal and the mocks on free ports, as a vendor starts
them beside the suite (README "Running against another portal")."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixtures.polling import poll

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def serving(folder: Path, env: dict[str, str]) -> Iterator[Path]:
    """Starts ``scripts.serve --free-ports`` with ``env``, its files in ``folder``; yields
    the target profile it wrote; stops it (SIGTERM, then SIGKILL after 20 s) at the end."""
    profile = folder / "served.toml"
    log_path = folder / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--free-ports", "--write-profile",
             str(profile), "--workdir", str(folder / "serve")],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            poll(
                lambda: profile.is_file() or process.poll() is not None,
                what="scripts.serve to start the portal and the mocks",
                timeout_s=60,
            )
            if process.poll() is not None:
                pytest.fail(f"scripts.serve stopped: {log_path.read_text(encoding='utf-8')}")
            yield profile
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
