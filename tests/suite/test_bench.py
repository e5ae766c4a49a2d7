"""``make bench`` (scripts/bench.py): the statistics and the shape of bench.json, from
canned outcome files; and benchmarks/bare_flow.py is a well-formed flow. No browser."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from fixtures.procedures import choose, load_procedures
from scripts import bench
from scripts import outcomes as outcome_plugin

KEYS = {
    "scenarios", "wall_s", "median_scenario_s", "p95_scenario_s", "slowest",
    "bare_flow_s", "suite_flow_s", "overhead_ratio", "targets", "machine", "date", "command",
}  # fmt: skip
MACHINE = {"cores": 2, "load_avg_before": [0.5, 0.4, 0.3]}
BARE = {"runs_s": [0.9, 1.0, 1.1, 1.0, 1.0], "warmup_s": [1.5], "median_s": 1.0, "browser": "x"}
# The flow scenario alone, repeated (step 4 of scripts/bench.py).
FLOW = {"runs_s": [1.1, 1.3, 1.2, 1.2, 1.0], "warmup_s": [4.0], "median_s": 1.2}


def canned(seconds: list[float], *, flow_s: float = 1.1, failed: int = 0) -> dict[str, Any]:
    """An outcomes file as scripts.outcomes writes it: ``len(seconds)`` passed scenarios,
    the flow scenario, ``failed`` failed ones and one skipped."""
    scenarios = {
        f"features/test_checklist.py::test_s{i}": {
            "feature": "Tính năng A",
            "scenario": f"Kịch bản {i}",
            "outcome": "passed",
            "seconds": s,
        }
        for i, s in enumerate(seconds)
    }
    scenarios["features/test_checklist.py::test_flow"] = {
        "feature": "Thanh toán phí, lệ phí trực tuyến qua nền tảng thanh toán",
        "scenario": bench.FLOW_SCENARIO,
        "outcome": "passed",
        "seconds": flow_s,
    }
    for i in range(failed):
        scenarios[f"features/test_checklist.py::test_f{i}"] = {
            "feature": "Tính năng B",
            "scenario": f"Hỏng {i}",
            "outcome": "failed",
            "seconds": 2.0,
        }
    scenarios["features/test_checklist.py::test_skip"] = {
        "feature": "Tính năng C",
        "scenario": "Bỏ qua",
        "outcome": "skipped",
        "seconds": 0.01,
    }
    return {"exit_status": 1 if failed else 0, "scenarios": scenarios}


def summarize(
    scenarios: dict[str, Any], wall_s: float = 60.0, bare: Any = BARE, flow: Any = FLOW
) -> dict[str, Any]:
    return bench.summarize(
        scenarios,
        wall_s=wall_s,
        bare=bare,
        flow=flow,
        machine=MACHINE,
        command={"suite": "pytest"},
        date="d",
    )


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([5.0], 0.95, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),
        (list(range(1, 101)), 0.95, 95),
        (list(range(1, 86)), 0.95, 81),  # 85 scenarios: the 81st fastest
        ([3.0, 1.0, 2.0], 1.0, 3.0),
    ],
)
def test_p95_is_the_nearest_rank_percentile(
    values: list[float], share: float, expected: float
) -> None:
    assert bench.percentile(values, share) == expected


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        bench.percentile([], 0.95)


def test_bench_json_has_the_issue_keys_and_the_statistics(tmp_path: Path) -> None:
    seconds = [0.5, 0.7, 0.6, 3.0, 0.8, 0.9, 0.4, 0.65, 0.55, 0.75, 0.85, 2.5]
    path = tmp_path / "outcomes.json"
    path.write_text(json.dumps(canned(seconds, flow_s=1.4)), encoding="utf-8")
    result = summarize(outcome_plugin.read(path))

    assert set(result) >= KEYS
    ran = sorted([*seconds, 1.4])
    assert result["scenarios"] == 13  # the skipped one does not count
    assert result["median_scenario_s"] == 0.75
    assert result["p95_scenario_s"] == 3.0  # rank ceil(0.95 × 13) = 13
    assert [e["seconds"] for e in result["slowest"]] == sorted(ran, reverse=True)[:10]
    assert result["slowest"][0] == {
        "feature": "Tính năng A",
        "scenario": "Kịch bản 3",
        "seconds": 3.0,
    }
    # the ratio is of the two medians of warm runs; the run's own sample is kept beside it
    assert (result["suite_flow_s"], result["bare_flow_s"], result["overhead_ratio"]) == (
        1.2,
        1.0,
        1.2,
    )
    assert result["suite_flow_in_run_s"] == 1.4
    assert result["suite_flow_runs_s"] == FLOW["runs_s"]
    assert result["outcomes"] == {"passed": 13, "skipped": 1}
    assert result["machine"] == MACHINE
    json.dumps(result)  # it is written as JSON


def test_each_target_says_its_limit_its_value_and_whether_it_is_met() -> None:
    flow = {**FLOW, "median_s": 1.1}
    good = summarize(canned([0.5] * 85)["scenarios"], wall_s=80.0, flow=flow)["targets"]
    assert good == {
        "scenarios": {"min": 80, "value": 86, "met": True},
        "wall_s": {"max": 90.0, "value": 80.0, "met": True},
        "median_scenario_s": {"max": 1.0, "value": 0.5, "met": True},
        "overhead_ratio": {"max": 1.2, "value": 1.1, "met": True},
    }
    flow = {**FLOW, "median_s": 1.3}
    bad = summarize(canned([1.5] * 10)["scenarios"], wall_s=95.0, flow=flow)["targets"]
    assert {key: t["met"] for key, t in bad.items()} == {
        "scenarios": False,
        "wall_s": False,
        "median_scenario_s": False,
        "overhead_ratio": False,
    }


def test_without_the_bare_flow_or_the_flow_scenario_there_is_no_ratio() -> None:
    without_bare = summarize(canned([0.5] * 85)["scenarios"], bare=None)
    assert (without_bare["bare_flow_s"], without_bare["overhead_ratio"]) == (None, None)
    assert without_bare["targets"]["overhead_ratio"]["met"] is False
    scenarios = canned([0.5] * 85)["scenarios"]
    scenarios["features/test_checklist.py::test_flow"]["outcome"] = "failed"
    assert bench.flow_nodeid(scenarios) is None  # so step 4 does not run
    failed_flow = summarize(scenarios, flow=None)
    assert (failed_flow["suite_flow_s"], failed_flow["overhead_ratio"]) == (None, None)
    assert failed_flow["suite_flow_in_run_s"] is None


def repetitions(seconds: list[float], *, failed: int | None = None) -> dict[str, Any]:
    """Step 4's outcomes: pytest-repeat's node ids, listed out of order."""
    count = len(seconds)
    scenarios = {
        f"features/test_checklist.py::test_flow[{i + 1}-{count}]": {
            "feature": "F",
            "scenario": bench.FLOW_SCENARIO,
            "outcome": "failed" if i == failed else "passed",
            "seconds": s,
        }
        for i, s in enumerate(seconds)
    }
    return dict(reversed(list(scenarios.items())))


def test_the_repeated_flow_drops_the_first_and_last_run_and_takes_the_median() -> None:
    """The first run carries the session's start, the last its end (servers stopped)."""
    flow = bench.repeated_flow(repetitions([5.0, 1.1, 0.9, 1.3, 1.0, 1.2, 1.9]))
    assert flow == {
        "warmup_s": [5.0],
        "last_s": 1.9,
        "runs_s": [1.1, 0.9, 1.3, 1.0, 1.2],
        "median_s": 1.1,
    }
    assert bench.repeated_flow(repetitions([5.0, 1.1, 0.9], failed=2)) is None
    assert bench.repeated_flow(repetitions([5.0, 1.9])) is None  # nothing timed
    assert bench.repeated_flow(canned([0.5])["scenarios"]) is None  # not repetitions


