"""A bounded run: a target that goes down mid-run stops it in seconds with one line, its
scenarios are environment errors (never the service's defects), and Ctrl-C, SIGTERM and
even SIGKILL of pytest leave no process of the run behind.

Each test runs the SSO scenarios (18, ~25 s when all is well) in a pytest of its own and
breaks the target once the first scenario has finished."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.fault_proxy import FAULT_PROXY_ENV
from fixtures.polling import poll
from reports.categories import classify, load_categories
from tests.suite.test_cleanup import alive, descendants

ROOT = Path(__file__).resolve().parents[2]
SERVERS = {"portal": "-m portal", "sso": "-m mocks.sso"}
STOP_LINE = "Dừng chạy: "


@dataclass
class Run:
    process: subprocess.Popen[bytes]
    output: Path
    results: Path
    mode_file: Path
    seen: dict[int, str]

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def lines(self) -> int:
        return len(self.text().splitlines())

    def first_result(self) -> None:
        poll(
            lambda: any(self.results.glob("*-result.json")) or self.process.poll() is not None,
            what="the first scenario's result",
            timeout_s=90,
        )
        assert self.process.poll() is None, f"the run ended early:\n{self.text()}"

    def processes(self) -> dict[int, str]:
        found = descendants(self.process.pid)
        self.seen.update(found)
        return found

    def server(self, name: str) -> int:
        found = [pid for pid, cmd in self.processes().items() if SERVERS[name] in cmd]
        assert len(found) == 1, f"{name}: {found}"
        return found[0]

    def statuses(self) -> list[tuple[str, str, str | None]]:
        """(status, message, category id) of every scenario's result."""
        categories = load_categories()
        found = []
        for path in self.results.glob("*-result.json"):
            result = json.loads(path.read_text(encoding="utf-8"))
            message = (result.get("statusDetails") or {}).get("message", "")
            category = classify(result["status"], message, categories)
            found.append((result["status"], message, category.id if category else None))
        return found


def start_run(folder: Path, *, proxy: bool) -> Run:
    """The SSO scenarios in a pytest of their own; with ``proxy``, the portal behind the
    fault proxy (fixtures/fault_proxy.py), whose mode the test writes."""
    mode_file = folder / "mode"
    mode_file.write_text("pass", encoding="utf-8")
    output = folder / "output.txt"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if proxy:
        env[FAULT_PROXY_ENV] = str(mode_file)
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "features", "-m", "sso", "-q",
             "--alluredir", str(folder / "results")],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    return Run(process, output, folder / "results", mode_file, {})


def stop_run(run: Run) -> None:
    if run.process.poll() is None:
        run.processes()
        run.process.kill()
        run.process.wait()
    for pid in run.seen:  # a test that failed halfway leaves no server behind
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    started = start_run(tmp_path, proxy=False)
    yield started
    stop_run(started)


@pytest.fixture
def proxied_run(tmp_path: Path) -> Iterator[Run]:
    started = start_run(tmp_path, proxy=True)
    yield started
    stop_run(started)


def ends_with_nothing_left(run: Run, within_s: float) -> float:
    """Waits for the run and every process it started to end; returns the seconds taken."""
    processes = run.processes()
    start = time.monotonic()
    try:
        run.process.wait(timeout=within_s)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the run still runs {within_s:g} s later:\n{run.text()}")
    poll(
        lambda: not [pid for pid in processes if alive(pid)],
        what="every process of the run to end",
        timeout_s=max(within_s - (time.monotonic() - start), 0.1),
        describe_last=lambda: str({p: processes[p][:80] for p in processes if alive(p)}),
    )
    return time.monotonic() - start


def environment_failures_only(run: Run) -> None:
    statuses = run.statuses()
    failed = [s for s in statuses if s[0] not in ("passed", "skipped")]
    assert failed, f"no scenario failed:\n{run.text()}"
    assert all(category == "environment" for _, _, category in failed), failed
    not_run = [s for s in statuses if s[0] == "skipped"]
    assert not_run, "the scenarios after the stop were not reported as not run"
    assert all(category == "environment" for _, _, category in not_run), not_run
    lines = run.text().splitlines()
    assert len(lines) < 50, run.text()
    stops = [line for line in lines if line.startswith(STOP_LINE)]
    assert len(stops) == 1, run.text()


