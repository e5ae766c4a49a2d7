"""make mutation (scripts/mutation.py): the draw, the verdicts, the report, and two real
mutants run by the e2e suite — one it kills, one it cannot see."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scripts import mutation
from scripts.mutation import Mutant, Run, Verdict

TIMEFMT = "portal/integration/timefmt.py"
# vn_timestamp refuses every aware datetime: no status change reaches the national portal
KILLED = f"{TIMEFMT}:core/ReplaceComparisonOperator_Is_IsNot:0"
# parse_vn_timestamp accepts 15 characters: the portal never calls it (only the unit tests)
SURVIVES = f"{TIMEFMT}:core/NumberReplacer:0"


def mutant(number: int, file: str = TIMEFMT) -> Mutant:
    return Mutant(
        f"job{number}", file, number, "core/AddNot", number, f"-a\n+b{number}", f"{number:08x}"
    )


def test_the_draw_is_fixed_by_the_seed_and_takes_n() -> None:
    population = [mutant(i, f"portal/f{i % 7}.py") for i in range(200)]
    first = mutation.sample(population, 10, seed=1)
    assert len(first) == 10
    assert first == mutation.sample(list(reversed(population)), 10, seed=1)
    assert first != mutation.sample(population, 10, seed=2)
    assert len(mutation.sample(population[:3], 10, seed=1)) == 3


def test_the_scope_is_services_routes_integration_without_the_test_mode() -> None:
    files = mutation.modules()
    assert "portal/services/payments.py" in files
    assert "portal/routes/officer.py" in files
    assert "portal/integration/outbox.py" in files
    for left_out in ("portal/routes/testing.py", "portal/defects.py", "portal/app.py"):
        assert left_out not in files
    # every selection names a mutated file (a renamed file must not fall back silently)
    assert set(mutation.SELECTIONS) <= set(files)


def test_the_seeded_defect_branches_are_not_mutated_but_their_else_is() -> None:
    source = (
        "def f(x):\n"  # 1
        "    if x and defects.active('a'):\n"  # 2
        "        return 1\n"  # 3
        "    else:\n"  # 4
        "        y = x + 1\n"  # 5
        "    z = 2 if defects.active('b') else 3\n"  # 6
        "    return y + z\n"  # 7
    )
    assert mutation.defect_lines(source) == {2, 3, 6}


def test_cosmic_ray_lists_the_mutants_of_a_file_and_applies_one(tmp_path: Path) -> None:
    found = mutation.enumerate_mutants([TIMEFMT], tmp_path / "session.sqlite")
    specs = {m.spec for m in found}
    assert {KILLED, SURVIVES} <= specs
    one = next(m for m in found if m.spec == KILLED)
    source = (mutation.ROOT / TIMEFMT).read_text(encoding="utf-8")
    mutation.describe(one, source, mutation.mutate(source, one))
    assert "+    if dt.tzinfo is not None or dt.utcoffset() is None:" in one.diff.splitlines()
    assert len(one.id) == 8


def test_a_mutant_that_is_not_python_is_never_drawn(tmp_path: Path) -> None:
    # Cosmic Ray turns the keyword-only `*` into `+`, `&`, `>>`...: not Python at all
    (tmp_path / "m.py").write_text("def f(a, *, b):\n    return a * b\n", encoding="utf-8")
    found = mutation.enumerate_mutants(["m.py"], tmp_path / "s.sqlite", root=tmp_path)
    mul_add = [m for m in found if m.operator == "core/ReplaceBinaryOperator_Mul_Add"]
    assert len(mul_add) == 2
    broken, fine = mul_add
    assert not mutation.is_python(broken, root=tmp_path)
    assert mutation.is_python(fine, root=tmp_path)
    assert "return a + b" in fine.diff
    assert mutation.sample(mul_add, 2, seed=3, valid=lambda m: m is not broken) == [fine]


def test_a_mutant_is_written_in_the_copy_for_the_run_only(tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    (copy / "portal/integration").mkdir(parents=True)
    original = (mutation.ROOT / TIMEFMT).read_text(encoding="utf-8")
    (copy / TIMEFMT).write_text(original, encoding="utf-8")
    one = mutation.parse_spec(KILLED, [TIMEFMT])
    one.id = "00000001"
    seen: dict[str, Any] = {}

    def fake_run(where: Path, path: str, selectors: Any, label: str, *_: Any) -> Run:
        seen["text"] = (where / TIMEFMT).read_text(encoding="utf-8")
        seen["selectors"] = selectors
        return Run("failed", 1, 1.0, failed=["Kịch bản đỏ"])

    verdict = mutation.judge(one, copy, None, 60, run=fake_run)
    assert verdict.outcome == "killed"
    assert verdict.killed_by == ["Kịch bản đỏ"]
    assert "dt.tzinfo is not None" in seen["text"]
    assert seen["selectors"] == mutation.SELECTIONS[TIMEFMT]
    assert (copy / TIMEFMT).read_text(encoding="utf-8") == original
    assert (mutation.ROOT / TIMEFMT).read_text(encoding="utf-8") == original


def test_the_report_sets_equivalents_apart_and_counts_timeouts_as_killed() -> None:
    verdicts = [
        Verdict(mutant(1), "killed", 10, ["A"]),
        Verdict(mutant(2), "killed", 10, ["B"]),
        Verdict(mutant(3), "timeout", 99),
        Verdict(mutant(4), "survived", 50),
        Verdict(mutant(5), "equivalent", 50, reason="dead code"),
        Verdict(mutant(6), "error", 0),
    ]
    report = mutation.summary(verdicts, seed=1, jobs=2, seconds=300, total=5000)
    for key in ("sampled", "killed", "survived", "timeout", "equivalent", "kill_rate",
                "survivors", "duration_s"):  # fmt: skip
        assert key in report
    assert (report["sampled"], report["killed"], report["survived"]) == (6, 2, 1)
    assert (report["timeout"], report["equivalent"], report["errors"]) == (1, 1, 1)
    assert report["kill_rate"] == 0.75  # (2 + 1) / 4: equivalent and error set apart
    assert [s["id"] for s in report["survivors"]] == [mutant(4).id]
    assert set(report["survivors"][0]) >= {"file", "line", "operator", "diff"}
    assert report["equivalents"][0]["reason"] == "dead code"
    table = mutation.markdown(report)
    assert "75%" in table and table.count("\n| ") == 7  # the header + 6 mutants


def test_the_equivalent_list_is_read_by_id(tmp_path: Path) -> None:
    listing = tmp_path / "eq.md"
    listing.write_text(
        "# x\n\n| id | where | operator | change | reason |\n|---|---|---|---|---|\n"
        "| `0badc0de` | a.py:3 | core/AddNot | `if not x` | never reached by the portal |\n",
        encoding="utf-8",
    )
    assert mutation.equivalents(listing) == {"0badc0de": "never reached by the portal"}
    assert all(len(k) == 8 for k in mutation.equivalents())  # the project's own list parses


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--files", "portal/defects.py"], "not a mutated file: portal/defects.py"),
        (["--n", "0"], "--n and --jobs must be at least 1"),
        (["--mutant", "nonsense"], "expected FILE:OPERATOR:OCCURRENCE"),
        (["--mutant", f"{TIMEFMT}:core/Nope:0"], "unknown Cosmic Ray operator: core/Nope"),
        (["--mutant", f"{TIMEFMT}:core/AddNot:99"], "Cosmic Ray makes no such mutation"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(mutation, "WORK", tmp_path)
    monkeypatch.setattr(mutation, "modules", lambda: [TIMEFMT])
    assert mutation.main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_the_suite_kills_one_real_mutant_and_not_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two mutants run by the real suite in a copy: the sync scenario kills the broken
    timestamp and cannot see the parser the portal never calls."""
    narrow = [{"tags": ["sync"], "where": [
        "04_xu_ly_va_dong_bo/dong_bo_trang_thai.feature::Mỗi lần đổi trạng thái"]}]  # fmt: skip
    monkeypatch.setitem(mutation.SELECTIONS, TIMEFMT, narrow)
    monkeypatch.setattr(mutation, "WORK", tmp_path / "work")
    monkeypatch.setattr(mutation, "EQUIVALENT_LIST", tmp_path / "none.md")
    before = (mutation.ROOT / TIMEFMT).read_text(encoding="utf-8")
    code = mutation.main([
        "--files", TIMEFMT, "--mutant", KILLED, "--mutant", SURVIVES, "--jobs", "1",
        "--no-baseline", "--min-timeout", "600", "--out", str(tmp_path),
    ])  # fmt: skip
    report = json.loads((tmp_path / "mutation.json").read_text(encoding="utf-8"))
    outcomes = {m["line"]: m for m in report["mutants"]}
    assert outcomes[14]["outcome"] == "killed", outcomes[14]["log"]
    assert outcomes[14]["killed_by"]
    assert outcomes[21]["outcome"] == "survived", outcomes[21]["log"]
    assert [s["line"] for s in report["survivors"]] == [21]
    assert report["kill_rate"] == 0.5 and code == 1  # under the 80 % bar
    assert (mutation.ROOT / TIMEFMT).read_text(encoding="utf-8") == before
    assert "mutation.json" in capsys.readouterr().out


def test_make_mutation_passes_n_seed_and_jobs() -> None:
    import subprocess

    shown = subprocess.run(
        ["make", "-n", "mutation", "N=3", "SEED=7", "JOBS=1"],
        cwd=mutation.ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "-m scripts.mutation --n 3 --seed 7 --jobs 1" in shown
    default = subprocess.run(
        ["make", "-n", "mutation"], cwd=mutation.ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-m scripts.mutation --n 100 --seed 1 --jobs 2" in default
    passed_on = subprocess.run(
        ["make", "-n", "mutation", "MUTATION_ARGS=--files portal/services/payments.py"],
        cwd=mutation.ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "--jobs 2 --files portal/services/payments.py" in passed_on


def test_the_exit_code_bar_and_the_time_limit() -> None:
    assert mutation.good_enough(0.8, 0.8) and not mutation.good_enough(0.79, 0.8)
    assert not mutation.good_enough(None, 0.0)  # nothing judged is not a pass
    assert mutation.time_limit(None, 180, 3) == 180
    assert mutation.time_limit(Run("passed", 0, 100.0), 180, 3) == 300
    assert mutation.time_limit(Run("passed", 0, 10.0), 180, 3) == 180
