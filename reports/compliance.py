"""The compliance summary: per procedure × checklist item, counts and a verdict.

Counting rules (docs/report.md): one count per test, its latest attempt (see
``reports.results``); ``broken`` and ``unknown`` count as failed. A cell is "Đạt" when it
has a passed scenario and no failed one, "Không đạt" when it has a failed one, and
"Chưa kiểm thử" otherwise (nothing ran, or only skipped). The overall verdict is "Đạt"
only when every checklist item 1–5 (sso, submission, payment, processing, sync,
e_result) is "Đạt".
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from reports.categories import Category, classify, load_categories
from reports.checklist import (
    BEYOND_KEYS,
    BY_KEY,
    CHECKLIST_KEYS,
    FAIL,
    GENERAL_PROCEDURE,
    GENERAL_PROCEDURE_NAME,
    LEGAL_LINKS,
    PASS,
    UNTESTED,
)
from reports.results import Result, Results

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FAILED_STATUSES = ("failed", "broken", "unknown")


def verdict(passed: int, failed: int) -> str:
    if failed:
        return FAIL
    return PASS if passed else UNTESTED


def _when(ms: int | None) -> str | None:
    if ms is None:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=VN).isoformat(timespec="seconds")


class Linker:
    """Links into the single-file Allure report, relative to the summary's folder.
    ``#/<id>`` opens one test result; ``?query=tag:a tag:b`` filters the tree."""

    def __init__(self, report_index: Path | None, out_dir: Path) -> None:
        self.base = (
            Path(os.path.relpath(report_index, out_dir)).as_posix() if report_index else None
        )

    def test(self, result: Result) -> str | None:
        return f"{self.base}#/{result.report_id}" if self.base else None

    def tags(self, *tags: str) -> str | None:
        if not self.base:
            return None
        return f"{self.base}?query={quote(' '.join(f'tag:{t}' for t in tags), safe=':')}"


def _cell(
    results: list[Result], categories: list[Category], linker: Linker, tags: Iterable[str]
) -> dict[str, Any]:
    passed = sum(r.status == "passed" for r in results)
    failed = sum(r.status in FAILED_STATUSES for r in results)
    tests = []
    for r in results:
        category = classify(r.status, r.message, categories)
        tests.append(
            {
                "name": r.name,
                "status": r.status,
                "category": category.name if category else None,
                "message": r.message.splitlines()[0][:300] if r.message else None,
                "retries": r.retries,
                "link": linker.test(r),
            }
        )
    return {
        "passed": passed,
        "failed": failed,
        "broken": sum(r.status == "broken" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "verdict": verdict(passed, failed),
        "link": linker.tags(*tags) if results else None,
        "tests": tests,
    }


def _item_cell(key: str, cell: dict[str, Any]) -> dict[str, Any]:
    return {"name": BY_KEY[key].name, **cell}


def build_summary(
    results: Results,
    *,
    out_dir: Path,
    report_index: Path | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    categories = load_categories()
    linker = Linker(report_index, out_dir)
    by_item: dict[str, list[Result]] = {key: [] for key in BY_KEY}
    by_procedure: dict[str, list[Result]] = {}
    names: dict[str, str] = {GENERAL_PROCEDURE: GENERAL_PROCEDURE_NAME}
    for r in results.results:
        for key in r.items:
            by_item[key].append(r)
        code = r.procedure or GENERAL_PROCEDURE
        by_procedure.setdefault(code, []).append(r)
        if r.procedure and r.procedure_name:
            names.setdefault(r.procedure, r.procedure_name)

    items = {
        key: _item_cell(key, _cell(by_item[key], categories, linker, [key]))
        for key in CHECKLIST_KEYS
    }
    beyond = {
        key: _item_cell(key, _cell(by_item[key], categories, linker, [key])) for key in BEYOND_KEYS
    }
    procedures: dict[str, Any] = {}
    for code in sorted(by_procedure, key=lambda c: (c == GENERAL_PROCEDURE, c)):
        mine = by_procedure[code]
        tag_of = [] if code == GENERAL_PROCEDURE else [code]
        cells = {
            key: _cell([r for r in mine if key in r.items], categories, linker, [key, *tag_of])
            for key in BY_KEY
        }
        passed = sum(r.status == "passed" for r in mine)
        failed = sum(r.status in FAILED_STATUSES for r in mine)
        procedures[code] = {
            "name": names.get(code, code),
            "passed": passed,
            "failed": failed,
            "skipped": sum(r.status == "skipped" for r in mine),
            "verdict": verdict(passed, failed),
            "items": cells,
        }
    unclassified = [r for r in results.results if not r.items]
    starts = [r.start for r in results.results if r.start is not None]
    stops = [r.stop for r in results.results if r.stop is not None]
    overall = PASS if all(items[k]["verdict"] == PASS for k in CHECKLIST_KEYS) else FAIL
    env = results.environment
    return {
        "overall": overall,
        "target": ", ".join(results.targets) or env.get("target") or "không rõ",
        "generated_at": (now or datetime.now(UTC)).astimezone(VN).isoformat(timespec="seconds"),
        "items": items,
        "procedures": procedures,
        "beyond_checklist": beyond,
        "unclassified": _cell(unclassified, categories, linker, []),
        "failures": _failures(results.results, categories, linker),
        "tested_from": _when(min(starts, default=None)),
        "tested_to": _when(max(stops, default=None)),
        "totals": _totals(results.results),
        "categories": _category_counts(results.results, categories),
        "environment": env,
        "legal_basis": [{"name": n, "url": u} for n, u in LEGAL_LINKS],
        "report": linker.base,
        "results_dirs": [_display(d) for d in results.dirs],
        "attempts": results.attempts,
    }


def _failures(
    results: list[Result], categories: list[Category], linker: Linker
) -> list[dict[str, Any]]:
    failures = []
    for r in results:
        if r.status not in FAILED_STATUSES:
            continue
        category = classify(r.status, r.message, categories)
        failures.append(
            {
                "name": r.name,
                "status": r.status,
                "items": r.items,
                "procedure": r.procedure,
                "category": category.name if category else None,
                "message": r.message.splitlines()[0][:300] if r.message else None,
                "link": linker.test(r),
            }
        )
    return failures


def _totals(results: list[Result]) -> dict[str, int]:
    return {
        "tests": len(results),
        "passed": sum(r.status == "passed" for r in results),
        "failed": sum(r.status in FAILED_STATUSES for r in results),
        "broken": sum(r.status == "broken" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "retried": sum(r.retries > 0 for r in results),
    }


def _category_counts(results: list[Result], categories: list[Category]) -> dict[str, int]:
    counts = {c.name: 0 for c in categories}
    for r in results:
        category = classify(r.status, r.message, categories)
        if category:
            counts[category.name] += 1
    return counts


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path.resolve())