def test_a_frozen_portal_stops_the_run_in_seconds_with_one_line(run: Run) -> None:
    run.first_result()
    os.kill(run.server("portal"), signal.SIGSTOP)
    # the issue asks for 60 s; measured 11-13 s on the loaded machine, 30 s fails when the
    # scenario waits for its page timeouts instead of being stopped by the health watch
    took = ends_with_nothing_left(run, within_s=30)
    environment_failures_only(run)
    assert "cổng dịch vụ được kiểm thử (portal)" in run.text()
    print(f"frozen portal: the run ended {took:.1f} s after SIGSTOP; {run.lines()} lines")


@pytest.mark.parametrize("server", ["portal", "sso"])
def test_a_killed_server_gives_environment_errors_only(run: Run, server: str) -> None:
    run.first_result()
    os.kill(run.server(server), signal.SIGKILL)
    took = ends_with_nothing_left(run, within_s=60)
    environment_failures_only(run)
    assert f"({server}) tại" in run.text()
    print(f"kill -9 {server}: the run ended {took:.1f} s after; {run.lines()} lines")


@pytest.mark.parametrize("mode", ["500", "garbage"])
def test_a_portal_answering_500_or_unrelated_html_gives_environment_errors_only(
    proxied_run: Run, mode: str
) -> None:
    run = proxied_run
    run.first_result()
    run.mode_file.write_text(mode, encoding="utf-8")
    took = ends_with_nothing_left(run, within_s=60)
    environment_failures_only(run)
    assert "(portal) tại" in run.text()
    print(f"portal answering {mode}: the run ended {took:.1f} s after; {run.lines()} lines")


SIGNALS = pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])


@SIGNALS
def test_ctrl_c_and_sigterm_end_the_run_within_3_s(run: Run, signum: int) -> None:
    run.first_result()
    run.process.send_signal(signum)
    took = ends_with_nothing_left(run, within_s=3)
    # pytest's own stop (teardown, summary), not a process that just died
    assert f"Đã dừng theo {signal.Signals(signum).name}" in run.text(), run.text()
    print(f"{signal.Signals(signum).name}: every process ended {took:.1f} s after")


@SIGNALS
def test_ctrl_c_and_sigterm_end_the_run_within_3_s_also_with_a_frozen_portal(
    run: Run, signum: int
) -> None:
    run.first_result()
    os.kill(run.server("portal"), signal.SIGSTOP)
    run.process.send_signal(signum)
    took = ends_with_nothing_left(run, within_s=3)
    assert f"Đã dừng theo {signal.Signals(signum).name}" in run.text(), run.text()
    print(f"{signal.Signals(signum).name}, frozen portal: every process ended {took:.1f} s after")


def test_servers_end_when_pytest_is_killed(run: Run) -> None:
    run.first_result()
    processes = run.processes()
    servers = {
        pid: cmd for pid, cmd in processes.items() if "-m portal" in cmd or "-m mocks." in cmd
    }
    assert len(servers) == 4, processes
    run.process.kill()
    run.process.wait()
    start = time.monotonic()
    poll(
        lambda: not [pid for pid in processes if alive(pid)],
        what="the servers and the browser of the killed run to end",
        timeout_s=10,
        describe_last=lambda: str({p: processes[p][:80] for p in processes if alive(p)}),
    )
    print(f"SIGKILL of pytest: every process ended {time.monotonic() - start:.1f} s after")


def test_the_profile_sets_each_scenario_s_time_limit(tmp_path: Path) -> None:
    """``[timeouts] scenario_s`` of the profile: a scenario over it fails with pytest-timeout's
    "Timeout", and the run goes on with the next one (5 s, the schema's least; the plugin
    tests.suite.slow_scenario makes each scenario's call 8 s longer)."""
    reference = (ROOT / "targets" / "reference.toml").read_text(encoding="utf-8")
    profile = tmp_path / "reference.toml"
    profile.write_text(
        reference.replace("[timeouts]\n", "[timeouts]\nscenario_s = 5\n"), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "-m", "sso", "-k",
         "công_dân_đăng_nhập_và_thấy or doanh_nghiệp_đăng_nhập_và_thấy", "--target",
         str(profile), "-o", "timeout_func_only=true", "-p", "tests.suite.slow_scenario", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 failed" in done.stdout, done.stdout
    assert done.stdout.count("Timeout (>5.0s) from pytest-timeout") >= 2, done.stdout
