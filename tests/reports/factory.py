"""Hand-made Allure results, the way allure-pytest-bdd and our label plugin write them."""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reports import properties
from reports.checklist import BY_KEY


def write_result(
    folder: Path,
    name: str,
    status: str = "passed",
    *,
    items: Iterable[str] = ("sso",),
    procedure: str | None = None,
    procedure_name: str | None = None,
    target: str | None = "reference",
    message: str | None = None,
    start: int = 1_795_000_000_000,
    uuid: str | None = None,
    full_name: str | None = None,
    parameters: Iterable[tuple[str, str]] = (),
    steps: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Write one ``<uuid>-result.json`` into ``folder``; return its content."""
    folder.mkdir(parents=True, exist_ok=True)
    uuid = uuid or str(uuid_module.uuid4())
    full_name = full_name or f"features/x.feature:{name}"
    test_case_id = hashlib.md5(full_name.encode()).hexdigest()
    labels = [{"name": "feature", "value": "Tính năng thử"}]
    for key in items:
        labels += [
            {"name": "epic", "value": BY_KEY[key].name},
            {"name": "checklist", "value": key},
            {"name": "tag", "value": key},
        ]
    if procedure:
        labels += [{"name": "tag", "value": procedure}, {"name": "procedure", "value": procedure}]
    if procedure_name:
        labels.append({"name": "procedure_name", "value": procedure_name})
    if target:
        labels.append({"name": "target", "value": target})
    data: dict[str, Any] = {
        "uuid": uuid,
        "name": name,
        "fullName": full_name,
        "testCaseId": test_case_id,
        "historyId": f"{test_case_id}.d41d8cd98f00b204e9800998ecf8427e",
        "status": status,
        "start": start,
        "stop": start + 1500,
        "labels": labels,
        "links": [],
        "parameters": [{"name": n, "value": v} for n, v in parameters],
        "steps": [
            {"name": step, "status": step_status, "start": start, "stop": start + 10}
            for step, step_status in steps
        ],
    }
    if message:
        data["statusDetails"] = {"message": message, "trace": f"Traceback...\n{message}"}
    (folder / f"{uuid}-result.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return data


def write_environment(folder: Path, values: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    properties.write(folder / "environment.properties", values)
