"""Beyond one machine: a run split into shards (``--shard I/N``) merges into one report
(``python -m reports.build DIR1 DIR2``) with the same scenarios as the unsplit run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reports.build import Outputs, build
from reports.compliance import build_summary
from reports.results import read_results

ROOT = Path(__file__).resolve().parents[2]
ALLURE = ROOT / "node_modules" / ".bin" / "allure"
SUBSET = [
    "-m",
    "sso",
    "-k",
    "id_token and not dù_các",
]  # the five broken id_tokens: small and quick


def run(results: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", *SUBSET, "--alluredir", str(results),
         "-q", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


def scenarios(results: Path) -> set[str]:
    return {r.full_name + repr(sorted(r.parameters)) for r in read_results([results]).results}


@pytest.mark.skipif(not ALLURE.exists(), reason="Allure CLI not installed (make setup)")
def test_two_shards_merge_into_one_report_with_every_scenario(tmp_path: Path) -> None:
    whole, first, second = tmp_path / "whole", tmp_path / "shard-1", tmp_path / "shard-2"
    run(whole)
    run(first, "--shard", "1/2")
    run(second, "--shard", "2/2")

    everything, one, two = scenarios(whole), scenarios(first), scenarios(second)
    assert len(everything) == 5, everything
    assert one and two and not one & two, "each shard runs its own, non-empty part"
    assert one | two == everything, "the shards together run what the unsplit run runs"

    outputs = Outputs(
        report_dir=tmp_path / "report",
        compliance_dir=tmp_path / "compliance",
        history=tmp_path / "history.jsonl",
    )
    merged = build([first, second], outputs)
    unsplit = build_summary(read_results([whole]), out_dir=tmp_path / "unsplit", report_index=None)
    assert merged["totals"]["tests"] == unsplit["totals"]["tests"] == len(everything)
    assert merged["totals"]["passed"] == unsplit["totals"]["passed"]
    assert merged["items"]["sso"]["passed"] == unsplit["items"]["sso"]["passed"]
    on_disk = json.loads((outputs.compliance_dir / "summary.json").read_text(encoding="utf-8"))
    assert on_disk["totals"] == merged["totals"]
    assert (
        sorted(on_disk["results_dirs"]) == sorted(map(str, (first, second)))
        or len(on_disk["results_dirs"]) == 2
    )
    assert (outputs.report_dir / "index.html").is_file(), "one single-file Allure report"
