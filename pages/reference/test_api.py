"""The reference portal's test API: its test-mode routes under ``/_test`` (only mounted
with ``PORTAL_MODE=test``; docs/contracts.md §4, portal/routes/testing.py).

The only place of the suite that knows these URLs (besides ``forms_over_http.py``'s list
of them for the security scenario that checks they are refused cross-site).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import httpx

from pages.test_api import MadeDossier

# The roles as the scenarios name them → the reference portal's role codes.
ROLES = {"cán bộ một cửa": "reception", "chuyên viên": "specialist", "lãnh đạo": "approver"}


class ReferenceTestApi:
    """``PortalTestApi`` over the reference portal's ``/_test`` routes."""

    def __init__(self, base_url: str, http: httpx.Client) -> None:
        self.base_url = base_url
        self.http = http

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.http.post(f"{self.base_url}/_test{path}", json=body)
        assert answer.status_code in (200, 201), (
            f"/_test{path}: HTTP {answer.status_code} {answer.text}"
        )
        result: dict[str, Any] = answer.json()
        return result

    def _cookie(self, body: dict[str, Any]) -> dict[str, str]:
        cookie = self._post("/sessions", body)["cookie"]
        return {"name": cookie["name"], "value": cookie["value"], "url": self.base_url}

    def citizen_session(self, claims: Mapping[str, Any]) -> dict[str, str]:
        return self._cookie({"identity": dict(claims)})

    def officer_session(self, username: str) -> dict[str, str]:
        return self._cookie({"officer": username})

    def officer_account(self, role: str) -> tuple[str, str]:
        made = self._post("/officers", {"role": ROLES[role]})
        return str(made["username"]), str(made["password"])

    def dossier(
        self,
        procedure: str,
        claims: Mapping[str, Any],
        status: int,
        *,
        paid: bool = False,
        values: Mapping[str, str] | None = None,
    ) -> MadeDossier:
        body = {
            "procedure": procedure,
            "identity": dict(claims),
            "status": status,
            "paid": paid,
            "values": dict(values or {}),
        }
        made = self._post("/dossiers", body)
        return MadeDossier(code=str(made["code"]), due_at=datetime.fromisoformat(made["due_at"]))

    def move_clock(self, offset_days: int) -> None:
        answer = self.http.put(f"{self.base_url}/_test/clock", json={"offset_days": offset_days})
        answer.raise_for_status()

    def set_clock(self, at: datetime) -> None:
        if at.utcoffset() is None:
            raise ValueError(f"set_clock needs an aware moment, not {at!r}")
        answer = self.http.put(f"{self.base_url}/_test/clock", json={"at": at.isoformat()})
        answer.raise_for_status()

    def today(self) -> date:
        now_vn = self.http.get(f"{self.base_url}/_test/clock").json()["now_vn"]
        return datetime.strptime(now_vn, "%Y%m%d%H%M%S").date()

    def outbox(self) -> dict[str, Any]:
        answer = self.http.get(f"{self.base_url}/_test/outbox")
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def drain(self, timeout_s: float = 15.0) -> dict[str, Any]:
        return self._post("/outbox/drain", {"timeout_s": timeout_s})

    def reset(self) -> None:
        self._post("/reset", {})
