"""Make sure the system packages the project needs are there (Chromium, DejaVu fonts).

Installs what is missing with one apt-get call when root; otherwise says how, in one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fixtures.chromium import ChromiumNotFound, apt_install, find_chromium

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def missing_packages() -> list[str]:
    missing = []
    try:
        find_chromium()
    except ChromiumNotFound:
        missing.append("chromium")
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
