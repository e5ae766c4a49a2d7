"""A server started by the test suite ends when the suite's process ends, even a SIGKILLed one.

The suite starts each server in a session of its own (so that Ctrl-C in the terminal reaches
pytest only) and names itself in ``DVC_PARENT_PID``. Without that variable nothing happens:
a server started by hand lives until it is stopped. The portal has the same few lines in
``portal/parent_watch.py`` (the portal imports nothing of the mocks).
"""

from __future__ import annotations

import os
import select
import signal
import threading

PARENT_ENV = "DVC_PARENT_PID"
GRACE_S = 3.0  # after SIGTERM, how long a clean shutdown may take before a hard exit


def exit_with_parent() -> None:
    """If ``DVC_PARENT_PID`` is set, end this process (SIGTERM to itself, then a hard exit
    after ``GRACE_S``) as soon as that process is gone."""
    value = os.environ.get(PARENT_ENV, "")
    if not value.isdigit():
        return
    threading.Thread(target=_watch, args=(int(value),), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    try:
        pidfd = os.pidfd_open(parent)  # readable once the process has ended (Linux >= 5.3)
    except OSError:
        pidfd = -1
    if pidfd >= 0 and os.getppid() == parent:
        select.select([pidfd], [], [])
    elif pidfd < 0:
        while os.getppid() == parent:  # reparented once the parent is gone
            threading.Event().wait(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
    threading.Event().wait(GRACE_S)
    os._exit(1)
