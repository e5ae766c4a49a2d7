"""The target's procedures (fixtures/target_procedures.py): the profile's ``procedures``
folder, ``--procedure CODE``, scenarios expanded over the procedures or taking one by its
traits, and no procedure code in the features."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from fixtures.target import ProfileError, load_target
from tests.suite.test_preflight import ROOT, error_lines, run_suite

REFERENCE = (ROOT / "targets" / "reference.toml").read_text(encoding="utf-8")
CODES = ("1.001193", "1.012877", "2.000488")
FEE = "2.000488"


def profile(tmp_path: Path, folder: str, files: tuple[str, ...] = ()) -> Path:
    """The reference profile in ``tmp_path``, its procedures in ``tmp_path/folder``, a copy
    of the repository's procedure files whose names contain one of ``files``."""
    if files:
        (tmp_path / folder).mkdir(parents=True)
        for path in (ROOT / "procedures").glob("*.toml"):
            if any(part in path.name for part in files):
                shutil.copy(path, tmp_path / folder / path.name)
    text = REFERENCE.replace('# procedures = "../procedures"', f'procedures = "{folder}"')
    assert text != REFERENCE
    written = tmp_path / "dich.toml"
    written.write_text(text, encoding="utf-8")
    return written


def collected(done: object) -> list[str]:
    return [line for line in getattr(done, "stdout", "").splitlines() if "::" in line]


def test_the_profile_names_its_procedure_folder_relative_to_itself(tmp_path: Path) -> None:
    target = load_target(str(profile(tmp_path, "thu-tuc", ("ly_lich",))))
    assert list(target.procedures) == [FEE]
    assert target.procedures_dir == (tmp_path / "thu-tuc").resolve()
    # the reference portal is started with the same files
    assert target.portal_env["PORTAL_PROCEDURES_DIR"] == str(target.procedures_dir)
    assert sorted(load_target("reference").procedures) == list(CODES)


@pytest.mark.parametrize(
    ("folder", "files", "says"),
    [
        ("khong-co", (), "procedures: no such folder"),
        ("rong", ("khong-khop",), "procedures: .*rong: holds no procedure file"),
    ],
)
def test_a_wrong_procedure_folder_is_one_line(
    tmp_path: Path, folder: str, files: tuple[str, ...], says: str
) -> None:
    if files:
        (tmp_path / folder).mkdir()
    with pytest.raises(ProfileError, match=f"^target profile dich.toml: {says}"):
        load_target(str(profile(tmp_path, folder)))


def test_a_broken_procedure_file_is_one_line_and_exit_4(tmp_path: Path) -> None:
    path = profile(tmp_path, "thu-tuc", ("ly_lich",))
    broken = next((tmp_path / "thu-tuc").glob("*.toml"))
    broken.write_text(broken.read_text("utf-8").replace("processing_days = 10", ""), "utf-8")
    done, _ = run_suite("--target", str(path), "--collect-only", "-q")
    out = done.stdout + done.stderr
    assert done.returncode == 4, out
    assert "Traceback" not in out, out
    assert error_lines(done) == [
        f"ERROR: target profile dich.toml: procedures: {broken.name}: missing key 'processing_days'"
    ]


def test_an_unknown_procedure_code_is_one_line_naming_the_known_ones() -> None:
    done, _ = run_suite("--procedure", "9.999999", "--collect-only", "-q")
    assert done.returncode == 4, done.stdout + done.stderr
    assert error_lines(done) == [
        "ERROR: --procedure 9.999999: the target has no such procedure; known: "
        f"{', '.join(CODES)} (target reference)"
    ]


def test_every_procedure_gets_processing_sync_and_e_result_scenarios() -> None:
    done, _ = run_suite("--collect-only", "-q", "-m", "processing or sync or e_result")
    ids = collected(done)
    for code in CODES:
        own = [i for i in ids if i.endswith(f"[{code}]")]
        assert len(own) >= 5, (
            f"{code}: {own}"
        )  # receive, appraise+approve, due date, sync, e-result
    assert any("tiếp_nhận_hồ_sơ_mới_nộp[1.012877]" in i for i in ids), ids


def test_procedure_narrows_the_run_to_that_procedure() -> None:
    done, _ = run_suite("--procedure", FEE, "--collect-only", "-q", "-m", "submission or payment")
    assert done.returncode == 0, done.stdout + done.stderr
    ids = collected(done)
    expanded = [i for i in ids if re.search(r"\[\d\.\d{6}\]$", i)]
    assert expanded and all(i.endswith(f"[{FEE}]") for i in expanded), expanded
    # the free-procedure scenario has no procedure to take among those chosen: deselected
    assert not any("miễn_phí" in i for i in ids), ids
    assert "deselected" in done.stdout
    everything, _ = run_suite("--collect-only", "-q", "-m", "submission or payment")
    assert any("miễn_phí" in i for i in collected(everything))


def test_a_scenario_whose_trait_the_target_lacks_is_skipped_with_the_reason(
    tmp_path: Path,
) -> None:
    path = profile(tmp_path, "thu-tuc", ("ly_lich",))  # only the procedure with a fee
    results = tmp_path / "results"
    done, _ = run_suite(
        "--target", str(path), "-m", "payment", "-k", "miễn_phí", "-rs", "-q",
        f"--alluredir={results}",
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "1 skipped" in out, out
    reason = "Chưa kiểm thử: đích kiểm thử không có thủ tục miễn phí"
    assert reason in out, out
    # in the report too (skipped where it starts), so the summary says "Chưa kiểm thử"
    written = [json.loads(f.read_text()) for f in results.glob("*-result.json")]
    assert [(r["status"], reason in r["statusDetails"]["message"]) for r in written] == [
        ("skipped", True)
    ], written


def test_no_feature_names_a_procedure_code() -> None:
    code = re.compile(r"\b[12]\.\d{6}\b")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "features").rglob("*.feature"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if code.search(line)
    ]
    assert found == [], found


def test_dash_m_tthc_selects_the_scenarios_that_take_that_procedure() -> None:
    done, _ = run_suite("-m", f"tthc_{FEE}", "--collect-only", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    ids = collected(done)
    assert any(i.endswith(f"[{FEE}]") for i in ids), ids  # expanded over every procedure
    assert any("đủ_lệ_phí" in i or "lệ_phí" in i for i in ids if "[" not in i), ids  # @co_le_phi
    assert not any(i.endswith(("[1.001193]", "[1.012877]")) for i in ids), ids
