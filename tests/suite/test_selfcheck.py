"""``make selfcheck`` (scripts/selfcheck.py): the report's shape, the verdict, the exit
rule, and which scenarios a defect's run selects — without running the suite."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from portal.defects import BY_NAME
from scripts import selfcheck
from scripts.selfcheck import Run

FEATURE = "04_xu_ly_va_dong_bo/dong_bo_trang_thai.feature"


def scenario(name: str, outcome: str, feature_file: str = FEATURE) -> dict[str, Any]:
    return {
        "key": f"{feature_file}::{name}",
        "feature": "Đồng bộ",
        "scenario": name,
        "outcome": outcome,
        "seconds": 1.0,
    }


def run(defect: str | None, module: str, **outcomes: str) -> Run:
    """A finished run; node ids carry ``module`` so that only the keys can match runs."""
    result = Run(defect=defect, selectors=[], exit_code=0, seconds=12.3)
    for name, outcome in outcomes.items():
        result.scenarios[f"features/{module}.py::test_{name}"] = scenario(name, outcome)
        if outcome == "failed":
            result.exit_code = 1
    return result


def report_for(healthy: Run, *runs: tuple[str, Run]) -> dict[str, Any]:
    verdicts = [selfcheck.verdict(BY_NAME[name], r, healthy) for name, r in runs]
    return selfcheck.summary(healthy, verdicts, jobs=2, seconds=99.0)


def test_the_report_has_the_shape_of_issue_9() -> None:
    healthy = run(None, "test_checklist", a="passed", b="passed")
    report = report_for(healthy, ("sync_out_of_order", run("x", "test_other", a="failed")))
    assert report["healthy"]["passed"] == 2 and report["healthy"]["failed"] == 0
    (defect,) = report["defects"]
    assert {"name", "area", "detected", "caught_by"} <= defect.keys()
    assert (defect["name"], defect["area"], defect["detected"]) == (
        "sync_out_of_order",
        "sync",
        True,
    )
    assert defect["caught_by"] == ["a"]
    assert (report["detected"], report["total"]) == (1, 1)
    json.dumps(report)  # it is written as JSON as is


def test_a_scenario_red_on_the_healthy_portal_too_catches_nothing() -> None:
    healthy = run(None, "m", a="failed", b="skipped", c="passed")
    report = report_for(healthy, ("sync_out_of_order", run("x", "m", a="failed", b="failed")))
    assert report["defects"][0]["detected"] is False
    assert report["defects"][0]["caught_by"] == []


def test_a_run_where_nothing_ran_is_reported_as_broken() -> None:
    healthy = run(None, "m", a="passed")
    broken = Run(defect="x", selectors=[], exit_code=4)
    report = report_for(healthy, ("sync_out_of_order", broken))
    assert report["defects"][0]["broken_run"] is True
    assert "lần chạy hỏng, mã thoát 4" in selfcheck.markdown(report)


@pytest.mark.parametrize(
    ("healthy_outcomes", "caught", "whole", "ok"),
    [
        ({"a": "passed"}, True, False, True),
        ({"a": "passed", "b": "failed"}, True, False, False),  # healthy not green
        ({"a": "passed", "b": "not run"}, True, False, False),  # healthy not whole
        ({"a": "passed"}, False, False, False),  # a defect not detected
        ({"a": "passed"}, True, True, False),  # the whole catalogue, yet fewer than 30
    ],
)
def test_success_needs_a_green_healthy_run_every_defect_detected_and_30_of_them(
    healthy_outcomes: dict[str, str], caught: bool, whole: bool, ok: bool
) -> None:
    healthy = run(None, "m", **healthy_outcomes)
    defect_run = run("x", "m", a="failed" if caught else "passed")
    report = report_for(healthy, ("sync_out_of_order", defect_run))
    assert selfcheck.succeeded(report, whole_catalogue=whole) is ok


def test_the_tables_name_every_defect_with_its_verdict() -> None:
    healthy = run(None, "m", a="passed")
    report = report_for(
        healthy,
        ("sync_out_of_order", run("x", "m", a="failed")),
        ("sync_wrong_status_code", run("y", "m", a="passed")),
    )
    text = selfcheck.markdown(report)
    assert "| 1 | sync_out_of_order | sync | có |" in text
    assert "| 2 | sync_wrong_status_code | sync | **KHÔNG** |" in text
    assert "**1/2**" in text
    plain = selfcheck.plain_table(report)
    assert "sync_wrong_status_code" in plain and "**" not in plain


class FakeItem:
    def __init__(self, tags: list[str]) -> None:
        self.tags = tags

    def iter_markers(self) -> list[SimpleNamespace]:
        return [SimpleNamespace(name=tag) for tag in self.tags]


@pytest.mark.parametrize(
    ("tags", "place", "expected"),
    [
        (["sync"], (FEATURE, "Mỗi lần đổi trạng thái đến Cổng DVCQG đúng thứ tự"), True),
        (["sync"], (FEATURE, "Đối soát: Cổng DVCQG giữ đúng trạng thái"), False),  # other name
        (["e_result"], (FEATURE, "Mỗi lần đổi trạng thái đến Cổng DVCQG"), False),  # other tag
        (["sync"], ("02_nop_ho_so/nop_ho_so.feature", "Mỗi lần đổi trạng thái"), False),
    ],
)
def test_a_defect_run_selects_its_tags_in_its_places(
    monkeypatch: pytest.MonkeyPatch, tags: list[str], place: tuple[str, str], expected: bool
) -> None:
    monkeypatch.setattr(selfcheck, "scenario_place", lambda item: place)
    chosen = [selfcheck.selector(BY_NAME["sync_out_of_order"])]
    assert selfcheck.selected(FakeItem(tags), chosen) is expected  # type: ignore[arg-type]


def test_the_healthy_run_is_the_union_of_the_defects_selections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen = [selfcheck.selector(BY_NAME[n]) for n in ("sync_out_of_order", "result_unsigned")]
    monkeypatch.setattr(
        selfcheck,
        "scenario_place",
        lambda item: ("05_ket_qua_dien_tu/ket_qua_dien_tu.feature", "Lãnh đạo ký số, cán bộ …"),
    )
    assert selfcheck.selected(FakeItem(["e_result"]), chosen)  # type: ignore[arg-type]
    assert selfcheck.marker_expression(chosen) == "e_result or sync"


def test_the_suite_process_is_given_no_catalogue() -> None:
    """As a pytest plugin the module imports nothing of the portal (the runner does, in main)."""
    source = Path(selfcheck.__file__).read_text(encoding="utf-8")
    top = source.split("def main(")[0]
    imports = [line for line in top.splitlines() if line.lstrip().startswith(("import ", "from "))]
    assert imports and not [line for line in imports if "portal" in line], imports
