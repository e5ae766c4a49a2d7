"""The compliance summary: per procedure × checklist item, counts and a verdict.

Counting and verdicts (docs/report.md, "Verdicts"): one count per test, its latest
attempt (see ``reports.results``), every earlier attempt kept in view; ``broken`` and
``unknown`` count as failed. A cell is
- "Không đạt" when a scenario failed (its last attempt, or an earlier one and the last
  did not pass);
- "Chưa kiểm thử" when no scenario ran, or one was skipped (the reason is shown);
- "Đạt sau khi chạy lại" when every scenario passed but one only on a retry (a warning);
- "Đạt" when every scenario ran and passed at its first attempt.
A procedure needs a scenario of its own for every checklist item (``SHARED_ITEMS``:
the scenarios that name no procedure stand in). The overall verdict is the worst of the
checklist items 1–5 and of the procedures.
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
    PASS_AFTER_RETRY,
    REPORT_FIELDS,
    REPORT_PREFIX,
    SHARED_ITEMS,
    UNTESTED,
    VERDICTS,
)
from reports.results import FAILED_STATUSES, Result, Results

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NO_SCENARIO = "không có kịch bản nào"


def worst(verdicts: Iterable[str]) -> str:
    """The worst of several verdicts (PASS for none)."""
    return min(verdicts, key=VERDICTS.index, default=PASS)


def cell_verdict(results: list[Result]) -> tuple[str, str | None]:
    """The verdict of a set of scenarios, and why it is not "Đạt" (None when it is)."""
    outcomes = [r.outcome for r in results]
    if not results:
        return UNTESTED, NO_SCENARIO
    failed = outcomes.count("failed")
    if failed:
        return FAIL, f"{failed} kịch bản không đạt"
    skipped = [r for r in results if r.outcome == "skipped"]
    if skipped:
        reasons = sorted({_skip_reason(r) for r in skipped})
        return UNTESTED, f"{len(skipped)} kịch bản không chạy ({'; '.join(reasons)})"
    retried = outcomes.count("passed_after_retry")
    if retried:
        return PASS_AFTER_RETRY, f"{retried} kịch bản chỉ đạt khi chạy lại"
    return PASS, None


def _skip_reason(result: Result) -> str:
    message = result.message.splitlines()[0].strip() if result.message else ""
    for prefix in ("Skipped: ", "skipped: "):
        message = message.removeprefix(prefix)
    return message[:200] or "không rõ lý do"


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


def _test(r: Result, categories: list[Category], linker: Linker) -> dict[str, Any]:
    category = classify(r.status, r.message, categories)
    before = r.failed_before
    return {
        "name": r.name,
        "status": r.status,
        "outcome": r.outcome,
        "category": category.name if category else None,
        "message": _first_line(r.message),
        "retries": r.retries,
        # a retry never hides an earlier failure: what the failed attempt said
        "earlier_failure": (
            {"status": before.status, "message": _first_line(before.message)} if before else None
        ),
        "skip_reason": _skip_reason(r) if r.outcome == "skipped" else None,
        "link": linker.test(r),
    }


def _first_line(message: str) -> str | None:
    return message.splitlines()[0][:300] if message else None


def _cell(
    results: list[Result],
    categories: list[Category],
    linker: Linker,
    tags: Iterable[str],
    *,
    shared: bool = False,
) -> dict[str, Any]:
    verdict, reason = cell_verdict(results)
    cell = {
        "passed": sum(r.status == "passed" for r in results),
        "passed_after_retry": sum(r.outcome == "passed_after_retry" for r in results),
        "failed": sum(r.outcome == "failed" for r in results),
        "broken": sum(r.status == "broken" for r in results),
        "skipped": sum(r.outcome == "skipped" for r in results),
        "verdict": verdict,
        "reason": reason,
        "link": linker.tags(*tags) if results else None,
        "tests": [_test(r, categories, linker) for r in results],
    }
    if shared:
        cell["shared"] = True  # the scenarios that name no procedure stand in
    return cell


def _item_cell(key: str, cell: dict[str, Any]) -> dict[str, Any]:
    return {"name": BY_KEY[key].name, **cell}


def _procedure(
    code: str,
    mine: list[Result],
    general: list[Result],
    categories: list[Category],
    linker: Linker,
) -> dict[str, Any]:
    tag_of = [] if code == GENERAL_PROCEDURE else [code]
    cells = {}
    for key in BY_KEY:
        own = [r for r in mine if key in r.items]
        if not own and key in SHARED_ITEMS and code != GENERAL_PROCEDURE:
            stand_in = [r for r in general if key in r.items]
            cells[key] = _cell(stand_in, categories, linker, [key], shared=True)
        else:
            cells[key] = _cell(own, categories, linker, [key, *tag_of])
    if code == GENERAL_PROCEDURE:  # not a procedure: judged on what it has
        required = [k for k in CHECKLIST_KEYS if cells[k]["tests"]]
    else:
        required = list(CHECKLIST_KEYS)
    reasons = [
        f"{BY_KEY[k].short}: {cells[k]['reason']}"
        for k in required
        if cells[k]["verdict"] != PASS and cells[k]["reason"]
    ]
    return {
        "passed": sum(r.status == "passed" for r in mine),
        "failed": sum(r.outcome == "failed" for r in mine),
        "skipped": sum(r.outcome == "skipped" for r in mine),
        "verdict": worst(cells[k]["verdict"] for k in required) if required else UNTESTED,
        "reasons": reasons if required else [NO_SCENARIO],
        "items": cells,
    }


def report_fields(environment: dict[str, str]) -> dict[str, str]:
    """The biên bản's organisation fields (testing unit, vendor, agency, ...), from the
    ``report.<key>`` entries of environment.properties; empty when not given."""
    return {key: environment.get(REPORT_PREFIX + key, "") for key, _ in REPORT_FIELDS}


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
    general = by_procedure.get(GENERAL_PROCEDURE, [])
    procedures: dict[str, Any] = {}
    for code in sorted(by_procedure, key=lambda c: (c == GENERAL_PROCEDURE, c)):
        procedures[code] = {
            "name": names.get(code, code),
            **_procedure(code, by_procedure[code], general, categories, linker),
        }
    unclassified = [r for r in results.results if not r.items]
    starts = [r.start for r in results.results if r.start is not None]
    stops = [r.stop for r in results.results if r.stop is not None]
    judged = [items[k]["verdict"] for k in CHECKLIST_KEYS]
    judged += [p["verdict"] for c, p in procedures.items() if c != GENERAL_PROCEDURE]
    overall = worst(judged)
    reasons = [f"{cell['name']}: {cell['reason']}" for cell in items.values() if cell["reason"]]
    reasons += [
        f"Thủ tục {code}: {'; '.join(p['reasons'])}"
        for code, p in procedures.items()
        if code != GENERAL_PROCEDURE and p["verdict"] != PASS
    ]
    env = results.environment
    return {
        "overall": overall,
        "overall_reasons": reasons,
        "target": ", ".join(results.targets) or env.get("target") or "không rõ",
        "generated_at": (now or datetime.now(UTC)).astimezone(VN).isoformat(timespec="seconds"),
        "report_fields": report_fields(env),
        "items": items,
        "procedures": procedures,
        "beyond_checklist": beyond,
        "unclassified": _cell(unclassified, categories, linker, []),
        "failures": _failures(results.results, categories, linker),
        "warnings": _warnings(results.results, linker),
        "untested": _untested(results.results, linker),
        "scenarios": [
            {
                "name": r.name,
                "items": r.items,
                "procedure": r.procedure,
                "outcome": r.outcome,
                "attempts": r.retries + 1,
            }
            for r in results.results
        ],
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
        if r.outcome != "failed":
            continue
        shown = r if r.status in FAILED_STATUSES else (r.failed_before or r)
        category = classify(shown.status, shown.message, categories)
        failures.append(
            {
                "name": r.name,
                "status": shown.status,
                "items": r.items,
                "procedure": r.procedure,
                "category": category.name if category else None,
                "message": _first_line(shown.message),
                "link": linker.test(r),
            }
        )
    return failures


def _warnings(results: list[Result], linker: Linker) -> list[dict[str, Any]]:
    """Scenarios that passed only on a retry, with what the failed attempt said."""
    warnings = []
    for r in results:
        before = r.failed_before
        if r.outcome != "passed_after_retry" or before is None:
            continue
        warnings.append(
            {
                "name": r.name,
                "items": r.items,
                "procedure": r.procedure,
                "attempts": r.retries + 1,
                "earlier_status": before.status,
                "earlier_message": _first_line(before.message),
                "link": linker.test(r),
            }
        )
    return warnings


def _untested(results: list[Result], linker: Linker) -> list[dict[str, Any]]:
    return [
        {
            "name": r.name,
            "items": r.items,
            "procedure": r.procedure,
            "reason": _skip_reason(r),
            "link": linker.test(r),
        }
        for r in results
        if r.outcome == "skipped"
    ]


def _totals(results: list[Result]) -> dict[str, int]:
    return {
        "tests": len(results),
        "passed": sum(r.status == "passed" for r in results),
        "passed_after_retry": sum(r.outcome == "passed_after_retry" for r in results),
        "failed": sum(r.outcome == "failed" for r in results),
        "broken": sum(r.status == "broken" for r in results),
        "skipped": sum(r.outcome == "skipped" for r in results),
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
