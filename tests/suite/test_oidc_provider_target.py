"""The worked example "a real identity provider" (targets/reference-oidc-provider.toml):
the reference portal signs citizens in through npm oidc-provider, an OpenID provider we
did not write, with fixed test accounts whose claims come in the provider's own formats.
Every SSO scenario that does not need our mock passes through the provider's own pages;
the rest are skipped with their reason, never failed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.target import ProfileError, load_target

ROOT = Path(__file__).resolve().parents[2]
PROFILE = "reference-oidc-provider"


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--target", PROFILE, "-p", "no:randomly",
         "-q", "-rs", "--basetemp", str(tmp_path / "run"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_every_sso_scenario_runs_against_oidc_provider_or_says_why_not(tmp_path: Path) -> None:
    done = run("-m", "sso", tmp_path=tmp_path)
    tail = done.stdout[-3000:]
    assert done.returncode == 0, tail
    counts = dict(
        (word, int(n)) for n, word in re.findall(r"(\d+) (passed|failed|skipped|error)", tail)
    )
    assert counts.get("failed", 0) == 0 and counts.get("error", 0) == 0, tail
    # sign-in, business sign-in, deep link, prefill, sign-out, session expiry, stolen
    # callback, cancel at the provider (8 as of this writing)
    assert counts.get("passed", 0) >= 8, tail
    skips = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert counts.get("skipped", 0) >= 1 and skips, tail
    for line in skips:
        assert "Chưa kiểm thử: cần hệ thống định danh mô phỏng" in line, line


def test_the_provider_s_login_page_is_what_the_citizen_goes_through(tmp_path: Path) -> None:
    """The adapter is no formality: with the mock's login pages, sign-in cannot work."""
    profile = (ROOT / "targets" / f"{PROFILE}.toml").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong-pages.toml"
    wrong.write_text(
        profile.replace('login_pages = "pages.oidc_provider"', 'login_pages = "pages.sso.login"'),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--target", str(wrong), "-p", "no:randomly",
         "-q", "--basetemp", str(tmp_path / "run"), "-m", "sso", "-k", "thấy_thông_tin_định_danh"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout[-2000:]
    assert "trang đăng nhập của hệ thống định danh" in done.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "external"', 'kind = "thật"'), "kind must be 'mock' or 'external'"),
        (('launch = "oidc-provider"', 'launch = "keycloak"'), "launch must be one of"),
        (('login_pages = "pages.oidc_provider"', 'login_pages = "pages.khong_co"'),
         "login_pages 'pages.khong_co' unusable"),
        (('client_id = "dvc-portal"', 'client_ids = "dvc-portal"'), "unknown key(s) client_ids"),
        (('password = "Binh@thu-nghiem-2025"', 'password_env = "DVC_TEST_UNSET_VAR"'),
         "DVC_TEST_UNSET_VAR (password_env) is not set"),
    ],
)  # fmt: skip
def test_a_wrong_sso_section_is_one_clear_error(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    profile = (ROOT / "targets" / f"{PROFILE}.toml").read_text(encoding="utf-8")
    assert change[0] in profile
    path = tmp_path / "bad.toml"
    path.write_text(profile.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_target(str(path))
