"""Read Allure results folders (``*-result.json``, ``environment.properties``), nothing else.

Retries and shards: results of the same test (same test case — ALLURE_ID label, else
``testCaseId``, else ``fullName`` — same non-excluded parameters, same target) are
attempts of one test, as Allure 3 groups them; the attempt that started last counts
(on a tie, the one read last), the others are its retries. This is the result Allure
shows on top, so the summary and the report agree. The earlier attempts stay with it
(``Result.earlier``): a pass after a failed attempt is ``passed_after_retry``, never a
plain pass (``Result.outcome``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports import properties
from reports.checklist import (
    BY_KEY,
    LABEL_ITEM,
    LABEL_PROCEDURE,
    LABEL_PROCEDURE_NAME,
    LABEL_TARGET,
    PROCEDURE_COLUMNS,
    PROCEDURE_TAG_PREFIX,
)

FAILED_STATUSES = ("failed", "broken", "unknown")
PROCEDURE_CODE = re.compile(r"^\d+\.\d+$")
EPIC_TO_KEY = {item.name: item.key for item in BY_KEY.values()}


class ResultsError(ValueError):
    pass


@dataclass
class Result:
    path: Path
    uuid: str
    name: str
    full_name: str
    status: str
    message: str
    start: int | None
    stop: int | None
    labels: list[tuple[str, str]]
    parameters: list[tuple[str, str]]
    order: int  # position in reading order (tie-break between attempts)
    retries: int = 0  # how many other attempts of this test there were
    # the earlier attempts of this test, oldest first (the one that counts is not among them)
    earlier: list[Result] = field(default_factory=list)

    @property
    def failed_before(self) -> Result | None:
        """The last earlier attempt that failed (or broke), if any: a retry never hides it."""
        failed = [r for r in self.earlier if r.status in FAILED_STATUSES]
        return failed[-1] if failed else None

    @property
    def outcome(self) -> str:
        """What the test proves, every attempt considered: ``passed``, ``passed_after_retry``
        (the last attempt passed, an earlier one failed), ``failed``, or ``skipped`` (not
        run: ``message`` says why). A skipped last attempt after a failed one is failed."""
        if self.status in FAILED_STATUSES:
            return "failed"
        if self.status == "passed":
            return "passed_after_retry" if self.failed_before else "passed"
        if self.failed_before:
            return "failed"
        return "skipped"

    @property
    def report_id(self) -> str:
        """Allure 3's id of this result in the report (md5 of the result's uuid)."""
        return hashlib.md5(self.uuid.encode("utf-8")).hexdigest()

    def values(self, label: str) -> list[str]:
        return [v for n, v in self.labels if n == label]

    @property
    def tags(self) -> list[str]:
        return self.values("tag")

    @property
    def items(self) -> list[str]:
        """Checklist items this scenario proves: its ``checklist`` labels, item tags, epics."""
        found = [*self.values(LABEL_ITEM), *self.tags]
        found += [EPIC_TO_KEY[e] for e in self.values("epic") if e in EPIC_TO_KEY]
        return sorted({k for k in found if k in BY_KEY}, key=list(BY_KEY).index)

    @property
    def procedure(self) -> str | None:
        for code in self.values(LABEL_PROCEDURE):
            return code
        for name, value in self.parameters:
            if name in PROCEDURE_COLUMNS and value:
                return value
        for tag in self.tags:
            if tag.startswith(PROCEDURE_TAG_PREFIX):
                return tag[len(PROCEDURE_TAG_PREFIX) :]
        return None

    @property
    def procedure_name(self) -> str | None:
        names = self.values(LABEL_PROCEDURE_NAME)
        return names[0] if names else None

    @property
    def target(self) -> str | None:
        targets = self.values(LABEL_TARGET)
        return targets[0] if targets else None

    def retry_key(self, test_case_id: str) -> tuple[str, str, str]:
        """Allure 3's test case (ALLURE_ID label, else testCaseId, else fullName), the
        non-excluded parameters and the target."""
        allure_ids = [v for n, v in self.labels if n in ("ALLURE_ID", "AS_ID") and v != "-1"]
        case = f"ALLURE_ID={allure_ids[0]}" if allure_ids else test_case_id or self.full_name
        params = ",".join(f"{n}:{v}" for n, v in sorted(self.parameters))
        return (case or self.name, params, self.target or "")


@dataclass
class Results:
    dirs: list[Path]
    results: list[Result]  # one per test: the attempt that counts
    attempts: int  # every -result.json read
    environment: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # every file of every folder

    @property
    def targets(self) -> list[str]:
        return sorted({r.target for r in self.results if r.target})


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _parse(path: Path, order: int) -> tuple[Result, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsError(f"{path}: not a readable Allure result ({exc})") from None
    if not isinstance(data, dict):
        raise ResultsError(f"{path}: not an Allure result (a JSON object is expected)")
    details = data.get("statusDetails") or {}
    labels = [
        (str(lb.get("name", "")), str(lb.get("value", "")))
        for lb in data.get("labels") or []
        if isinstance(lb, dict)
    ]
    parameters = [
        (str(p.get("name", "")), str(p.get("value", "")))
        for p in data.get("parameters") or []
        if isinstance(p, dict) and not p.get("excluded")
    ]
    result = Result(
        path=path,
        uuid=str(data.get("uuid") or path.name.removesuffix("-result.json")),
        name=str(data.get("name") or "(không tên)"),
        full_name=str(data.get("fullName") or ""),
        status=str(data.get("status") or "unknown"),
        message=str(details.get("message") or "") if isinstance(details, dict) else "",
        start=_int(data.get("start")),
        stop=_int(data.get("stop")),
        labels=labels,
        parameters=parameters,
        order=order,
    )
    return result, str(data.get("testCaseId") or "")


def _latest(attempts: list[Result]) -> Result:
    return max(attempts, key=lambda r: (r.start is not None, r.start or 0, r.order))


def read_results(dirs: Iterable[Path]) -> Results:
    folders = [Path(d) for d in dirs]
    missing = [str(d) for d in folders if not d.is_dir()]
    if missing:
        raise ResultsError(f"results folder not found: {', '.join(missing)}")
    groups: dict[tuple[str, str, str], list[Result]] = {}
    environment: dict[str, str] = {}
    files: list[Path] = []
    attempts = 0
    for folder in folders:
        files += sorted(p for p in folder.rglob("*") if p.is_file())
        env_file = folder / "environment.properties"
        if env_file.is_file():
            for key, value in properties.read(env_file).items():
                known = environment.get(key)
                if known is None:
                    environment[key] = value
                elif value not in known.split(" | "):
                    environment[key] = f"{known} | {value}"
        for path in sorted(folder.glob("*-result.json")):
            result, test_case_id = _parse(path, attempts)
            attempts += 1
            groups.setdefault(result.retry_key(test_case_id), []).append(result)
    chosen = []
    for group in groups.values():
        winner = _latest(group)
        winner.retries = len(group) - 1
        winner.earlier = sorted(
            (r for r in group if r is not winner), key=lambda r: (r.start or 0, r.order)
        )
        chosen.append(winner)
    chosen.sort(key=lambda r: r.order)
    return Results(
        dirs=folders, results=chosen, attempts=attempts, environment=environment, files=files
    )
