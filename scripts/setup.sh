#!/usr/bin/env bash
# make setup: everything the project needs, on a fresh machine or an old one.
# Idempotent; each step is skipped when what it installs is already there and current.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
LOCK=requirements.lock
stamp() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. Python virtual environment with exactly the locked dependencies (hash-checked).
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
want=$(stamp "$LOCK" scripts/setup.sh)
if [ "$(cat "$VENV/.lock-stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages from $LOCK"
  # uv, pinned and hashed in the lock itself, installed with pip; uv installs the rest
  uv_pin=$(sed -n 's/^\(uv==[^ ]*\).*/\1/p' "$LOCK")
  if [ "$("$VENV/bin/uv" --version 2>/dev/null | cut -d' ' -f2)" != "${uv_pin#uv==}" ]; then
    awk '/^uv==/{on=1} on{print} on && !/\\$/{exit}' "$LOCK" > "$VENV/uv-requirement.txt"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
      -r "$VENV/uv-requirement.txt"
  fi
  # pip's index and certificate settings, unless uv was told otherwise (scripts/uv_env.py)
  mapfile -t uv_env < <("$VENV/bin/python" -m scripts.uv_env)
  # sync: installs what the lock lists and removes what it does not (uv and pip stay)
  env "${uv_env[@]}" "$VENV/bin/uv" pip sync --quiet --require-hashes \
    --python "$VENV/bin/python" "$LOCK"
  echo "$want" > "$VENV/.lock-stamp"
fi

# 2. Allure Report 3 and axe-core (npm, pinned by package-lock.json; Node.js per "engines").
want=$(stamp package.json package-lock.json)
if [ "$(cat node_modules/.lock-stamp 2>/dev/null)" != "$want" ]; then
  needs=$(sed -n 's/^ *"node": "\(.*\)".*/\1/p' package.json)
  command -v npm >/dev/null || {
    echo "setup: npm not found: install Node.js $needs with npm (README, Requirements)"
    exit 1
  }
  echo "setup: installing Allure Report from package-lock.json"
  log=$(mktemp)
  if ! npm ci --engine-strict --no-audit --no-fund --loglevel=error > "$log" 2>&1; then
    if grep -q EBADENGINE "$log"; then
      echo "setup: Node.js $(node --version) is too old: the locked npm packages need node $needs"
    else
      echo "setup: npm ci failed: $(grep -m1 'npm error' "$log" || tail -1 "$log")"
    fi
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  echo "$want" > node_modules/.lock-stamp
fi

# 3. System packages: Chromium for Playwright, a font with Vietnamese glyphs for the PDF result.
"$VENV/bin/python" -m scripts.system_deps
