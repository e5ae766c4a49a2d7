"""A pytest plugin for tests/suite/test_no_secrets.py's child run (``-p tests.suite.secret_probe``):
it writes down the secrets the run really used that the test could not plant itself, so
that the test can search the evidence for them.

- every session cookie a browser held (after each step, from every context of the browser:
  the citizen's, the officers', the SSO's);
- every value a ``Secret`` held (the citizens' SSO passwords are made per scenario).

One JSON list in the file named by ``DVC_SECRET_PROBE_FILE``; outside the evidence.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from fixtures.secrets import known_values

PROBE_FILE_ENV = "DVC_SECRET_PROBE_FILE"
_seen: set[str] = set()


@pytest.hookimpl
def pytest_bdd_after_step(request: pytest.FixtureRequest, **_: Any) -> None:
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    for context in browser.contexts:
        _seen.update(c["value"] for c in context.cookies() if c.get("value"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = os.environ.get(PROBE_FILE_ENV)
    if target:
        found = {"cookies": sorted(_seen), "secrets": sorted(known_values())}
        Path(target).write_text(json.dumps(found), encoding="utf-8")
