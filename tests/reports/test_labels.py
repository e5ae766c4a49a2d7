"""The label plugin (fixtures/allure_labels.py): the rules, then a real pytest-bdd run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fixtures.allure_labels import scenario_labels
from fixtures.target import load_target
from reports import properties
from reports.categories import classify, load_categories
from reports.results import read_results

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = (
    'pytest_plugins = ["fixtures.plugin", "fixtures.target_procedures", "fixtures.allure_labels"]\n'
)


def known_procedures() -> dict[str, str]:
    """code → name of the reference target's procedures."""
    return {code: p.name for code, p in load_target("reference").procedures.items()}


def labels_of(
    marks: list[str],
    *,
    rule_name: str | None = None,
    example: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    labels = scenario_labels(
        marks,
        scenario_name="Kịch bản",
        rule_name=rule_name,
        example=example or {},
        target="reference",
        procedures=known_procedures(),
    )
    found: dict[str, list[str]] = {}
    for name, value in labels:
        found.setdefault(name, []).append(value)
    return found


def test_item_tag_gives_epic_and_default_severity() -> None:
    labels = labels_of(["payment", "e2e"])
    assert labels["epic"] == ["3. Kiểm tra tích hợp thanh toán trực tuyến"]
    assert labels["checklist"] == ["payment"]
    assert labels["severity"] == ["critical"]
    assert labels["target"] == ["reference"]
    assert labels["story"] == ["Kịch bản"]


def test_beyond_checklist_and_untagged_scenarios() -> None:
    assert labels_of(["accessibility"])["epic"] == ["Ngoài danh mục: Khả năng tiếp cận"]
    assert labels_of(["accessibility"])["severity"] == ["normal"]
    assert labels_of([])["epic"] == ["Chưa xếp vào hạng mục kiểm thử"]


def test_closest_severity_tag_wins() -> None:
    assert labels_of(["minor", "sso", "blocker"])["severity"] == ["minor"]


def test_procedure_from_tag_or_example_column() -> None:
    by_tag = labels_of(["submission", "tthc_1.001193"])
    assert by_tag["procedure"] == ["1.001193"] and by_tag["tag"] == ["1.001193"]
    by_column = labels_of(["submission", "tthc_1.001193"], example={"ma_tthc": "2.000488"})
    assert by_column["procedure"] == ["2.000488"]  # the example row is the closer statement
    assert "procedure" not in labels_of(["submission"])


def test_story_is_the_rule_else_the_procedure() -> None:
    code, name = next(iter(known_procedures().items()))
    assert labels_of(["sso"], rule_name="Quy tắc A")["story"] == ["Quy tắc A"]
    assert labels_of(["sso", f"tthc_{code}"])["story"] == [f"{code} {name}"]


FEATURE = """\
# language: vi
@submission
Tính năng: Nộp hồ sơ thử
  Mô tả của tính năng thử.

  @minor @tthc_{code1}
  Kịch bản: Nộp hồ sơ có mã thủ tục
    Cho một bước đơn giản

  Khung kịch bản: Nộp hồ sơ theo bảng
    Cho một bước đơn giản

    Dữ liệu:
      | ma_tthc |
      | {code2} |
"""

BROKEN_FEATURE = """\
# language: vi
@payment
Tính năng: Các cách một kịch bản không đạt

  Kịch bản: Dịch vụ trả sai
    Thì kết quả phải đúng

  Kịch bản: Bước chưa ai viết
    Cho một bước chưa ai viết

  Kịch bản: Hệ thống mô phỏng đã tắt
    Khi gọi một hệ thống đã tắt

  Kịch bản: Lỗi Python trong bước
    Khi bước có lỗi lập trình
"""

TEST_MODULE = """\
import httpx
from pytest_bdd import given, scenarios, then, when

scenarios("thu.feature", "hong.feature")


@given("một bước đơn giản")
def _() -> None:
    pass


@then("kết quả phải đúng")
def _() -> None:
    assert 1 + 1 == 3, "dịch vụ trả sai kết quả"


@when("gọi một hệ thống đã tắt")
def _() -> None:
    httpx.get("http://127.0.0.1:9/", timeout=2.0)


@when("bước có lỗi lập trình")
def _() -> None:
    {}["không có"]
"""


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(folder), *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def bdd_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    codes = list(known_procedures())[:2]
    if len(codes) < 2:
        pytest.skip("needs two procedures under procedures/")
    folder = tmp_path_factory.mktemp("bdd")
    (folder / "pytest.ini").write_text(
        "[pytest]\naddopts = --strict-markers\nmarkers =\n    submission: item 2\n    payment: item 3\n",
        "utf-8",
    )
    (folder / "conftest.py").write_text(PLUGINS, "utf-8")
    (folder / "thu.feature").write_text(FEATURE.format(code1=codes[0], code2=codes[1]), "utf-8")
    (folder / "hong.feature").write_text(BROKEN_FEATURE, "utf-8")
    (folder / "test_thu.py").write_text(TEST_MODULE, "utf-8")
    done = run_pytest(folder, "--alluredir", "results", "-q")
    assert "3 passed" not in done.stdout and "4 failed" in done.stdout, done.stdout + done.stderr
    return folder, dict(zip(("code1", "code2"), codes, strict=True))


def result_labels(folder: Path) -> dict[str, dict[str, list[str]]]:
    found = {}
    for path in (folder / "results").glob("*-result.json"):
        data = json.loads(path.read_text("utf-8"))
        labels: dict[str, list[str]] = {}
        for label in data["labels"]:
            labels.setdefault(label["name"], []).append(label["value"])
        labels["_description"] = [data.get("description", "")]
        labels["_links"] = [link["url"] for link in data["links"]]
        found[data["name"]] = labels
    return found


def test_a_real_run_labels_every_scenario(bdd_run: tuple[Path, dict[str, str]]) -> None:
    folder, codes = bdd_run
    results = result_labels(folder)
    tagged, outline = results["Nộp hồ sơ có mã thủ tục"], results["Nộp hồ sơ theo bảng"]

    assert tagged["epic"] == ["2. Thực hiện nộp hồ sơ trực tuyến"] == outline["epic"]
    assert tagged["severity"] == ["minor"] and outline["severity"] == ["critical"]
    assert tagged["procedure"] == [codes["code1"]] and outline["procedure"] == [codes["code2"]]
    assert tagged["procedure_name"] == [known_procedures()[codes["code1"]]]
    assert codes["code1"] in tagged["tag"] and f"tthc_{codes['code1']}" not in tagged["tag"]
    assert "submission" in tagged["tag"]  # pytest-bdd's own labels are still there
    assert tagged["feature"] == ["Nộp hồ sơ thử"] and tagged["framework"] == ["pytest-bdd"]
    assert tagged["target"] == ["reference"]
    assert "Mô tả của tính năng thử." in tagged["_description"][0]
    assert len(tagged["_links"]) == 2


def test_a_real_run_writes_the_environment(bdd_run: tuple[Path, dict[str, str]]) -> None:
    folder, _ = bdd_run
    env = properties.read(folder / "results" / "environment.properties")
    assert env["target"] == "reference"
    profile = load_target("reference").report
    assert profile["testing_unit"] and profile["service_name"]  # the demo values are there
    assert {k: env[f"report.{k}"] for k in profile} == profile  # the biên bản's fields
    assert env["suite.version"].startswith("0.") or env["suite.version"]
    assert {"host", "os", "cpu.count", "python"} <= set(env)
    executor = json.loads((folder / "results" / "executor.json").read_text("utf-8"))
    assert executor["type"] in {"local", "github", "gitlab", "jenkins", "ci"}


def test_procedure_tag_selects_with_dash_m(bdd_run: tuple[Path, dict[str, str]]) -> None:
    folder, codes = bdd_run
    done = run_pytest(folder, "-m", f"tthc_{codes['code1']}", "--collect-only", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1/6 tests collected" in done.stdout


def test_real_failures_fall_into_the_three_categories(
    bdd_run: tuple[Path, dict[str, str]],
) -> None:
    folder, _ = bdd_run
    categories = load_categories()
    found = {
        r.name: getattr(classify(r.status, r.message, categories), "name", None)
        for r in read_results([folder / "results"]).results
    }
    assert found["Dịch vụ trả sai"] == "Lỗi của dịch vụ được kiểm thử"
    assert found["Bước chưa ai viết"] == "Lỗi của kịch bản kiểm thử"
    assert found["Hệ thống mô phỏng đã tắt"] == "Lỗi môi trường"
    assert found["Lỗi Python trong bước"] == "Lỗi của kịch bản kiểm thử"
    assert found["Nộp hồ sơ có mã thủ tục"] is None  # passed


def test_unknown_procedure_tag_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers\n", "utf-8")
    (tmp_path / "conftest.py").write_text(PLUGINS, "utf-8")
    feature = textwrap.dedent(
        """\
        # language: vi
        Tính năng: Sai mã
          @tthc_9.999999
          Kịch bản: Mã không có
            Cho một bước đơn giản
        """
    )
    (tmp_path / "thu.feature").write_text(feature, "utf-8")
    module = TEST_MODULE.replace(
        'scenarios("thu.feature", "hong.feature")', 'scenarios("thu.feature")'
    )
    (tmp_path / "test_thu.py").write_text(module, "utf-8")
    done = run_pytest(tmp_path, "--collect-only", "-q")
    assert done.returncode != 0
    assert "'tthc_9.999999' not found in `markers`" in done.stdout + done.stderr
