"""Every process the suite starts, it stops: also when the run is interrupted with Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from fixtures.polling import poll

ROOT = Path(__file__).resolve().parents[2]


def descendants(pid: int) -> dict[int, str]:
    """Every live process below ``pid``, with its command line (from /proc)."""
    children: dict[int, list[int]] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: dict[int, str] = {}
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found[child] = commands.get(child, "")
            stack.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_leaves_no_process_behind() -> None:
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "features", "-m", "sso", "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Interrupt once the servers and the browser are up, i.e. in the middle of a scenario.
        def running() -> dict[int, str] | None:
            procs = descendants(run.pid)
            servers = [c for c in procs.values() if "-m portal" in c or "-m mocks." in c]
            browser = [c for c in procs.values() if "chrom" in c]
            return procs if len(servers) >= 2 and browser else None

        started = poll(
            running, what="the servers and the browser of the interrupted run", timeout_s=30
        )
        run.send_signal(signal.SIGINT)
        run.wait(timeout=30)
        poll(
            lambda: not [pid for pid in started if alive(pid)],
            what="every process of the interrupted run to end",
            timeout_s=10,
            describe_last=lambda: str({pid: started[pid][:80] for pid in started if alive(pid)}),
        )
    finally:
        if run.poll() is None:
            run.kill()
