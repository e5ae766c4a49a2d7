"""The compliance summary from hand-made results: counts, retries, verdicts, links."""

from __future__ import annotations

from pathlib import Path

from reports.compliance import build_summary
from reports.results import read_results
from tests.reports.factory import write_environment, write_result

ALL_ITEMS = ("sso", "submission", "payment", "processing", "sync", "e_result")


def summary_of(*folders: Path, report: Path | None = None) -> dict:
    out = folders[0].parent / "compliance"
    return build_summary(read_results(list(folders)), out_dir=out, report_index=report)


def test_every_status_is_counted_and_broken_counts_as_failed(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(results, "Đăng nhập được", "passed")
    write_result(results, "Đăng xuất được", "failed", message="AssertionError: còn phiên")
    write_result(results, "Lỗi hạ tầng", "broken", message="httpx.ConnectError: refused")
    write_result(results, "Bỏ qua", "skipped")

    sso = summary_of(results)["items"]["sso"]

    assert (sso["passed"], sso["failed"], sso["broken"], sso["skipped"]) == (1, 2, 1, 1)
    assert sso["verdict"] == "Không đạt"


def test_verdicts_of_an_item_passed_failed_untested(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(results, "a", "passed", items=["sso"])
    write_result(results, "b", "passed", items=["payment"])
    write_result(results, "c", "broken", items=["payment"], message="NameError: x")
    write_result(results, "d", "skipped", items=["sync"])

    items = summary_of(results)["items"]

    assert items["sso"]["verdict"] == "Đạt"
    assert items["payment"]["verdict"] == "Không đạt"
    assert items["sync"]["verdict"] == "Chưa kiểm thử"  # only skipped
    assert items["e_result"]["verdict"] == "Chưa kiểm thử"  # nothing ran
    assert set(items) == set(ALL_ITEMS)


def test_overall_passes_only_when_every_item_has_a_pass_and_no_failure(tmp_path: Path) -> None:
    results = tmp_path / "results"
    for key in ALL_ITEMS:
        write_result(results, f"kịch bản {key}", "passed", items=[key])
    write_result(results, "an toàn", "failed", items=["security"], message="AssertionError")

    summary = summary_of(results)
    assert summary["overall"] == "Đạt"  # beyond the checklist: reported, not decisive
    assert summary["beyond_checklist"]["security"]["verdict"] == "Không đạt"

    write_result(results, "đồng bộ hỏng", "broken", items=["sync"], message="KeyError: 'x'")
    assert summary_of(results)["overall"] == "Không đạt"


def test_overall_fails_when_an_item_was_not_tested(tmp_path: Path) -> None:
    results = tmp_path / "results"
    for key in ALL_ITEMS[:-1]:
        write_result(results, f"kịch bản {key}", "passed", items=[key])
    assert summary_of(results)["overall"] == "Không đạt"


def test_the_last_attempt_of_a_test_counts_across_shards(tmp_path: Path) -> None:
    shard1, shard2 = tmp_path / "shard1", tmp_path / "shard2"
    write_result(
        shard1,
        "Thanh toán lệ phí",
        "failed",
        items=["payment"],
        start=1000,
        message="AssertionError: chưa nhận",
    )
    write_result(shard2, "Thanh toán lệ phí", "passed", items=["payment"], start=5000)
    write_result(shard2, "Hủy thanh toán", "passed", items=["payment"], start=1000)
    write_result(
        shard1, "Hủy thanh toán", "broken", items=["payment"], start=9000, message="NameError: y"
    )

    summary = summary_of(shard1, shard2)
    payment = summary["items"]["payment"]

    assert (payment["passed"], payment["failed"]) == (1, 1)  # two tests, not four
    statuses = {t["name"]: (t["status"], t["retries"]) for t in payment["tests"]}
    assert statuses == {"Thanh toán lệ phí": ("passed", 1), "Hủy thanh toán": ("broken", 1)}
    assert summary["attempts"] == 4 and summary["totals"]["retried"] == 2


def test_outline_examples_and_targets_are_separate_tests(tmp_path: Path) -> None:
    results = tmp_path / "results"
    for code in ("1.001193", "2.000488"):
        write_result(
            results, "Nộp hồ sơ", "passed", items=["submission"], parameters=[("ma_tthc", code)]
        )
    write_result(
        results,
        "Nộp hồ sơ",
        "failed",
        items=["submission"],
        target="staging",
        parameters=[("ma_tthc", "1.001193")],
        message="AssertionError",
    )

    summary = summary_of(results)

    assert summary["items"]["submission"]["passed"] == 2
    assert summary["items"]["submission"]["failed"] == 1
    assert summary["target"] == "reference, staging"
    assert set(summary["procedures"]) == {"1.001193", "2.000488"}  # from the example column


def test_procedures_by_checklist_item(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(
        results,
        "Nộp khai sinh",
        "passed",
        items=["submission"],
        procedure="1.001193",
        procedure_name="Đăng ký khai sinh",
    )
    write_result(
        results,
        "Trả kết quả khai sinh",
        "failed",
        items=["e_result"],
        procedure="1.001193",
        message="AssertionError: chữ ký không hợp lệ",
    )
    write_result(results, "Đăng nhập", "passed", items=["sso"])

    procedures = summary_of(results)["procedures"]

    birth = procedures["1.001193"]
    assert birth["name"] == "Đăng ký khai sinh"
    assert birth["items"]["submission"]["verdict"] == "Đạt"
    assert birth["items"]["e_result"]["verdict"] == "Không đạt"
    assert birth["items"]["payment"]["verdict"] == "Chưa kiểm thử"
    assert birth["verdict"] == "Không đạt"
    assert list(procedures) == ["1.001193", "chung"]  # scenarios with no procedure last
    assert procedures["chung"]["items"]["sso"]["passed"] == 1


def test_links_into_the_allure_report(tmp_path: Path) -> None:
    results = tmp_path / "results"
    data = write_result(
        results,
        "Nộp khai sinh",
        "passed",
        items=["submission"],
        procedure="1.001193",
        uuid="5a6c3b4e-0000-4000-8000-000000000001",
    )
    report = tmp_path / "allure-report" / "index.html"

    cell = summary_of(results, report=report)["procedures"]["1.001193"]["items"]["submission"]

    assert cell["link"] == "../allure-report/index.html?query=tag:submission%20tag:1.001193"
    test_id = __import__("hashlib").md5(data["uuid"].encode()).hexdigest()
    assert cell["tests"][0]["link"] == f"../allure-report/index.html#/{test_id}"


def test_failures_are_categorised(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(
        results, "sản phẩm", "failed", message="AssertionError: Locator expected to have text"
    )
    write_result(
        results,
        "chờ quá hạn",
        "failed",
        message="fixtures.polling.PollTimeout: waited 10s for the callback",
    )
    write_result(
        results,
        "môi trường",
        "broken",
        message="playwright._impl._errors.TimeoutError: Page.goto: Timeout 5000ms exceeded.",
    )
    write_result(
        results, "mock tắt", "broken", message="httpx.ConnectError: [Errno 111] Connection refused"
    )
    write_result(
        results,
        "thiếu bước",
        "broken",
        message="pytest_bdd.exceptions.StepDefinitionNotFoundError: Step definition is not found",
    )
    write_result(
        results, "lỗi python", "broken", message="TypeError: 'NoneType' object is not callable"
    )

    summary = summary_of(results)

    assert summary["categories"] == {
        "Lỗi của dịch vụ được kiểm thử": 2,
        "Lỗi môi trường": 2,
        "Lỗi của kịch bản kiểm thử": 2,
    }
    by_name = {f["name"]: f["category"] for f in summary["failures"]}
    assert by_name["chờ quá hạn"] == "Lỗi của dịch vụ được kiểm thử"
    assert by_name["mock tắt"] == "Lỗi môi trường"
    assert by_name["thiếu bước"] == "Lỗi của kịch bản kiểm thử"


def test_target_and_versions_come_from_the_results(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(results, "a", target=None)
    write_environment(results, {"target": "staging-tinh", "portal.version": "2.3.1"})

    summary = summary_of(results)

    assert summary["target"] == "staging-tinh"
    assert summary["environment"]["portal.version"] == "2.3.1"
