"""A run stopped because the target went down: its scenarios are environment problems,
never the service's defects, and the ones not run are neither passed nor failed."""

from __future__ import annotations

from pathlib import Path

from reports.categories import classify, load_categories
from reports.compliance import build_summary
from reports.results import read_results
from tests.reports.factory import write_result

# the messages allure-pytest-bdd writes for fixtures/bounded.py's stop
STOPPED = (
    "fixtures.bounded.TargetDown: Lỗi môi trường: cổng dịch vụ được kiểm thử (portal) tại "
    "http://127.0.0.1:8000/health không trả lời trong 3 giây"
)
NOT_RUN = (
    "Skipped: Không chạy (môi trường): cổng dịch vụ được kiểm thử (portal) tại "
    "http://127.0.0.1:8000/health không trả lời trong 3 giây"
)


def test_a_stopped_scenario_and_the_ones_not_run_are_environment_problems() -> None:
    categories = load_categories()
    for status, message in (("broken", STOPPED), ("skipped", NOT_RUN)):
        category = classify(status, message, categories)
        assert category is not None and category.id == "environment", (status, category)


def test_a_skip_for_a_missing_capability_is_no_environment_problem() -> None:
    category = classify(
        "skipped", "Skipped: Chưa kiểm thử: đích không có API kiểm thử", load_categories()
    )
    assert category is None


def test_scenarios_not_run_count_neither_as_passed_nor_as_failed(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(results, "đã chạy", "passed", items=["sso"])
    write_result(results, "dừng giữa chừng", "broken", items=["sso"], message=STOPPED)
    write_result(results, "không chạy 1", "skipped", items=["payment"], message=NOT_RUN)
    write_result(results, "không chạy 2", "skipped", items=["payment"], message=NOT_RUN)

    summary = build_summary(read_results([results]), out_dir=tmp_path / "out", report_index=None)

    payment = summary["items"]["payment"]
    assert (payment["passed"], payment["failed"], payment["skipped"]) == (0, 0, 2)
    assert payment["verdict"] == "Chưa kiểm thử"
    assert summary["categories"]["Lỗi môi trường"] == 3
    assert summary["categories"]["Lỗi của dịch vụ được kiểm thử"] == 0
    assert [f["category"] for f in summary["failures"]] == ["Lỗi môi trường"]
