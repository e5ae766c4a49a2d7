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
    summary = summary_of(results)
    assert summary["overall"] == "Chưa kiểm thử"
    assert summary["overall_reasons"] == [
        "5. Kết quả giải quyết TTHC bản điện tử: không có kịch bản nào"
    ]


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


def all_items_pass(results: Path, procedure: str | None = None) -> None:
    for key in ALL_ITEMS:
        write_result(results, f"kịch bản {key}", "passed", items=[key], procedure=procedure)


def test_a_pass_on_a_retry_is_a_warning_and_keeps_the_earlier_failure(tmp_path: Path) -> None:
    results = tmp_path / "results"
    all_items_pass(results, "1.001193")
    write_result(
        results, "Thanh toán", "failed", items=["payment"], procedure="1.001193", start=1000,
        message="AssertionError: chưa nhận kết quả thanh toán",
    )  # fmt: skip
    write_result(
        results, "Thanh toán", "passed", items=["payment"], procedure="1.001193", start=5000
    )

    summary = summary_of(results)

    payment = summary["items"]["payment"]
    assert payment["verdict"] == "Đạt sau khi chạy lại"
    assert payment["passed_after_retry"] == 1
    retried = next(t for t in payment["tests"] if t["name"] == "Thanh toán")
    assert retried["outcome"] == "passed_after_retry"
    assert retried["earlier_failure"] == {
        "status": "failed",
        "message": "AssertionError: chưa nhận kết quả thanh toán",
    }
    assert summary["warnings"] == [
        {
            "name": "Thanh toán",
            "items": ["payment"],
            "procedure": "1.001193",
            "attempts": 2,
            "earlier_status": "failed",
            "earlier_message": "AssertionError: chưa nhận kết quả thanh toán",
            "link": None,
        }
    ]
    assert summary["procedures"]["1.001193"]["verdict"] == "Đạt sau khi chạy lại"
    assert summary["overall"] == "Đạt sau khi chạy lại"  # never plain "Đạt"
    assert summary["totals"]["passed_after_retry"] == 1


def test_a_skipped_last_attempt_after_a_failure_is_a_failure(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_result(results, "a", "broken", start=1000, message="NameError: x")
    write_result(results, "a", "skipped", start=5000, message="Skipped: thiếu khả năng")

    sso = summary_of(results)["items"]["sso"]

    assert (sso["verdict"], sso["failed"], sso["skipped"]) == ("Không đạt", 1, 0)


def test_a_skipped_scenario_leaves_its_item_untested_with_the_reason(tmp_path: Path) -> None:
    results = tmp_path / "results"
    all_items_pass(results, "1.001193")
    write_result(
        results, "Thanh toán qua cổng thật", "skipped", items=["payment"], procedure="1.001193",
        message="Skipped: cấu hình đích không có API kiểm thử",
    )  # fmt: skip

    summary = summary_of(results)

    payment = summary["items"]["payment"]
    assert payment["verdict"] == "Chưa kiểm thử"
    assert payment["reason"] == "1 kịch bản không chạy (cấu hình đích không có API kiểm thử)"
    assert summary["untested"][0]["reason"] == "cấu hình đích không có API kiểm thử"
    assert summary["overall"] == "Chưa kiểm thử"


def test_a_procedure_needs_its_own_scenario_for_every_item_but_sso(tmp_path: Path) -> None:
    results = tmp_path / "results"
    all_items_pass(results, "1.001193")
    write_result(results, "Đăng nhập", "passed", items=["sso"])  # names no procedure
    for key in ("submission", "payment", "processing"):
        write_result(results, f"LLTP {key}", "passed", items=[key], procedure="2.000488")

    summary = summary_of(results)

    lltp = summary["procedures"]["2.000488"]
    assert lltp["items"]["sso"]["verdict"] == "Đạt" and lltp["items"]["sso"]["shared"]
    assert lltp["items"]["sync"]["verdict"] == "Chưa kiểm thử"
    assert lltp["verdict"] == "Chưa kiểm thử"
    assert lltp["reasons"] == [
        "Đồng bộ trạng thái: không có kịch bản nào",
        "Kết quả điện tử: không có kịch bản nào",
    ]
    assert summary["procedures"]["1.001193"]["verdict"] == "Đạt"
    assert all(summary["items"][k]["verdict"] == "Đạt" for k in ALL_ITEMS)
    assert summary["overall"] == "Chưa kiểm thử"  # a procedure is not fully tested
    assert (
        "Thủ tục 2.000488: Đồng bộ trạng thái: không có kịch bản nào; "
        in (summary["overall_reasons"][0])
    )
