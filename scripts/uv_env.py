"""pip's index and certificate settings, for uv (which reads no pip configuration).

``make setup`` installs the lock with uv; a machine whose pip is set to a mirror or a
company certificate (``PIP_INDEX_URL``, ``pip.conf``) must get the same from uv. Prints
``UV_DEFAULT_INDEX=...`` and ``SSL_CERT_FILE=...``, one a line, for what pip has and uv was
not already told.
"""

from __future__ import annotations

import os
import subprocess
import sys

# pip setting -> the uv environment variable that means the same
SETTINGS = {"index-url": "UV_DEFAULT_INDEX", "cert": "SSL_CERT_FILE"}
# where pip looks first: its environment variables, then the install command's section
SECTIONS = (":env:", "install", "global")


def pip_settings() -> dict[str, str]:
    """``pip config list`` as {"section.key": value}."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    settings = {}
    for line in out.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            settings[key] = value.strip().strip("'\"")
    return settings


def uv_env(settings: dict[str, str], environ: dict[str, str]) -> list[str]:
    lines = []
    for name, variable in SETTINGS.items():
        if environ.get(variable):
            continue
        value = next(
            (settings[f"{s}.{name}"] for s in SECTIONS if settings.get(f"{s}.{name}")), None
        )
        if value:
            lines.append(f"{variable}={value}")
    return lines


def main() -> int:
    for line in uv_env(pip_settings(), dict(os.environ)):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