@pytest.mark.parametrize(
    ("suite", "report", "bare", "seconds", "check", "expected"),
    [
        (0, 0, BARE, [0.5] * 85, False, 0),
        (0, 0, BARE, [0.5] * 85, True, 0),  # every target met
        (0, 0, BARE, [1.5] * 85, False, 0),  # a missed target fails only with --check
        (0, 0, BARE, [1.5] * 85, True, 1),
        (1, 0, BARE, [0.5] * 85, False, 1),  # a scenario failed
        (0, 1, BARE, [0.5] * 85, False, 1),  # the report failed
        (0, 0, None, [0.5] * 85, False, 1),  # the bare flow failed
        (0, 0, BARE, [0.5] * 85, "no flow", 1),  # the flow scenario alone failed
    ],
)
def test_exit_code(
    suite: int, report: int, bare: Any, seconds: list[float], check: Any, expected: int
) -> None:
    flow = None if check == "no flow" else FLOW
    result = summarize(canned(seconds)["scenarios"], bare=bare, flow=flow)
    check = check is True
    assert (
        bench.exit_code(result, suite_status=suite, report_status=report, check=check) == expected
    )


def test_main_times_suite_and_report_then_runs_bare_and_suite_flow_side_by_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One invocation: suite, report, then rounds of the bare flow and the flow scenario
    alone in ABBA order; the ratio of the pooled medians; bench.json written."""
    calls: list[str] = []
    flow_rounds = iter(
        [[4.0, 1.2, 1.1, 1.3, 2.0], [4.0, 1.4, 1.3, 1.5, 2.0], [4.0, 1.2, 1.2, 1.2, 2.0]]
    )
    bare_rounds = iter([[0.9, 1.0, 1.1], [1.2, 1.1, 1.2], [1.0, 0.9, 1.0]])

    def fake_run(command: list[str], log: Path) -> int:
        out = Path(command[command.index("--outcomes-out") + 1]) if "pytest" in command else None
        if out is not None and "--count" in command:
            calls.append("flow")
            assert command[3] == "features/test_checklist.py::test_flow"
            assert command[command.index("--count") + 1] == "5"  # warm-up, 3 timed, last
            assert "-n" not in command  # alone, not beside another scenario
            out.write_text(
                json.dumps({"scenarios": repetitions(next(flow_rounds))}), encoding="utf-8"
            )
            return 0
        calls.append(command[2])
        if out is not None:
            assert {"-p", "scripts.outcomes", "-n", "2"} <= set(command)
            out.write_text(json.dumps(canned([0.5] * 85, failed=1)), encoding="utf-8")
            return 1
        return 0

    def fake_bare(runs: int, log: Path) -> dict[str, Any]:
        assert runs == 3
        calls.append("bare")
        runs_s = next(bare_rounds)
        return {"runs_s": runs_s, "warmup_s": [1.5], "median_s": sorted(runs_s)[1]}

    monkeypatch.setattr(bench, "WORK", tmp_path / "work")
    monkeypatch.setattr(bench, "run_logged", fake_run)
    monkeypatch.setattr(bench, "run_bare_flow", fake_bare)
    out = tmp_path / "bench.json"
    status = bench.main(["--out", str(out), "--results", str(tmp_path / "r"), "--pytest-args=-n 2"])

    assert calls == ["pytest", "reports.build", "bare", "flow", "flow", "bare", "bare", "flow"]
    assert status == 1  # a scenario failed
    written = json.loads(out.read_text(encoding="utf-8"))
    # medians of the 9 timed runs of each: 1.2 (flow) and 1.0 (bare)
    assert (written["suite_flow_s"], written["bare_flow_s"], written["overhead_ratio"]) == (
        1.2,
        1.0,
        1.2,
    )
    assert written["suite_flow_round_medians_s"] == [1.2, 1.4, 1.2]
    assert written["bare_flow_round_medians_s"] == [1.0, 1.2, 1.0]
    assert len(written["suite_flow_runs_s"]) == len(written["bare_flow_runs_s"]) == 9
    assert set(written) >= KEYS and written["outcomes"] == {"passed": 86, "failed": 1, "skipped": 1}
    assert "features/test_checklist.py" in written["command"]["suite"]
    assert "--count 5" in written["command"]["suite_flow"]
    assert "overhead" in capsys.readouterr().out


def test_rounds_are_pooled_and_one_failed_round_fails_them_all() -> None:
    rounds = [
        {"runs_s": [1.0, 3.0], "median_s": 2.0},
        {"runs_s": [1.1, 1.2, 1.3], "median_s": 1.2},
    ]
    assert bench.pooled(rounds) == {
        "runs_s": [1.0, 3.0, 1.1, 1.2, 1.3],
        "median_s": 1.2,
        "round_medians_s": [2.0, 1.2],
    }
    assert bench.pooled([rounds[0], None]) is None
    assert bench.pooled([]) is None


def test_the_ratio_is_not_rounded_into_the_target() -> None:
    """1.201 misses a 1.2 target (two decimals would have made it 1.2 and met it)."""
    flow = {**FLOW, "median_s": 1.201}
    result = summarize(canned([0.5] * 85)["scenarios"], flow=flow)
    assert result["overhead_ratio"] == 1.201
    assert result["targets"]["overhead_ratio"]["met"] is False


def test_bare_flow_is_a_plain_playwright_flow_without_the_suite_machinery() -> None:
    from benchmarks import bare_flow

    parameters = list(inspect.signature(bare_flow.submit_and_pay).parameters)
    assert parameters == ["browser", "stack", "control", "procedure", "pdf", "fake"]
    source = inspect.getsource(bare_flow)
    for machinery in ("import pytest", "pytest_bdd", "allure", "from steps", "from pages"):
        assert machinery not in source
    for check in (
        "/_test/sessions",
        "Chưa thanh toán",
        "Đã thanh toán",
        "Mã giao dịch",
        "context.close()",
    ):
        assert check in source
    assert bare_flow.money(bare_flow.FEE) == "200.000 đồng"
    feature = Path(bench.ROOT, "features/03_thanh_toan/thanh_toan.feature").read_text(
        encoding="utf-8"
    )
    assert f"Kịch bản: {bench.FLOW_SCENARIO}\n" in feature
    # the feature takes the target's first procedure with a fee: the reference target's is
    # the one the bare flow submits
    assert feature.startswith("# language: vi\n@payment @co_le_phi\n"), feature[:60]
    fee = choose(load_procedures(), {"co_le_phi"})
    assert fee is not None and fee.code == bare_flow.PROCEDURE, fee
    assert f'qua "{bare_flow.CHANNEL}"' in feature
