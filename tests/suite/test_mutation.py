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


def test_an_edit_elsewhere_leaves_the_draw_alone() -> None:
    def on(line: int, text: str, occurrence: int) -> Mutant:
        return Mutant(f"j{line}", "portal/a.py", line, "core/AddNot", occurrence, text=text)

    before = [on(i + 1, f"x{i}", i) for i in range(300)]
    # a line inserted at the top with a mutant of its own: every line number and occurrence
    # after it shifts by one
    after = [on(1, "new", 0)] + [on(i + 2, f"x{i}", i + 1) for i in range(300)]
    texts = {m.text for m in mutation.sample(before, 20, seed=5)}
    again = {m.text for m in mutation.sample(after, 20, seed=5)}
    assert len(texts - again) <= 1  # at most the one the new mutant displaced


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


def test_only_lines_a_seeded_defect_makes_matter_are_left_out() -> None:
    source = (
        "def f(x, y):\n"  # 1
        "    if x != y and not defects.active('a'):\n"  # 2 healthy: the check itself
        "        raise ValueError\n"  # 3
        "    unchecked = x == 1 and defects.active('b')\n"  # 4 false whatever x is
        "    record = y == 2 or not defects.active('c')\n"  # 5 true whatever y is
        "    if not x or defects.active('d'):\n"  # 6 healthy: `not x` decides
        "        return 0\n"  # 7
        "    return x + y\n"  # 8
    )
    assert mutation.defect_lines(source) == {4, 5}


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
    assert mutation.why_not_drawn(broken, root=tmp_path) == "not Python"
    assert mutation.why_not_drawn(fine, root=tmp_path) is None
    assert "return a + b" in fine.diff
    assert mutation.sample(mul_add, 2, seed=3, valid=lambda m: m is not broken) == [fine]


def test_annotations_never_evaluated_and_signature_markers_are_not_drawn(
    tmp_path: Path,
) -> None:
    (tmp_path / "lazy.py").write_text(
        "from __future__ import annotations\n"
        "def f(a: int | None, *, b: str) -> int | None:\n"
        "    c: list[int | str] = [a | 1]\n"
        "    return a * b\n",
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "eager.py").write_text(
        "def f(a: int | None) -> int | None:\n"
        "    c: list[int | str] = [a]\n"
        "    return c\n",
        encoding="utf-8",
    )  # fmt: skip
    found = mutation.enumerate_mutants(["lazy.py", "eager.py"], tmp_path / "s", root=tmp_path)
    short = {"core/ReplaceBinaryOperator_BitOr_Add": "|", "core/ReplaceBinaryOperator_Mul_Div": "*"}
    why: dict[tuple[str, str, int], list[str | None]] = {}
    for m in found:
        if m.operator in short:
            reason = mutation.why_not_drawn(m, root=tmp_path)
            why.setdefault((m.file, short[m.operator], m.line), []).append(reason)
    never = "an annotation only (never evaluated)"
    marker = "a signature's `*` or `/` (not an operator)"
    assert why == {
        ("lazy.py", "|", 2): [never, never],  # the parameter's and the return's annotation
        ("lazy.py", "|", 3): [never, None],  # the local's annotation; `a | 1` runs
        ("lazy.py", "*", 2): [marker],  # the keyword-only `*` of the signature
        ("lazy.py", "*", 4): [None],  # `a * b`
        # without the __future__ import, a signature's annotations run; a local's never does
        ("eager.py", "|", 1): [None, None],
        ("eager.py", "|", 2): [never],
    }


def test_a_mutant_portal_that_does_not_start_is_killed_other_start_failures_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "tree"
    (copy / "portal/integration").mkdir(parents=True)
    (copy / TIMEFMT).write_text((mutation.ROOT / TIMEFMT).read_text(encoding="utf-8"))
    crash = (
        "! _pytest.outcomes.Exit: reference stack did not start: portal exited with code 1:"
        " File x, line 3 | TypeError: unsupported operand type(s) for +: 'set' and 'set' !\n"
    )
    mock_died = "! _pytest.outcomes.Exit: reference stack did not start: sso exited with code 1\n"
    runs: list[str] = []

    def fake_run(where: Path, path: str, selectors: Any, label: str, *_: Any) -> Run:
        log = tmp_path / f"{label}-{len(runs)}.log"
        log.write_text(runs_text, encoding="utf-8")
        runs.append(label)
        return Run("error", 3, 2.0, log=str(log))

    one = mutation.parse_spec(KILLED, [TIMEFMT])
    runs_text = crash
    verdict = mutation.judge(one, copy, None, 60, run=fake_run)
    assert verdict.outcome == "killed" and len(runs) == 2  # tried twice, as any start failure
    assert verdict.killed_by == [
        "cổng không khởi động được: TypeError: unsupported operand type(s) for +: 'set' and 'set'"
    ]
    runs_text = mock_died
    assert mutation.judge(one, copy, None, 60, run=fake_run).outcome == "error"


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


def test_sigterm_stops_the_run_and_everything_it_started(tmp_path: Path) -> None:
    """make mutation stopped half-way (SIGTERM, as CI or a shell's kill sends) leaves no
    pytest, portal, mock nor browser behind, and says so in one line."""
    import os
    import signal
    import subprocess
    import sys
    import time

    run = subprocess.Popen(
        [sys.executable, "-m", "scripts.mutation", "--files", TIMEFMT, "--mutant", SURVIVES,
         "--no-baseline", "--jobs", "1", "--out", str(tmp_path)],
        cwd=mutation.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip

    def children() -> list[int]:
        found = subprocess.run(
            ["pgrep", "-f", f"{mutation.WORK}/mutant-"], capture_output=True, text=True
        ).stdout.split()
        return [int(pid) for pid in found]

    deadline = time.monotonic() + 120
    while not children():  # the mutant's pytest run has started
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()
        time.sleep(0.2)
    group = os.getpgid(children()[0])
    run.send_signal(signal.SIGTERM)
    try:  # at once: not after the mutant's scenarios have run to their end (~20 s)
        _, err = run.communicate(timeout=8)
    finally:
        run.kill()
        subprocess.run(["pkill", "-9", "-g", str(group)], check=False)
    assert run.returncode == 130
    assert err.strip().splitlines()[-1] == "mutation: interrupted; every run it started is stopped"
    left = subprocess.run(["pgrep", "-g", str(group)], capture_output=True, text=True).stdout
    assert left == "", f"still running in the run's group: {left}"
