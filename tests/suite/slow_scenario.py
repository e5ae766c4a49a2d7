"""A test-only pytest plugin (``-p tests.suite.slow_scenario``): every e2e scenario's call
takes 8 s longer, more than the 5 s limit a profile sets in test_bounded_run.py — the
slow scenario that ``[timeouts] scenario_s`` is there to stop."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest

EXTRA_S = 8.0


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    if pyfuncitem.get_closest_marker("e2e"):
        threading.Event().wait(EXTRA_S)  # interrupted by the time limit's signal
    return (yield)
