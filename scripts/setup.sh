#!/usr/bin/env bash
# make setup: everything the project needs, on a fresh machine or an old one.
# Idempotent; each step is skipped when what it installs is already there and current.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. Python virtual environment with the locked dependencies.
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
want=$(stamp requirements.lock)
if [ "$(cat "$VENV/.lock-stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages from requirements.lock"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.lock
  echo "$want" > "$VENV/.lock-stamp"
fi

# 2. Allure Report 3 (npm, pinned by package-lock.json).
want=$(stamp package.json package-lock.json)
if [ "$(cat node_modules/.lock-stamp 2>/dev/null)" != "$want" ]; then
  command -v npm >/dev/null || { echo "setup: npm not found: install Node.js 18+ (Debian: apt-get install -y nodejs npm)"; exit 1; }
  echo "setup: installing Allure Report from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$want" > node_modules/.lock-stamp
fi

# 3. System packages: Chromium for Playwright, a font with Vietnamese glyphs for the PDF result.
"$VENV/bin/python" -m scripts.system_deps
