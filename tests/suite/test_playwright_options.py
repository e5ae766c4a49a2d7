"""pytest-playwright's options mean what they say: --browser other than chromium and
--browser-channel are refused in one line (the suite drives one Chromium, DVC_CHROMIUM's
or the system's); --base-url is an external target's citizen URL and is refused for the
reference target; and the project's pytest defaults keep the cache provider, so --lf
reruns what failed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.suite.test_preflight import ROOT, error_lines, fast, run_suite  # noqa: F401


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--browser", "firefox"],
            "ERROR: --browser firefox: this suite runs on Chromium only (--browser chromium)",
        ),
        (
            ["--browser", "chromium", "--browser", "webkit"],
            "ERROR: --browser webkit: this suite runs on Chromium only (--browser chromium)",
        ),
        (
            ["--browser-channel", "chrome"],
            "ERROR: --browser-channel chrome: not supported; the suite drives the Chromium that "
            "DVC_CHROMIUM names (or the system's), set DVC_CHROMIUM=/path/to/chrome instead",
        ),
        (
            ["--base-url", "http://127.0.0.1:9"],
            "ERROR: --base-url http://127.0.0.1:9: applies only to an external target (start = "
            "'external'); target reference starts its own portal on a free port",
        ),
    ],
    ids=["firefox", "webkit", "channel", "base-url-for-reference"],
)
def test_an_option_the_suite_cannot_honour_is_refused_in_one_line(
    args: list[str],
    line: str,
    fast: float,  # noqa: F811
) -> None:
    done, seconds = run_suite("-m", "sso", *args)
    assert done.returncode == 4, done.stdout + done.stderr
    assert error_lines(done) == [line]
    assert seconds < fast, f"{seconds:.1f} s (limit {fast:.1f} s)"


def test_base_url_replaces_the_citizen_url_of_an_external_target(tmp_path: Path) -> None:
    """The profile's portal is a dead port; --base-url's portal is what the pre-run check
    asks (a malformed URL is refused in one line, a dead one is named)."""
    local = (ROOT / "targets" / "local-external.toml").read_text(encoding="utf-8")
    profile = tmp_path / "staging.toml"
    profile.write_text(local.replace("127.0.0.1:8000", "127.0.0.1:9"), encoding="utf-8")
    done, _ = run_suite("--target", str(profile), "-m", "sso", "--base-url", "ftp://x")
    assert done.returncode == 4
    assert error_lines(done) == ["ERROR: --base-url: expected an http(s) URL with a host, not 'ftp://x'"]  # fmt: skip
    done, _ = run_suite("--target", str(profile), "-m", "sso", "--base-url", "http://127.0.0.1:7")
    assert done.returncode == 4
    assert error_lines(done) == [
        "ERROR: target local-external: cổng dịch vụ công tại http://127.0.0.1:7/ không kết nối được "
        "(ConnectError)"
    ]


FLIP = """
from pathlib import Path

def test_steady():
    pass

def test_flips():
    assert not (Path(__file__).parent / "broken").exists()
"""


def run_with_project_defaults(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``folder`` with this project's configuration (pyproject.toml's addopts)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(folder), str(folder / "test_flip.py"), *args],
        cwd=folder, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_last_failed_reruns_only_what_failed(tmp_path: Path) -> None:
    (tmp_path / "test_flip.py").write_text(FLIP, encoding="utf-8")
    (tmp_path / "broken").touch()
    first = run_with_project_defaults(tmp_path)
    assert "1 failed, 1 passed" in first.stdout, first.stdout + first.stderr
    again = run_with_project_defaults(tmp_path, "--lf")
    assert "run-last-failure: rerun previous 1 failure" in again.stdout, again.stdout + again.stderr
    assert "1 failed, 1 deselected" in again.stdout, again.stdout
    first_failures = run_with_project_defaults(tmp_path, "--ff", "-v")
    order = re.findall(r"::(test_\w+) (?:PASSED|FAILED)", first_failures.stdout)
    assert order == ["test_flips", "test_steady"], first_failures.stdout
    (tmp_path / "broken").unlink()
    fixed = run_with_project_defaults(tmp_path, "--lf")
    assert "1 passed, 1 deselected" in fixed.stdout, fixed.stdout + fixed.stderr


def test_stepwise_resumes_from_the_test_that_failed(tmp_path: Path) -> None:
    ordered = FLIP.replace("test_steady", "test_before") + "\ndef test_after():\n    pass\n"
    (tmp_path / "test_flip.py").write_text(ordered, encoding="utf-8")
    (tmp_path / "broken").touch()
    stopped = run_with_project_defaults(tmp_path, "--sw", "-v")
    assert "1 failed" in stopped.stdout and "test_after" not in stopped.stdout, stopped.stdout
    (tmp_path / "broken").unlink()
    resumed = run_with_project_defaults(tmp_path, "--sw", "-v")
    ran = re.findall(r"::(test_\w+) PASSED", resumed.stdout)
    assert ran == ["test_flips", "test_after"], resumed.stdout  # not test_before again


def test_pytest_base_url_from_the_environment_is_refused_for_the_reference_target(
    fast: float,  # noqa: F811
) -> None:
    done, _ = run_suite("-m", "sso", env={"PYTEST_BASE_URL": "http://127.0.0.1:9"})
    assert done.returncode == 4
    assert error_lines(done) == [
        "ERROR: --base-url http://127.0.0.1:9: applies only to an external target (start = "
        "'external'); target reference starts its own portal on a free port"
    ]
