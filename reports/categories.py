"""Failure categories: why a scenario did not pass.

The rules are data (``reports/rules/categories.json``), read by ``allurerc.mjs`` for Allure 3's
categories and here for the compliance summary, so that both say the same thing.
The first rule whose statuses and message pattern match wins:

1. ``failed`` (an AssertionError: ``expect``, ``assert``, a poll that gave up) —
   the product misbehaved;
2. ``broken`` whose message names the environment (connection refused, timeout,
   browser closed, server did not start, "Lỗi môi trường" from ``fixtures/bounded.py``
   when a system of the target went down, ...), and ``skipped`` "Không chạy (môi
   trường)": the scenarios not run after the run stopped for that;
3. any other ``broken`` — the suite itself broke (step not found, fixture error,
   a Python error in the suite).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

RULES = Path(__file__).resolve().parent / "rules" / "categories.json"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str
    statuses: tuple[str, ...]
    message: re.Pattern[str] | None = None

    def matches(self, status: str, message: str) -> bool:
        if status not in self.statuses:
            return False
        return self.message is None or bool(self.message.search(message))


def load_categories(path: Path = RULES) -> list[Category]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Category(
            id=rule["id"],
            name=rule["name"],
            description=rule.get("description", ""),
            statuses=tuple(rule["statuses"]),
            message=re.compile(rule["message"]) if rule.get("message") else None,
        )
        for rule in data["rules"]
    ]


def classify(status: str, message: str, categories: list[Category]) -> Category | None:
    """The first category that matches a result's status and message, if any."""
    return next((c for c in categories if c.matches(status, message or "")), None)
