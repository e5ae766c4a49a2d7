"""The test API a portal may offer (target profile ``test_api = true``): preconditions
set over HTTP instead of through the user interface.

A page set whose portal has one gives it as ``ui.test_api(http)`` (:class:`OffersTestApi`);
steps never build its URLs, they get ONE object, the ``test_api`` fixture
(fixtures/preconditions.py). The reference portal's adapter is pages/reference/test_api.py.
Without a test API (``test_api = false``) preconditions go through the user interface
(fixtures/preconditions.py), and the scenarios that inherently need it (the clock, the
outbox) carry ``@needs_test_api`` / ``@needs_clock`` and are skipped with their reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, runtime_checkable

import httpx


@dataclass(frozen=True)
class MadeDossier:
    """A dossier the test API made: its code and the due date the portal gave it."""

    code: str
    due_at: datetime


class PortalTestApi(Protocol):
    """What a portal's test API offers the suite (every call over HTTP)."""

    base_url: str

    def citizen_session(self, claims: Mapping[str, Any]) -> dict[str, str]:
        """A citizen signed in with these claims (as the national SSO gives them): the
        session cookie ``{"name", "value", "url"}`` to put into a browser context."""
        ...

    def officer_session(self, username: str) -> dict[str, str]:
        """An officer's (back-office account ``username``) session cookie."""
        ...

    def officer_account(self, role: str) -> tuple[str, str]:
        """A back-office account of one scenario's own in ``role`` (as the scenarios name
        it: "cán bộ một cửa"…): its ``(username, password)``."""
        ...

    def dossier(
        self,
        procedure: str,
        claims: Mapping[str, Any],
        status: int,
        *,
        paid: bool = False,
        values: Mapping[str, str] | None = None,
    ) -> MadeDossier:
        """A dossier of the citizen with ``claims`` for ``procedure`` (MaTTHC), brought to
        ``status`` (TrangThaiHoSo 1..10) along the normal path, every step sent on; its fee
        recorded as paid when ``paid`` (a procedure with a fee: the reference adapter sets
        it with a test transaction, it does not go through the payment platform); the form's
        fields hold ``values`` where given (the portal fills the rest)."""
        ...

    def move_clock(self, offset_days: int) -> None:
        """Move the portal's clock ``offset_days`` whole days from now (0: back to now)."""
        ...

    def set_clock(self, at: datetime) -> None:
        """Set the portal's clock to the moment ``at`` (aware), from which it runs on with
        the real time (``move_clock(0)``: back to now)."""
        ...

    def today(self) -> date:
        """The portal's today (its clock may be moved), in Vietnam."""
        ...

    def outbox(self) -> dict[str, Any]:
        """How many changes the portal has ``delivered``, has ``pending``, had ``rejected``."""
        ...

    def drain(self, timeout_s: float = 15.0) -> dict[str, Any]:
        """Wait (bounded, server side) until the portal has nothing left to send."""
        ...

    def reset(self) -> None:
        """Empty the portal's data (dossiers, payments, outbox); accounts stay."""
        ...


@runtime_checkable
class OffersTestApi(Protocol):
    """A page set whose portal has a test API."""

    def test_api(self, http: httpx.Client) -> PortalTestApi: ...


class TestApiMissing(RuntimeError):
    """The target has no test API (``test_api = false``)."""
