"""Make sure the system packages the project needs are there (Chromium, DejaVu fonts).

Chromium's headless shell is wanted for speed, not required: it is installed when apt can
(root), and a machine without it runs the full Chromium headless.

Installs what is missing with one apt-get call when root; otherwise says how, in one line.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from fixtures.chromium import (
    HEADLESS_SHELL,
    ChromiumNotFound,
    apt_install,
    find_chromium,
    headless_shell_missing,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def missing_packages() -> list[str]:
    missing = []
    try:
        find_chromium()
    except ChromiumNotFound:
        missing.append("chromium")
    if headless_shell_missing() and os.geteuid() == 0 and shutil.which("apt-get"):
        missing.append(HEADLESS_SHELL)
    if not DEJAVU.is_file():
        missing.append("fonts-dejavu-core")
    return missing


def main() -> int:
    missing = missing_packages()
    if missing:
        try:
            apt_install(*missing)
        except Exception as exc:  # one clear line, whatever apt said
            print(f"setup: {exc}", file=sys.stderr)
            return 1
    still = missing_packages()
    if still:
        print(f"setup: still missing after install: {', '.join(still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
