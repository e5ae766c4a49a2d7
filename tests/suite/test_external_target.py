"""The external path, proven: the reference portal started on its own (``python -m
scripts.serve``, as ``make serve`` does, but on free ports as CI needs), and the suite run
against it through a generated copy of targets/local-external.toml, as if it were someone
else's portal. Everything started here is stopped here."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.target import load_target
from tests.suite.serving import serving

ROOT = Path(__file__).resolve().parents[2]
# Every SSO scenario, and one that submits a dossier with a fee and pays it.
SUBSET = [
    "-m",
    "sso or payment",
    "-k",
    "not id_token and (sso or thanh_toán_ngay_trên_giấy_tiếp_nhận)",
]
# The mocks' control token, as a vendor would share it: serve gives it to the mocks it
# starts, the suite sends it (both read DVC_CONTROL_TOKEN; fixtures/control.py).
ENV = {**os.environ, "DVC_CONTROL_TOKEN": secrets.token_urlsafe(24)}
PAID_ON_RECEIPT = "công_dân_nộp_hồ_sơ_có_lệ_phí_rồi_thanh_toán_ngay_trên_giấy_tiếp_nhận"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``scripts.serve`` on free ports; yields the target profile it wrote."""
    with serving(tmp_path_factory.mktemp("external"), ENV) as profile:
        yield profile


def run_suite(profile: Path, *args: str, results: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--target", str(profile),
         "--alluredir", str(results), "-q", *args],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def test_the_written_profile_is_local_external_on_other_ports(served: Path) -> None:
    written = load_target(str(served))
    original = load_target("local-external")
    assert written.start == "external" and written.pages == original.pages
    assert written.officers == original.officers
    assert set(written.mocks) == set(original.mocks)
    assert written.portal_url != original.portal_url  # free ports, not 8000


def test_the_suite_passes_against_the_separately_started_portal(
    served: Path, tmp_path: Path
) -> None:
    done = run_suite(served, *SUBSET, "-rA", results=tmp_path / "results")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    passed = re.search(r"(\d+) passed", out)
    assert passed and int(passed.group(1)) >= 10, out[-2000:]
    assert PAID_ON_RECEIPT in out, "the submission + payment scenario did not run"
    assert "failed" not in out.splitlines()[-1], out[-2000:]


def test_base_url_points_the_suite_at_another_citizen_url(served: Path, tmp_path: Path) -> None:
    """pytest-playwright's --base-url is the target's citizen URL: the profile's own points
    at a dead port, and the scenario passes through the one --base-url names."""
    written = load_target(str(served))
    dead = tmp_path / "elsewhere.toml"
    dead.write_text(
        served.read_text(encoding="utf-8").replace(
            f'citizen_url = "{written.portal_url}"', 'citizen_url = "http://127.0.0.1:9"'
        ),
        encoding="utf-8",
    )
    assert load_target(str(dead)).portal_url == "http://127.0.0.1:9"
    done = run_suite(
        dead, "-m", "sso", "-k", "công_dân_đăng_nhập_và_thấy", "--base-url", written.portal_url,
        results=tmp_path / "results",
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-3000:]
    assert "1 passed" in out, out[-2000:]
