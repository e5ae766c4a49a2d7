"""A portal without a test API (profile ``test_api = false``): preconditions go through the
user interface, and the scenarios that inherently need the test API are skipped with their
reason. targets/reference-no-test-api.toml starts the reference portal in dev mode, where
its test routes do not exist at all: a precondition that still went through them fails."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pages.variant
from fixtures.target import ProfileError, load_target

ROOT = Path(__file__).resolve().parents[2]
PROFILE = "reference-no-test-api"
# a citizen and an officer signed in on the login pages; a dossier submitted on the form
# and taken to "Đang xử lý" on the officers' screens; a scenario that moves the clock
SLICE = (
    "cán_bộ_bộ_phận_một_cửa_thấy_hồ_sơ_công_dân_vừa_nộp or lãnh_đạo_dừng_xử_lý "
    "or hạn_trả_kết_quả_của_hồ_sơ_nộp_ngay_trước_tết"
)


def run(
    profile: str | Path, tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, int]]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--target", str(profile), "-p", "no:randomly",
         "-p", "no:cacheprovider", "-q", "-rs", "--basetemp", str(tmp_path / "run"), "-k", SLICE,
         "--alluredir", str(tmp_path / "results")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    tail = done.stdout[-4000:]
    counts = {w: int(n) for n, w in re.findall(r"(\d+) (passed|failed|skipped|errors?)", tail)}
    return done, counts


def test_preconditions_go_through_the_user_interface_and_the_clock_is_skipped(
    tmp_path: Path,
) -> None:
    done, counts = run(PROFILE, tmp_path)
    tail = done.stdout[-4000:]
    assert done.returncode == 0, tail
    assert counts.get("passed") == 2 and counts.get("skipped") == 1, tail
    skips = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skips) == 1, tail
    assert "Chưa kiểm thử: cần dịch chuyển đồng hồ của cổng qua API kiểm thử" in skips[0], skips
    # the skipped scenario is in the results (the compliance summary says "Chưa kiểm thử")
    results = [json.loads(f.read_text()) for f in (tmp_path / "results").glob("*-result.json")]
    skipped = [r for r in results if r["status"] == "skipped"]
    assert [r["name"] for r in skipped] == [
        "Hạn trả kết quả của hồ sơ nộp ngay trước Tết không tính những ngày nghỉ Tết"
    ], [(r["name"], r["status"]) for r in results]
    assert "Chưa kiểm thử: cần dịch chuyển đồng hồ" in skipped[0]["statusDetails"]["message"]


def test_the_same_slice_fails_when_it_relies_on_a_test_api_the_portal_lacks(
    tmp_path: Path,
) -> None:
    """The control: the same portal (no /_test routes) with ``test_api = true`` fails, so
    the run above passed through the user interface, not the test API."""
    profile = (ROOT / "targets" / f"{PROFILE}.toml").read_text(encoding="utf-8")
    assert "test_api = false" in profile
    claimed = tmp_path / "claims-a-test-api.toml"
    claimed.write_text(profile.replace("test_api = false", "test_api = true"), encoding="utf-8")
    done, counts = run(claimed, tmp_path)
    assert done.returncode == 1, done.stdout[-3000:]
    assert counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0) >= 2
    assert "/_test/" in done.stdout and "HTTP 404" in done.stdout, done.stdout[-3000:]


def test_test_api_defaults_to_the_reference_start() -> None:
    assert load_target("reference").test_api is True
    assert load_target(PROFILE).test_api is False
    assert load_target("local-external").test_api is False  # start = "external"


def test_test_api_must_be_a_boolean(tmp_path: Path) -> None:
    text = (ROOT / "targets" / f"{PROFILE}.toml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace("test_api = false", 'test_api = "không"'), encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        load_target(str(wrong))
    assert str(raised.value) == (
        "target profile wrong.toml: test_api: expected true or false, not a string"
    )


def test_a_page_set_without_a_test_api_cannot_claim_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoTestApi:  # a vendor's page set that offers no test API
        def __init__(self, citizen_url: str, officer_url: str) -> None: ...

    monkeypatch.setattr(pages.variant, "PAGE_SET", NoTestApi)
    text = (ROOT / "targets" / "reference.toml").read_text(encoding="utf-8")
    profile = tmp_path / "vendor.toml"
    profile.write_text(text.replace('pages = "reference"', 'pages = "variant"'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"test_api: the page set 'variant' offers no"):
        load_target(str(profile))  # start = "reference": test_api defaults to true
    no_api = profile.read_text(encoding="utf-8").replace(
        'pages = "variant"', 'pages = "variant"\ntest_api = false'
    )
    profile.write_text(no_api, encoding="utf-8")
    assert load_target(str(profile)).test_api is False


def test_make_test_no_test_api_runs_the_whole_suite_with_that_profile() -> None:
    """The make target's command (its profile is run for real above)."""
    done = subprocess.run(
        ["make", "-n", "test-no-test-api", "PYTEST_ARGS=-m sync"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    runs = [line for line in done.stdout.splitlines() if "-m pytest" in line]
    assert len(runs) == 1, done.stdout
    assert f"-m pytest features --target {PROFILE} " in runs[0], runs[0]
    assert runs[0].rstrip().endswith("-m sync"), runs[0]
